// The "record a request or proposal to share" form, read and checked without a server.
#include "web/sharing_request_form.h"

#include <gtest/gtest.h>

#include "testing/test_util.h"

namespace confide::web {
namespace {

http::Request FormRequest(std::string body) {
  http::Request r;
  r.method = "POST";
  r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  r.body = std::move(body);
  return r;
}

SharingChoices Choices() {
  SharingChoices c;
  c.policy = &sharing::SharingPolicy::Default();
  sharing::Recipient mash;
  mash.id = 7;
  mash.kind = sharing::RecipientKind::kChildrensSocialCare;
  mash.name = "MASH";
  c.recipients.push_back(mash);
  sharing::SharingAgreement a;
  a.id = 3;
  c.agreements.push_back(a);
  return c;
}

std::vector<std::string> ErrorFields(const SharingRequestForm& f) {
  std::vector<std::string> out;
  for (const FieldError& e : f.errors) out.push_back(e.field);
  return out;
}

SharingRequestForm Read(const std::string& body) {
  auto form = FormBody::Parse(FormRequest(body));
  EXPECT_TRUE(form.ok());
  SharingRequestForm f = ReadSharingRequestForm(*form, sharing::SharingPolicy::Default());
  EXPECT_OK(form->Finish());  // every field the page sends is read
  return f;
}

TEST(SharingRequestFormTest, NamesEveryMissingAnswerAgainstItsField) {
  SharingRequestForm f = Read("direction=&recipient=&purpose=&channel=&urgency=routine&details=&reasons=+");
  EXPECT_FALSE(CheckSharingRequestForm(f, Choices(), 12).has_value());
  EXPECT_EQ(ErrorFields(f), (std::vector<std::string>{"direction-incoming", "recipient", "purpose-safeguarding", "category_identity",
                                                     "channel-phone", "reasons"}));
}

TEST(SharingRequestFormTest, ADirectoryEntryGivesTheRecipientsKindAndTicksBecomeTheRequest) {
  SharingRequestForm f = Read(
      "direction=outgoing&recipient=7&recipient_kind=police&purpose=safeguarding&agreement=3&channel=secure_email&urgency=urgent"
      "&category_identity=yes&category_address=yes&answer_significant_harm=yes&document_section_47_request=yes"
      "&reference_section_47_request=+S47-2026-11+&details=&reasons=At+risk");
  auto r = CheckSharingRequestForm(f, Choices(), 12);
  ASSERT_TRUE(r.has_value()) << (f.errors.empty() ? "" : f.errors[0].message);
  EXPECT_EQ(r->person_id, 12);
  EXPECT_EQ(r->recipient_id, 7);
  EXPECT_EQ(r->recipient_kind, sharing::RecipientKind::kChildrensSocialCare);  // the entry's, not the box's
  EXPECT_EQ(r->direction, sharing::Direction::kOutgoing);
  EXPECT_EQ(r->categories, (std::vector<std::string>{"identity", "address"}));
  EXPECT_EQ(r->answers, (std::vector<std::string>{"significant_harm"}));
  ASSERT_EQ(r->documents.size(), 1u);
  EXPECT_EQ(r->documents[0].reference, "S47-2026-11");
  EXPECT_EQ(r->agreement_id, 3);
  EXPECT_TRUE(r->personal_data);
}

TEST(SharingRequestFormTest, RefusesWhatThePageNeverOffered) {
  // A recipient or agreement not in the lists, a document ticked without its reference, and
  // "not in the directory" without a kind.
  SharingRequestForm f = Read("direction=incoming&recipient=99&purpose=safeguarding&agreement=4&channel=phone&urgency=routine"
                              "&category_identity=yes&document_court_order=yes&reasons=x");
  EXPECT_FALSE(CheckSharingRequestForm(f, Choices(), 12).has_value());
  EXPECT_EQ(ErrorFields(f), (std::vector<std::string>{"recipient", "reference_court_order", "agreement"}));
  SharingRequestForm other = Read("direction=incoming&recipient=other&recipient_kind=&purpose=safeguarding&channel=phone"
                                  "&urgency=routine&category_identity=yes&reasons=x");
  EXPECT_FALSE(CheckSharingRequestForm(other, Choices(), 12).has_value());
  EXPECT_EQ(ErrorFields(other), (std::vector<std::string>{"recipient_kind"}));
}

TEST(SharingRequestFormTest, AdviceAskingOnlyForAPseudonymisedSummaryIsNotPersonalData) {
  SharingRequestForm f = Read("direction=advice&recipient=other&recipient_kind=childrens_social_care&purpose=safeguarding"
                              "&channel=phone&urgency=routine&category_pseudonymised_summary=yes&reasons=Advice");
  auto r = CheckSharingRequestForm(f, Choices(), 12);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->recipient_id.has_value());
  EXPECT_FALSE(r->personal_data);
}

}  // namespace
}  // namespace confide::web
