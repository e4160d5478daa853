// The personal data breach pages, rendered without a server: the register carries no account of
// what happened and flags what is overdue, the report form offers every kind and keeps what was
// typed, the confirmation shows nothing of the register, a breach's page escapes what was typed and
// offers only the steps that fit, the candidates' forms have ids of their own, an error links to an
// input the page has, and the forms are read into what the register takes.
#include <gtest/gtest.h>

#include <map>

#include "domain/uk_time.h"
#include "testing/test_util.h"
#include "web/breach_forms.h"
#include "web/breach_pages.h"
#include "web/html.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

using service::BreachKind;
using service::BreachStepKind;

constexpr UnixMicros kHour = 3600LL * 1000000;

UnixMicros At(int day, int hour, int minute) { return domain::FromUkLocal(domain::CivilDate{2026, 11, day}, hour, minute); }

service::BreachCase Case(int64_t id, const char* state) {
  service::BreachCase c;
  c.id = id;
  c.state = state;
  c.recorded_by = 4;
  c.recorded_at = At(2, 10, 0);
  c.report.kind = BreachKind::kMisdirectedEmail;
  c.report.became_aware_at = At(2, 9, 30);
  c.report.discovered_by = "The recipient";
  c.report.what_happened = "A plan sent to <Rose Marsh>";
  c.report.data_affected = "A child protection plan";
  c.report.people_affected = 3;
  c.report.immediate_action = "Asked the recipient to delete it";
  c.people_affected = 3;
  c.people = {12, 40};
  c.deadline.became_aware_at = c.report.became_aware_at;
  c.deadline.report_by = c.report.became_aware_at + 72 * kHour;
  c.deadline.explanation = {"Became aware Monday 2 November 2026 at 09:30.", "72 hours later is Thursday 5 November 2026 at 09:30."};
  return c;
}

governance::BreachRisk HighRisk() {
  governance::BreachRisk r;
  r.level = governance::BreachRiskLevel::kHighRisk;
  r.report_to_ico = true;
  r.tell_people = true;
  r.words = "A high risk: report to the ICO and tell the people affected.";
  return r;
}

bool Has(const std::string& page, const std::string& needle) { return page.find(needle) != std::string::npos; }

// Every id the page gives more than one element: each must be unique for labels and error links.
std::vector<std::string> RepeatedIds(const std::string& page) {
  // Plain scanning, not std::regex: GCC 12 at -O1 (the sanitizer build) warns falsely inside <regex>.
  std::map<std::string, int> seen;
  const std::string marker = " id=\"";
  for (size_t at = page.find(marker); at != std::string::npos; at = page.find(marker, at + 1)) {
    const size_t start = at + marker.size();
    const size_t end = page.find('"', start);
    if (end == std::string::npos) break;
    ++seen[page.substr(start, end - start)];
  }
  std::vector<std::string> repeated;
  for (const auto& [name, n] : seen) {
    if (n > 1) repeated.push_back(name);
  }
  return repeated;
}

std::string KindValue(BreachKind k) { return "value=\"" + std::string(service::ToString(k)) + "\""; }

TEST(BreachRegisterPageTest, EachBreachHasItsClockStateAndRiskAndNoAccountOfWhatHappened) {
  BreachRegisterView v;
  v.breaches = {Case(1, "awaiting_decision"), Case(2, "to_report"), Case(3, "reported")};
  v.breaches[0].overdue = true;
  v.breaches[1].risk = HighRisk();
  v.breaches[2].reported_at = v.breaches[2].report.became_aware_at + 73 * kHour;
  v.breaches[2].reported_late = true;
  const std::string page = BreachRegisterPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "href=\"/breaches/1\">Breach 1<"));
  EXPECT_TRUE(Has(page, Escape(service::KindWords(BreachKind::kMisdirectedEmail))));
  EXPECT_TRUE(Has(page, "2 November 2026, 09:30"));
  EXPECT_TRUE(Has(page, "5 November 2026, 09:30 " + Tag("red", "Overdue")));
  EXPECT_TRUE(Has(page, ">Awaiting a decision<"));
  EXPECT_TRUE(Has(page, ">To report to the ICO<"));
  EXPECT_TRUE(Has(page, ">A high risk<"));
  EXPECT_TRUE(Has(page, "Not assessed"));
  EXPECT_TRUE(Has(page, "Reported 5 November 2026, 10:30, late"));
  EXPECT_TRUE(Has(page, "href=\"/breaches/report\""));
  EXPECT_TRUE(Has(page, "href=\"/breaches/candidates\""));
  EXPECT_TRUE(Has(page, "href=\"/breaches?all=true\""));
  EXPECT_FALSE(Has(page, "Rose Marsh"));
  EXPECT_FALSE(Has(page, "child protection plan"));

  v.all = true;
  EXPECT_TRUE(Has(BreachRegisterPage({}, {"csrf", ""}, v).body, "Show open breaches only"));
}

