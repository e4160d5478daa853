// The retention pages, rendered without a server: each state reads as its tag, only people who can
// be reviewed get a "Review" link, the schedule's explanation is escaped, and a certificate whose
// signature does not verify says so.
#include <gtest/gtest.h>

#include "web/retention_pages.h"
#include "web/web_routes.h"

namespace confide::web {
namespace {

using service::RetentionState;

governance::RetentionSchedule Schedule() {
  governance::RetentionSchedule s;
  s.classes.push_back({"looked_after_child", "Looked-after child's case record", "Regulation 50",
                       governance::RetentionStart::kDateOfBirth, 75, 6});
  return s;
}

service::RetentionItem Item(domain::PersonId id, RetentionState state) {
  service::RetentionItem item;
  item.person_id = id;
  item.kind = domain::PersonKind::kChild;
  item.state = state;
  item.outcome.class_id = "looked_after_child";
  item.outcome.destroy_on = domain::CivilDate::Parse("2023-03-03").value();
  item.outcome.review_on = domain::CivilDate::Parse("2022-09-03").value();
  item.outcome.explanation = "Kept until 75 years after the date of birth.";
  return item;
}

TEST(RetentionReportPageTest, EachStateHasItsTagAndOnlyReviewablePeopleAReviewLink) {
  const governance::RetentionSchedule schedule = Schedule();
  RetentionReportView v;
  v.schedule = &schedule;
  v.report.today = domain::CivilDate::Parse("2026-12-06").value();
  v.report.people = 9;
  v.report.not_due = 2;
  v.report.hidden = 1;
  v.report.items = {Item(1, RetentionState::kAwaitingReview), Item(2, RetentionState::kApproved), Item(3, RetentionState::kDue),
                    Item(4, RetentionState::kHeld),           Item(5, RetentionState::kRetained), Item(6, RetentionState::kUnknownDate),
                    Item(7, RetentionState::kNotDue)};
  v.report.items[3].hold_ids = {12};
  const http::Response r = RetentionReportPage({}, {"csrf", ""}, v);
  const std::string& page = r.body;
  EXPECT_EQ(r.status, 200);
  for (const char* tag : {"govuk-tag--orange\">Awaiting review", "govuk-tag--blue\">Approved", "govuk-tag--red\">Due",
                          "govuk-tag--purple\">Held", "govuk-tag--grey\">Retained", "govuk-tag--yellow\">Unknown date"}) {
    EXPECT_NE(page.find(tag), std::string::npos) << tag;
  }
  for (int id : {1, 2, 3, 4, 5}) {
    EXPECT_NE(page.find("href=\"/retention/people/" + std::to_string(id) + "\">Review<"), std::string::npos) << id;
  }
  for (int id : {6, 7}) {
    EXPECT_NE(page.find("href=\"/retention/people/" + std::to_string(id) + "\">Details<"), std::string::npos) << id;
  }
  EXPECT_NE(page.find("href=\"/children/1\">Child 1</a>"), std::string::npos);
  EXPECT_NE(page.find("3 March 2023"), std::string::npos) << "dates in UK long form";
  EXPECT_NE(page.find("Hold 12"), std::string::npos);
  EXPECT_NE(page.find("1 person is hidden from you by the access policy"), std::string::npos);
  // One due: the destroy form says how many, with its warning.
  EXPECT_NE(page.find("govuk-warning-text"), std::string::npos);
  EXPECT_NE(page.find("not held: 1 person now"), std::string::npos);
  EXPECT_NE(page.find("action=\"/retention/run\""), std::string::npos);
}

TEST(RetentionReportPageTest, NobodyDueMeansNoDestroyButton) {
  const governance::RetentionSchedule schedule = Schedule();
  RetentionReportView v;
  v.schedule = &schedule;
  v.report.items = {Item(1, RetentionState::kAwaitingReview)};
  const std::string page = RetentionReportPage({}, {"csrf", ""}, v).body;
  EXPECT_EQ(page.find("action=\"/retention/run\""), std::string::npos);
  EXPECT_NE(page.find("Nobody is due for destruction now"), std::string::npos);
}

TEST(RetentionPersonPageTest, TheExplanationIsEscapedAndTheFormShownWhenReviewable) {
  const governance::RetentionSchedule schedule = Schedule();
  RetentionPersonView v;
  v.person_id = 4;
  v.schedule = &schedule;
  v.item = Item(4, RetentionState::kAwaitingReview);
  v.item->outcome.explanation = "Born <script>alert(1)</script> & \"kept\".";
  const std::string page = RetentionPersonPage({}, {"csrf", ""}, v).body;
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_NE(page.find("Born &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kept&quot;."), std::string::npos);
  EXPECT_NE(page.find("action=\"/retention/people/4/review\""), std::string::npos);

  v.item->state = RetentionState::kUnknownDate;
  EXPECT_EQ(RetentionPersonPage({}, {"csrf", ""}, v).body.find("action=\"/retention/people/4/review\""), std::string::npos);
}

TEST(RetentionPersonPageTest, ErrorsAreSummarisedWithA400) {
  const governance::RetentionSchedule schedule = Schedule();
  RetentionPersonView v;
  v.person_id = 4;
  v.schedule = &schedule;
  v.item = Item(4, RetentionState::kAwaitingReview);
  v.form.errors = {{"reason", "Enter the reason for your decision"}};
  const http::Response r = RetentionPersonPage({}, {"csrf", ""}, v);
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"#reason\">Enter the reason for your decision"), std::string::npos);
  EXPECT_NE(r.body.find("<title>Error: "), std::string::npos);
}

