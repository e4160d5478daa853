// The subject access pages, rendered without a server: each state reads as its tag, the deadline's
// arithmetic is shown, the step form offers only the steps that fit, and the bundle page offers
// approval, then release, then the released files.
#include <gtest/gtest.h>

#include "web/subject_access_pages.h"

namespace confide::web {
namespace {

service::SubjectAccessCase Case(int64_t id, const char* state) {
  service::SubjectAccessCase c;
  c.id = id;
  c.person_id = 40 + id;
  c.state = state;
  c.received_on = domain::CivilDate{2026, 11, 2};
  c.intake.requester = service::SarRequester::kParent;
  c.intake.requester_name = "Rose <Marsh>";
  c.intake.request_text = "Everything";
  c.intake.identity_method = "Passport";
  if (std::string(state) != "awaiting_identity") {
    c.deadline.clock = governance::SubjectAccessClock::kRunning;
    c.deadline.due_on = domain::CivilDate{2026, 12, 2};
  }
  c.deadline.explanation = {"Received Monday 2 November 2026.", "One calendar month later: Wednesday 2 December 2026."};
  return c;
}

bool Has(const std::string& page, const std::string& needle) { return page.find(needle) != std::string::npos; }

TEST(SarRegisterPageTest, EachRequestHasItsStateAndDueDateAndAnOverdueOneSaysSo) {
  SarRegisterView v;
  v.requests = {Case(1, "open"), Case(2, "awaiting_identity"), Case(3, "clock_stopped"), Case(4, "released")};
  v.requests[0].overdue = true;
  v.requests[2].deadline.due_on.reset();
  v.requests[2].deadline.clock = governance::SubjectAccessClock::kStopped;
  const std::string page = SarRegisterPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "href=\"/subject-access/1\">Request 1<"));
  EXPECT_TRUE(Has(page, ">Overdue<"));
  EXPECT_TRUE(Has(page, ">Identity awaited<"));
  EXPECT_TRUE(Has(page, "Not started: identity awaited"));
  EXPECT_TRUE(Has(page, "Clock stopped: clarification awaited"));
  EXPECT_TRUE(Has(page, ">Released<"));
  EXPECT_TRUE(Has(page, "2 December 2026"));
  EXPECT_TRUE(Has(page, "href=\"/subject-access?all=1\""));
}

TEST(SarRequestPageTest, ShowsTheArithmeticEscapedAndOnlyTheStepsThatFit) {
  SarRequestView v;
  v.request = Case(7, "awaiting_identity");
  v.request.checks = {"The child was 13 when the request arrived: seek their view."};
  std::string page = SarRequestPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "Rose &lt;Marsh&gt;"));
  EXPECT_FALSE(Has(page, "Rose <Marsh>"));
  EXPECT_TRUE(Has(page, "<li>One calendar month later: Wednesday 2 December 2026.</li>"));
  EXPECT_TRUE(Has(page, "The child was 13"));
  EXPECT_TRUE(Has(page, "value=\"identity_received\""));
  EXPECT_FALSE(Has(page, "value=\"extended\""));  // the clock is not running

  v.request = Case(7, "open");
  page = SarRequestPage({}, {"csrf", ""}, v).body;
  EXPECT_FALSE(Has(page, "value=\"identity_received\""));
  EXPECT_TRUE(Has(page, "value=\"extended\""));
  EXPECT_TRUE(Has(page, "value=\"clarification_requested\""));

  v.request = Case(7, "released");
  page = SarRequestPage({}, {"csrf", ""}, v).body;
  EXPECT_FALSE(Has(page, "action=\"/subject-access/7/steps\""));
}

TEST(SarPreviewPageTest, OffersApprovalThenReleaseThenTheFiles) {
  SarPreviewView v;
  v.request = Case(9, "open");
  v.bundle.header.content_sha256 = "abc123";
  v.bundle.document = "Line <one>\n[redacted] two";
  v.bundle.items = 3;
  std::string page = SarPreviewPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "action=\"/subject-access/9/approve\""));
  EXPECT_TRUE(Has(page, "name=\"content_sha256\" value=\"abc123\""));
  EXPECT_TRUE(Has(page, "Line &lt;one&gt;\n[redacted] two"));
  EXPECT_FALSE(Has(page, "/release\""));

  v.bundle.approved = true;
  page = SarPreviewPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "action=\"/subject-access/9/release\""));

  v.request = Case(9, "released");
  v.request.release = service::SarRelease{"SAR-9-x", "ff", 3, 0, "post"};
  page = SarPreviewPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "href=\"/subject-access/9/bundle.txt\""));
  EXPECT_TRUE(Has(page, "href=\"/subject-access/9/bundle.json\""));
  EXPECT_FALSE(Has(page, "action=\"/subject-access/9/"));
}

}  // namespace
}  // namespace confide::web