TEST(BreachReportPageTest, OffersEveryKindAndKeepsWhatWasTypedWithItsErrors) {
  std::string page = BreachReportPage({}, {"csrf", ""}, {}).body;
  for (BreachKind k : service::AllBreachKinds()) {
    EXPECT_TRUE(Has(page, KindValue(k))) << service::ToString(k);
    EXPECT_TRUE(Has(page, Escape(service::KindWords(k)))) << service::ToString(k);
  }
  EXPECT_TRUE(Has(page, "action=\"/breaches/report\""));
  EXPECT_TRUE(Has(page, "name=\"csrf_token\" value=\"csrf\""));
  for (const char* id : {"aware_day", "aware_hour", "aware_minute", "happened_day", "happened_hour", "discovered_by", "what_happened",
                         "data_affected", "people_affected", "people", "immediate_action"}) {
    EXPECT_TRUE(Has(page, "id=\"" + std::string(id) + "\"")) << id;
  }
  EXPECT_TRUE(RepeatedIds(page).empty());

  BreachReportForm f;
  f.kind = std::string(service::ToString(BreachKind::kLostDevice));
  f.what_happened = "Sent to <the wrong school>";
  f.errors = {{BreachKindField(), "Choose what kind of breach it is"},
              {"aware_day", "Enter when we became aware of it: a real date, and a time such as 14 and 30"},
              {"people", "Enter Confide ids as numbers separated by commas"}};
  const http::Response r = BreachReportPage({}, {"csrf", ""}, f);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r.body, "Error: Report a personal data breach"));
  for (const FieldError& e : f.errors) {
    EXPECT_TRUE(Has(r.body, "href=\"#" + e.field + "\"")) << e.field;
    EXPECT_TRUE(Has(r.body, "id=\"" + e.field + "\"")) << e.field;
  }
  EXPECT_TRUE(Has(r.body, "type=\"radio\" " + KindValue(BreachKind::kLostDevice) + " checked"));
  EXPECT_TRUE(Has(r.body, "Sent to &lt;the wrong school&gt;</textarea>"));
  EXPECT_TRUE(Has(r.body, "id=\"people-error\""));
}

TEST(BreachReportedPageTest, SaysTheNumberAndNothingOfTheRegister) {
  const http::Response r = BreachReportedPage({}, {"csrf", ""}, 7);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Breach 7 reported"));
  EXPECT_TRUE(Has(r.body, "It is in the data protection officer's breach register"));
  EXPECT_FALSE(Has(r.body, "href=\"/breaches/7\""));
  EXPECT_FALSE(Has(r.body, "href=\"/breaches\""));
}