TEST(DestructionCertificatesPageTest, AnInvalidSignatureSaysItDoesNotVerify) {
  const governance::RetentionSchedule schedule = Schedule();
  service::DestructionCertificate good;
  good.id = "DC-20261206-aaaa";
  good.body = R"({"count":1,"destroyed":[{"class":"looked_after_child","due_on":"2023-03-03","kind":"child","person_id":470,"records":2}]})";
  good.signature_valid = true;
  service::DestructionCertificate bad = good;
  bad.id = "DC-20261206-bbbb";
  bad.signature_valid = false;

  const std::string verified = DestructionCertificatesPage({}, {"csrf", ""}, {good}, schedule).body;
  EXPECT_NE(verified.find("govuk-tag--green\">Signature verified"), std::string::npos);
  EXPECT_EQ(verified.find("does NOT verify"), std::string::npos);
  EXPECT_NE(verified.find("Child 470"), std::string::npos);
  EXPECT_NE(verified.find("Looked-after child&#39;s case record"), std::string::npos);

  const std::string page = DestructionCertificatesPage({}, {"csrf", ""}, {bad}, schedule).body;
  EXPECT_NE(page.find("govuk-tag--red\">Signature does NOT verify"), std::string::npos);
  EXPECT_EQ(page.find("Signature verified"), std::string::npos);
  // The body is shown as signed, escaped.
  EXPECT_NE(page.find("&quot;person_id&quot;:470"), std::string::npos);

  bad.body = "not json <b>";
  const std::string unreadable = DestructionCertificatesPage({}, {"csrf", ""}, {bad}, schedule).body;
  EXPECT_NE(unreadable.find("The certificate cannot be read"), std::string::npos);
  EXPECT_NE(unreadable.find("not json &lt;b&gt;"), std::string::npos);
}

// A run that destroyed only register entries: the certificate lists them, the run page says so and
// shows no empty table of people; the report lists entries due and held, a register hold in words.
TEST(RetentionRegistersPageTest, RegisterEntriesAreShownOnTheReportTheRunAndTheCertificate) {
  const governance::RetentionSchedule schedule = Schedule();
  service::DestructionCertificate cert;
  cert.id = "DC-20261207-cccc";
  cert.signature_valid = true;
  cert.body = R"({"count":0,"destroyed":[],"register_count":1,"registers_destroyed":[{"closed_on":"2022-02-01","due_on":"2025-02-01","id":5,"register":"foi_request"}]})";
  const std::string page = DestructionCertificatesPage({}, {"csrf", ""}, {cert}, schedule).body;
  EXPECT_NE(page.find("Register entries destroyed"), std::string::npos);
  EXPECT_NE(page.find("FOI requests"), std::string::npos);
  EXPECT_NE(page.find("1 February 2022"), std::string::npos);

  service::RetentionReport run;
  run.today = domain::CivilDate{2026, 12, 7};
  run.applied = true;
  run.certificate_id = cert.id;
  service::RegisterRetentionItem gone;
  gone.kind = service::RegisterKind::kFoiRequest;
  gone.id = 5;
  gone.closed_on = domain::CivilDate{2022, 2, 1};
  gone.due_on = domain::CivilDate{2025, 2, 1};
  gone.state = RetentionState::kDestroyed;
  run.register_items = {gone};
  const std::string result = RetentionRunPage({}, {"csrf", ""}, run, schedule).body;
  EXPECT_NE(result.find("1 register entry was destroyed"), std::string::npos) << result;
  EXPECT_NE(result.find("id=\"registers-destroyed\""), std::string::npos);
  EXPECT_EQ(result.find("The records of"), std::string::npos) << "no people were destroyed";

  RetentionReportView v;
  v.schedule = &schedule;
  v.report.today = run.today;
  service::RegisterRetentionItem held = gone;
  held.kind = service::RegisterKind::kBreach;
  held.id = 9;
  held.state = RetentionState::kHeld;
  held.hold_ids = {3};
  service::RegisterRetentionItem due = gone;
  due.state = RetentionState::kDue;
  v.report.register_items = {due, held};
  v.report.register_not_due = 4;
  service::LegalHold hold;
  hold.id = 3;
  hold.class_id = service::kBreachRegisterHold;
  hold.reason = "ICO enquiry";
  v.holds = {hold};
  const std::string report = RetentionReportPage({}, {"csrf", ""}, v).body;
  EXPECT_NE(report.find("FOI request 5"), std::string::npos);
  EXPECT_NE(report.find("Breach 9"), std::string::npos);
  EXPECT_NE(report.find("hold 3"), std::string::npos);
  EXPECT_NE(report.find("4 closed entries are not yet due"), std::string::npos);
  EXPECT_NE(report.find("The breach register"), std::string::npos) << "the hold in words";
  EXPECT_NE(report.find("and 1 register entry"), std::string::npos) << "the destroy warning counts it";
}

}  // namespace
}  // namespace confide::web
