// The Freedom of Information pages, rendered without a server: the register names no requester and
// says when each request is due or was answered, the request page escapes what was typed and
// offers only the steps that fit, an error links to an input the page has, and a finished request
// has no step form.
#include <gtest/gtest.h>

#include "web/foi_pages.h"

namespace confide::web {
namespace {

service::FoiCase Case(int64_t id, const char* state) {
  service::FoiCase c;
  c.id = id;
  c.state = state;
  c.intake.received_on = domain::CivilDate{2026, 11, 2};
  c.intake.requester_name = "Rose <Marsh>";
  c.intake.request_text = "Placements out of the area";
  c.intake.channel = "web form";
  c.deadline.due_on = domain::CivilDate{2026, 11, 30};
  c.deadline.statutory_due_on = c.deadline.due_on;
  c.deadline.explanation = {"Received Monday 2 November 2026.", "The 20th working day is Monday 30 November 2026."};
  return c;
}

bool Has(const std::string& page, const std::string& needle) { return page.find(needle) != std::string::npos; }

TEST(FoiRegisterPageTest, EachRequestHasItsStateAndDueDateAndNoRequesterName) {
  FoiRegisterView v;
  v.requests = {Case(1, "open"), Case(2, "awaiting_clarification"), Case(3, "responded")};
  v.requests[0].overdue = true;
  v.requests[1].deadline.due_on.reset();
  v.requests[1].deadline.waiting_for = "clarification";
  v.requests[2].answered_on = domain::CivilDate{2026, 12, 1};
  v.requests[2].answered_late = true;
  v.all = true;
  const std::string page = FoiRegisterPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "href=\"/foi/1\">Request 1<"));
  EXPECT_TRUE(Has(page, ">Overdue<"));
  EXPECT_TRUE(Has(page, ">Awaiting clarification<"));
  EXPECT_TRUE(Has(page, "Clock stopped: clarification awaited"));
  EXPECT_TRUE(Has(page, "Answered 1 December 2026, late"));
  EXPECT_TRUE(Has(page, "30 November 2026"));
  EXPECT_TRUE(Has(page, "href=\"/foi/new\""));
  EXPECT_FALSE(Has(page, "Marsh"));
  EXPECT_FALSE(Has(page, "maintained school"));

  v.maintained_school = true;
  EXPECT_TRUE(Has(FoiRegisterPage({}, {"csrf", ""}, v).body, "maintained school"));
}

TEST(FoiRequestPageTest, ShowsTheArithmeticEscapedAndOnlyTheStepsThatFit) {
  FoiRequestView v;
  v.request = Case(7, "open");
  std::string page = FoiRequestPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "Rose &lt;Marsh&gt;"));
  EXPECT_FALSE(Has(page, "Rose <Marsh>"));
  EXPECT_TRUE(Has(page, "Web form"));
  EXPECT_TRUE(Has(page, "<li>The 20th working day is Monday 30 November 2026.</li>"));
  EXPECT_TRUE(Has(page, "action=\"/foi/7/steps\""));
  EXPECT_TRUE(Has(page, "value=\"clarification_requested\""));
  EXPECT_TRUE(Has(page, "value=\"extended\""));
  EXPECT_FALSE(Has(page, "value=\"clarification_received\""));
  EXPECT_TRUE(Has(page, "id=\"exemption_s40_2\""));
  EXPECT_TRUE(Has(page, "id=\"reason_s40_2\""));
  EXPECT_FALSE(Has(page, "id=\"public_interest_s40_2\""));  // absolute: no public interest test
  EXPECT_TRUE(Has(page, "id=\"public_interest_s42\""));
  EXPECT_TRUE(Has(page, "href=\"/subject-access/new\""));

  v.request = Case(7, "awaiting_clarification");
  v.request.deadline.due_on.reset();
  v.request.deadline.waiting_for = "clarification";
  page = FoiRequestPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "value=\"clarification_received\""));
  EXPECT_FALSE(Has(page, "value=\"extended\""));
  EXPECT_TRUE(Has(page, "clarification is awaited"));
}

TEST(FoiRequestPageTest, AnErrorLinksToAnInputThePageHas) {
  FoiRequestView v;
  v.request = Case(7, "open");
  v.step.kind = "responded";
  v.step.outcome = "refused";
  v.step.exemptions["s42"] = {true, "Advice from the council's solicitor", ""};
  v.step.errors = {{"kind", "Choose what happened"}, {"public_interest_s42", "Enter the public interest test for s.42"}};
  const http::Response r = FoiRequestPage({}, {"csrf", ""}, v);
  EXPECT_EQ(r.status, 400);
  // The kind's error goes to the first step offered, which the page has.
  EXPECT_TRUE(Has(r.body, "href=\"#kind-clarification_requested\""));
  EXPECT_TRUE(Has(r.body, "id=\"kind-clarification_requested\""));
  EXPECT_TRUE(Has(r.body, "href=\"#public_interest_s42\""));
  EXPECT_TRUE(Has(r.body, "id=\"public_interest_s42-error\""));
  // What was typed is kept, and the ticked ground's answers are shown.
  EXPECT_TRUE(Has(r.body, "id=\"exemption_s42\" name=\"exemption_s42\" type=\"checkbox\" value=\"yes\" checked"));
  EXPECT_TRUE(Has(r.body, "Advice from the council&#39;s solicitor</textarea>"));
}

TEST(FoiRequestPageTest, AFinishedRequestHasNoFormAndItsErrorsGoToTheSummary) {
  FoiRequestView v;
  v.request = Case(8, "responded");
  v.request.answered_on = domain::CivilDate{2026, 11, 20};
  service::FoiStep reply;
  reply.kind = service::FoiStepKind::kResponded;
  reply.on = domain::CivilDate{2026, 11, 20};
  reply.note = "Figures sent";
  reply.outcome = service::FoiOutcome::kDisclosedInPart;
  reply.exemptions = {{"s40_2", "Small numbers could identify children", ""}};
  v.request.steps = {reply};
  v.step.errors = {{"kind", "FOI request 8 is responded: nothing more can be added"}};
  const http::Response r = FoiRequestPage({}, {"csrf", ""}, v);
  EXPECT_FALSE(Has(r.body, "action=\"/foi/8/steps\""));
  EXPECT_TRUE(Has(r.body, "href=\"#foi-summary\""));
  EXPECT_TRUE(Has(r.body, "id=\"foi-summary\""));
  EXPECT_TRUE(Has(r.body, "Disclosed in part"));
  EXPECT_TRUE(Has(r.body, "s.40(2) Personal data of someone other than the requester"));
  EXPECT_TRUE(Has(r.body, "Small numbers could identify children"));
  EXPECT_TRUE(Has(r.body, "id=\"foi-answered\">20 November 2026<"));
}

}  // namespace
}  // namespace confide::web