TEST(BreachPageTest, ShowsTheReportEscapedTheArithmeticTheWarningsAndTheTimeline) {
  BreachView v;
  v.breach = Case(7, "awaiting_decision");
  v.breach.warnings = {"The people affected by a <high> risk breach have not been told."};
  service::BreachStep assessed;
  assessed.id = 1;
  assessed.kind = BreachStepKind::kAssessed;
  assessed.at = At(2, 11, 0);
  assessed.recorded_by = 9;
  assessed.note = "The recipient is the <other> parent";
  assessed.likelihood = governance::BreachLikelihood::kLikely;
  assessed.severity = governance::BreachSeverity::kSignificant;
  assessed.risk = HighRisk();
  v.breach.steps = {assessed};
  v.breach.risk = HighRisk();
  std::string page = BreachPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "A plan sent to &lt;Rose Marsh&gt;"));
  EXPECT_FALSE(Has(page, "<Rose Marsh>"));
  EXPECT_TRUE(Has(page, "Person 12, Person 40"));
  EXPECT_TRUE(Has(page, "id=\"breach-report-by\">5 November 2026, 09:30<"));
  EXPECT_TRUE(Has(page, "<li>72 hours later is Thursday 5 November 2026 at 09:30.</li>"));
  EXPECT_TRUE(Has(page, "govuk-warning-text"));
  EXPECT_TRUE(Has(page, "a &lt;high&gt; risk breach"));
  EXPECT_TRUE(Has(page, "id=\"breach-risk\">A high risk: report to the ICO and tell the people affected.<"));
  EXPECT_TRUE(Has(page, "id=\"breach-steps\""));
  EXPECT_TRUE(Has(page, ">Risk assessed<"));
  EXPECT_TRUE(Has(page, "2 November 2026, 11:00, recorded by staff member 9"));
  EXPECT_TRUE(Has(page, "The recipient is the &lt;other&gt; parent"));
  EXPECT_TRUE(Has(page, ">Likely<"));
  EXPECT_TRUE(Has(page, ">Significant<"));
  EXPECT_TRUE(Has(page, "action=\"/breaches/7/steps\""));
  for (const char* id : {"kind", "at_day", "at_hour", "note", "likelihood-remote", "severity-minimal", "people_affected", "more_people",
                         "report-yes", "ico_reference", "delay_reason", "told-yes"}) {
    EXPECT_TRUE(Has(page, "id=\"" + std::string(id) + "\"")) << id;
  }
  EXPECT_TRUE(RepeatedIds(page).empty());
  // No decision yet: nothing to report, nothing to close on.
  EXPECT_TRUE(Has(page, "value=\"decided\""));
  EXPECT_FALSE(Has(page, "value=\"reported\""));
  EXPECT_FALSE(Has(page, "value=\"closed\""));
  EXPECT_FALSE(Has(page, ">Overdue<"));

  v.breach.state = "to_report";
  v.breach.overdue = true;
  page = BreachPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(Has(page, "value=\"reported\""));
  EXPECT_TRUE(Has(page, "value=\"closed\""));
  EXPECT_TRUE(Has(page, ">Overdue<"));
  EXPECT_TRUE(Has(page, "The 72 hours have passed"));

  v.breach.state = "reported";
  v.breach.overdue = false;
  v.breach.reported_at = v.breach.report.became_aware_at + 80 * kHour;
  v.breach.reported_late = true;
  page = BreachPage({}, {"csrf", ""}, v).body;
  EXPECT_FALSE(Has(page, "value=\"decided\""));
  EXPECT_FALSE(Has(page, "value=\"reported\""));
  EXPECT_TRUE(Has(page, "id=\"breach-reported-at\">5 November 2026, 17:30<"));
  EXPECT_TRUE(Has(page, ">Late<"));
}

TEST(BreachPageTest, AnErrorLinksToAnInputThePageHasAndAClosedBreachHasNoForm) {
  BreachView v;
  v.breach = Case(7, "awaiting_decision");
  v.step.kind = "assessed";
  v.step.note = "Sent to the <wrong> address";
  v.step.errors = {{"likelihood-remote", "Choose how likely it is"}, {"at_day", "Enter when it happened"}};
  http::Response r = BreachPage({}, {"csrf", ""}, v);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r.body, "href=\"#likelihood-remote\""));
  EXPECT_TRUE(Has(r.body, "id=\"likelihood-error\""));
  EXPECT_TRUE(Has(r.body, "href=\"#at_day\""));
  EXPECT_TRUE(Has(r.body, "<option value=\"assessed\" selected>"));
  EXPECT_TRUE(Has(r.body, "Sent to the &lt;wrong&gt; address</textarea>"));

  v.breach = Case(8, "closed");
  v.step = {};
  v.step.errors = {{"kind", "Breach 8 is closed: nothing more can be added"}};
  r = BreachPage({}, {"csrf", ""}, v);
  EXPECT_FALSE(Has(r.body, "action=\"/breaches/8/steps\""));
  EXPECT_TRUE(Has(r.body, "href=\"#breach-summary\""));
  EXPECT_TRUE(Has(r.body, "id=\"breach-summary\""));
  EXPECT_TRUE(Has(r.body, ">Closed<"));
}

service::BreachCandidate Candidate(std::string source, std::string kind, UnixMicros at, BreachKind suggested) {
  service::BreachCandidate c;
  c.source = std::move(source);
  c.kind = std::move(kind);
  c.at = at;
  c.staff_id = 3;
  c.person_id = 40;
  c.suggested_kind = suggested;
  c.detail = "Reason given: <urgent>";
  return c;
}

TEST(BreachCandidatesPageTest, EachCandidateHasItsOwnFormsWithTheSuggestions) {
  BreachCandidatesView v;
  v.candidates = {Candidate("break_glass/12", "break_glass", At(2, 14, 5), BreachKind::kUnauthorisedViewing),
                  Candidate("anomaly/many_children/8812", "anomaly", At(1, 9, 0), BreachKind::kUnauthorisedViewing)};
  std::string page = BreachCandidatesPage({}, {"csrf", ""}, v).body;
  EXPECT_TRUE(RepeatedIds(page).empty());
  EXPECT_TRUE(Has(page, "id=\"candidate-break_glass-12\""));
  EXPECT_TRUE(Has(page, "id=\"candidate-anomaly-many_children-8812-kind\""));
  EXPECT_TRUE(Has(page, "<option " + KindValue(BreachKind::kUnauthorisedViewing) + " selected>"));
  EXPECT_TRUE(Has(page, "name=\"candidate-break_glass-12-aware_day\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" value=\"2\""));
  EXPECT_TRUE(Has(page, "name=\"candidate-break_glass-12-aware_hour\" type=\"text\" inputmode=\"numeric\" value=\"14\""));
  EXPECT_TRUE(Has(page, "name=\"candidate-break_glass-12-aware_minute\" type=\"text\" inputmode=\"numeric\" value=\"05\""));
  EXPECT_TRUE(Has(page, "Reason given: &lt;urgent&gt;"));
  EXPECT_TRUE(Has(page, "action=\"/breaches/candidates/open\""));
  EXPECT_TRUE(Has(page, "action=\"/breaches/candidates/dismiss\""));
  EXPECT_TRUE(Has(page, "name=\"source\" value=\"break_glass/12\""));
  EXPECT_TRUE(Has(page, "name=\"days\" value=\"90\""));

  CandidateForm typed;
  typed.opening = true;
  typed.kind = std::string(service::ToString(BreachKind::kUnauthorisedDisclosure));
  typed.aware_day = "2";
  typed.aware_month = "11";
  typed.aware_year = "2026";
  typed.aware_hour = "15";
  typed.aware_minute = "00";
  typed.errors = {{"candidate-break_glass-12-what_happened", "Enter what happened"}};
  v.typed["break_glass/12"] = typed;
  const http::Response r = BreachCandidatesPage({}, {"csrf", ""}, v);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(Has(r.body, "href=\"#candidate-break_glass-12-what_happened\""));
  EXPECT_TRUE(Has(r.body, "id=\"candidate-break_glass-12-what_happened-error\""));
  EXPECT_TRUE(Has(r.body, "<option " + KindValue(BreachKind::kUnauthorisedDisclosure) + " selected>"));
  EXPECT_TRUE(Has(r.body, "name=\"candidate-break_glass-12-aware_hour\" type=\"text\" inputmode=\"numeric\" value=\"15\""));
  // The other candidate keeps its suggestion.
  EXPECT_TRUE(Has(r.body, "name=\"candidate-anomaly-many_children-8812-aware_hour\" type=\"text\" inputmode=\"numeric\" value=\"9\""));

  v = {};
  EXPECT_TRUE(Has(BreachCandidatesPage({}, {"csrf", ""}, v).body, "id=\"no-candidates\""));
}

http::Request FormRequest(std::string body) {
  http::Request r;
  r.method = "POST";
  r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  r.body = std::move(body);
  return r;
}

constexpr std::string_view kEmptyReport =
    "kind=&aware_day=&aware_month=&aware_year=&aware_hour=&aware_minute=&happened_day=&happened_month=&happened_year=&"
    "happened_hour=&happened_minute=&discovered_by=&what_happened=&data_affected=&people_affected=&people=&immediate_action=";

TEST(BreachFormsTest, PeopleAndCounts) {
  EXPECT_TRUE(PeopleFromText("12, 40 12") == (std::vector<domain::PersonId>{12, 40}));
  EXPECT_TRUE(PeopleFromText(" ") == std::vector<domain::PersonId>{});
  EXPECT_FALSE(PeopleFromText("12, Rose").has_value());
  EXPECT_FALSE(PeopleFromText("0").has_value());
  EXPECT_TRUE(CountFromText(" 0 ") == 0);
  EXPECT_TRUE(CountFromText("25") == 25);
  EXPECT_FALSE(CountFromText("-1").has_value());
  EXPECT_FALSE(CountFromText("").has_value());
}

TEST(BreachFormsTest, AnEmptyReportNamesEveryMissingAnswerInThePagesOrder) {
  ASSERT_OK_AND_ASSIGN(FormBody form, FormBody::Parse(FormRequest(std::string(kEmptyReport))));
  BreachReportForm f;
  EXPECT_FALSE(ReadBreachReport(form, f, At(3, 12, 0)).has_value());
  EXPECT_OK(form.Finish());  // every field the page sends is read
  std::vector<std::string> fields;
  for (const FieldError& e : f.errors) fields.push_back(e.field);
  // Only the kind, when we became aware and what happened are required: the rest can wait.
  EXPECT_EQ(fields, (std::vector<std::string>{BreachKindField(), "aware_day", "what_happened"}));
}

TEST(BreachFormsTest, AReportIsReadInUkTime) {
  const std::string body = "kind=" + std::string(service::ToString(BreachKind::kLostDevice)) +
                           "&aware_day=2&aware_month=11&aware_year=2026&aware_hour=9&aware_minute=30&happened_day=1&happened_month=11&"
                           "happened_year=2026&happened_hour=18&happened_minute=00&discovered_by=A+colleague&what_happened=Laptop+left+"
                           "on+a+train&data_affected=Case+notes&people_affected=3&people=12%2C+40&immediate_action=Reported+to+IT";
  ASSERT_OK_AND_ASSIGN(FormBody form, FormBody::Parse(FormRequest(body)));
  BreachReportForm f;
  const std::optional<service::BreachReport> r = ReadBreachReport(form, f, At(3, 12, 0));
  EXPECT_OK(form.Finish());
  ASSERT_TRUE(r.has_value()) << (f.errors.empty() ? "" : f.errors[0].message);
  EXPECT_EQ(r->kind, BreachKind::kLostDevice);
  EXPECT_EQ(r->became_aware_at, At(2, 9, 30));
  EXPECT_TRUE(r->happened_at == At(1, 18, 0));
  EXPECT_EQ(r->discovered_by, "A colleague");
  EXPECT_EQ(r->people_affected, 3);
  EXPECT_EQ(r->people, (std::vector<domain::PersonId>{12, 40}));

  // Awareness still to come, and a happening after it, are named against their dates.
  ASSERT_OK_AND_ASSIGN(FormBody early, FormBody::Parse(FormRequest(body)));
  BreachReportForm g;
  EXPECT_FALSE(ReadBreachReport(early, g, At(2, 9, 0)).has_value());
  ASSERT_FALSE(g.errors.empty());
  EXPECT_EQ(g.errors[0].field, "aware_day");
  std::string later = body;
  later.replace(later.find("happened_day=1"), std::string("happened_day=1").size(), "happened_day=3");
  ASSERT_OK_AND_ASSIGN(FormBody after, FormBody::Parse(FormRequest(later)));
  BreachReportForm h;
  EXPECT_FALSE(ReadBreachReport(after, h, At(4, 12, 0)).has_value());
  ASSERT_EQ(h.errors.size(), 1u);
  EXPECT_EQ(h.errors[0].field, "happened_day");
}

constexpr std::string_view kStepRest =
    "&at_day=2&at_month=11&at_year=2026&at_hour=11&at_minute=00&people_affected=&more_people=&ico_reference=&delay_reason=";

TEST(BreachFormsTest, AStepTakesOnlyTheAnswersForItsKind) {
  ASSERT_OK_AND_ASSIGN(FormBody bare, FormBody::Parse(FormRequest("kind=assessed&note=Sent+to+a+parent&likelihood=&severity=&report=&told=" +
                                                                  std::string(kStepRest))));
  BreachStepForm f;
  EXPECT_FALSE(ReadBreachStep(bare, f, At(3, 12, 0)).has_value());
  EXPECT_OK(bare.Finish());
  ASSERT_EQ(f.errors.size(), 2u);
  EXPECT_EQ(f.errors[0].field, "likelihood-remote");
  EXPECT_EQ(f.errors[1].field, "severity-minimal");

  // A decision ignores the assessment's answers left on the form.
  ASSERT_OK_AND_ASSIGN(FormBody decided, FormBody::Parse(FormRequest("kind=decided&note=No+risk&likelihood=likely&severity=&report=no&told=" +
                                                                     std::string(kStepRest))));
  BreachStepForm g;
  const std::optional<service::BreachStepInput> step = ReadBreachStep(decided, g, At(3, 12, 0));
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(step->kind, BreachStepKind::kDecided);
  EXPECT_EQ(step->at, At(2, 11, 0));
  EXPECT_TRUE(step->report == false);
  EXPECT_FALSE(step->likelihood.has_value());

  ASSERT_OK_AND_ASSIGN(FormBody reported, FormBody::Parse(FormRequest("kind=reported&note=Online+form&likelihood=&severity=&report=&told=" +
                                                                      std::string(kStepRest))));
  BreachStepForm h;
  EXPECT_FALSE(ReadBreachStep(reported, h, At(3, 12, 0)).has_value());
  ASSERT_EQ(h.errors.size(), 1u);
  EXPECT_EQ(h.errors[0].field, "ico_reference");
}

TEST(BreachFormsTest, RefusalsAreNamedAgainstTheirInputs) {
  // The register's own words (service/breach.cc).
  EXPECT_EQ(ReportFieldFor("no person with id 12"), "people");
  EXPECT_EQ(ReportFieldFor("person 12 is named twice"), "people");
  EXPECT_EQ(ReportFieldFor("what happened is longer than 4,000 characters"), "what_happened");
  EXPECT_EQ(ReportFieldFor("who discovered it is longer than 4,000 characters"), "discovered_by");
  EXPECT_EQ(ReportFieldFor("what data was affected is longer than 4,000 characters"), "data_affected");
  EXPECT_EQ(ReportFieldFor("what was done at once is longer than 4,000 characters"), "immediate_action");
  EXPECT_EQ(ReportFieldFor("the number of people affected is 0 (not yet known) or more"), "people_affected");
  EXPECT_EQ(ReportFieldFor("it cannot have happened after the organisation became aware of it"), "happened_day");
  EXPECT_EQ(ReportFieldFor("the time it happened is outside the years Confide works out deadlines for"), "happened_day");
  EXPECT_EQ(ReportFieldFor("the time of becoming aware is in the future"), "aware_day");
  EXPECT_EQ(StepFieldFor("the report is after the 72 hours: give the reasons for the delay"), "delay_reason");
  EXPECT_EQ(StepFieldFor("the report is within the 72 hours: there is no delay to explain"), "delay_reason");
  EXPECT_EQ(StepFieldFor("the ICO's reference is required"), "ico_reference");
  EXPECT_EQ(StepFieldFor("no person with id 12"), "more_people");
  EXPECT_EQ(StepFieldFor("a note (what the step rests on, the reasons, what was done) is required"), "note");
  EXPECT_EQ(StepFieldFor("a decision says whether the breach is reported to the ICO"), "report-yes");
  EXPECT_EQ(StepFieldFor("say whether the people affected were told (and how), or why not"), "told-yes");
  EXPECT_EQ(StepFieldFor("the time of a step cannot be before the organisation became aware of the breach"), "at_day");
  EXPECT_EQ(StepFieldFor("steps are recorded in order: a later step is already recorded"), "at_day");
  EXPECT_EQ(StepFieldFor("record the decision to report it (with the reasons) first"), "kind");
  EXPECT_EQ(StepFieldFor("the breach has been reported to the ICO: the decision stands"), "kind");
  EXPECT_EQ(StepFieldFor("breach 7 is closed: nothing more can be added"), "kind");
}

}  // namespace
}  // namespace confide::web
