// One breach: the report, the 72 hours with the arithmetic, the risk as assessed, where the record
// departs from the assessment (warnings), the steps as a timeline and, until it is closed, the form
// for the next step (web/breach_pages.h).
#include "domain/uk_time.h"
#include "web/breach_pages.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

bool Finished(const service::BreachCase& c) { return c.state == "closed" || c.state == "destroyed"; }

// Text typed by someone, or a dash for none (a breach opened from a candidate has no reporter's words).
std::string Text(std::string_view s) { return s.empty() ? "–" : Escape(s); }

std::string Summary(const service::BreachCase& c) {
  const service::BreachReport& r = c.report;
  std::string m = "<dl class=\"govuk-summary-list\" id=\"breach-summary\">";
  m += SummaryRow("Kind", Escape(service::KindWords(r.kind)));
  m += SummaryRow("Became aware", "<span id=\"breach-aware\">" + Escape(domain::FormatUkDateTime(r.became_aware_at)) + "</span>");
  m += SummaryRow("Happened", r.happened_at ? Escape(domain::FormatUkDateTime(*r.happened_at)) : "Not known");
  m += SummaryRow("Discovered by", Text(r.discovered_by));
  m += SummaryRow("What happened", Text(r.what_happened));
  m += SummaryRow("Personal data involved", Text(r.data_affected));
  m += SummaryRow("People affected", c.people_affected > 0 ? std::to_string(c.people_affected) : "Not known yet");
  m += SummaryRow("People in Confide", Escape(BreachPeopleWords(c.people)));
  m += SummaryRow("Done at once", Text(r.immediate_action));
  if (!c.source.empty()) m += SummaryRow("Raised from", "<code>" + Escape(c.source) + "</code>");
  m += SummaryRow("Recorded", Escape(domain::FormatUkDateTime(c.recorded_at) + " by staff member " + std::to_string(c.recorded_by)));
  m += SummaryRow("State", BreachStateTag(c));
  m += SummaryRow("Risk", BreachRiskTag(c.risk));
  if (c.reported_at) {
    m += SummaryRow("Reported to the ICO", "<span id=\"breach-reported-at\">" + Escape(domain::FormatUkDateTime(*c.reported_at)) +
                                               "</span>" + (c.reported_late ? " " + Tag("red", "Late") : std::string()));
  }
  if (c.people_told) m += SummaryRow("The people affected", *c.people_told ? "Told" : "Not told");
  return m + "</dl>";
}

// When the 72 hours end and how that was worked out, a sentence a step.
std::string Deadline(const service::BreachCase& c) {
  std::string m = "<h2 class=\"govuk-heading-m\">The 72 hours</h2>";
  m += "<p class=\"govuk-body\">Report to the ICO by <strong id=\"breach-report-by\">" +
       Escape(domain::FormatUkDateTime(c.deadline.report_by)) + "</strong>" +
       (c.overdue ? " " + Tag("red", "Overdue") : std::string()) + "</p>";
  if (c.overdue) m += WarningText("The 72 hours have passed with no report to the ICO and no decision not to report.");
  std::string items;
  for (const std::string& line : c.deadline.explanation) items += "<li>" + Escape(line) + "</li>";
  if (!items.empty()) {
    m += "<h3 class=\"govuk-heading-s\">How the time was worked out</h3><ol class=\"govuk-list govuk-list--number\" "
         "id=\"breach-explanation\">" + items + "</ol>";
  }
  return m;
}

std::string Risk(const service::BreachCase& c) {
  return "<h2 class=\"govuk-heading-m\">Risk</h2><p class=\"govuk-body\" id=\"breach-risk\">" +
         (c.risk ? Escape(c.risk->words) : std::string("Not assessed yet.")) + "</p>";
}

// What a step records beyond its note.
std::string StepDetails(const service::BreachStep& s) {
  std::string rows;
  if (s.likelihood) rows += SummaryRow("Likelihood of harm", Escape(BreachLikelihoodWords(*s.likelihood)));
  if (s.severity) rows += SummaryRow("Severity of harm", Escape(BreachSeverityWords(*s.severity)));
  if (s.risk) rows += SummaryRow("Assessed as", BreachRiskTag(s.risk) + " " + Escape(s.risk->words));
  if (s.people_affected) rows += SummaryRow("People affected", std::to_string(*s.people_affected));
  if (!s.people.empty()) rows += SummaryRow("People in Confide added", Escape(BreachPeopleWords(s.people)));
  if (!s.ico_reference.empty()) rows += SummaryRow("ICO reference", Escape(s.ico_reference));
  if (!s.delay_reason.empty()) rows += SummaryRow("Reasons for the delay", Escape(s.delay_reason));
  if (rows.empty()) return "";
  return "<dl class=\"govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2\">" + rows + "</dl>";
}

// The steps in the order they happened, each with when, who recorded it and what it says.
std::string Timeline(const service::BreachCase& c) {
  std::string m = "<h2 class=\"govuk-heading-m\">What has been done</h2>";
  if (c.steps.empty()) return m + "<p class=\"govuk-body\" id=\"no-steps\">Nothing has been recorded since the report.</p>";
  m += "<ol class=\"confide-timeline\" id=\"breach-steps\">";
  for (const service::BreachStep& s : c.steps) {
    m += "<li class=\"confide-timeline__item\" id=\"step-" + std::to_string(s.id) + "\"><h3 class=\"govuk-heading-s "
         "govuk-!-margin-bottom-1\">" + Escape(BreachStepWords(s)) + "</h3><p class=\"govuk-body-s govuk-!-margin-bottom-1\">" +
         Escape(domain::FormatUkDateTime(s.at)) + ", recorded by staff member " + std::to_string(s.recorded_by) + "</p>";
    if (!s.note.empty()) m += "<p class=\"govuk-body confide-timeline__note\">" + Escape(s.note) + "</p>";
    m += StepDetails(s) + "</li>";
  }
  return m + "</ol>";
}

// The steps that fit the breach as it stands (the register refuses the rest): a report only once
// the decision is to report, no new decision once it is reported, closing only after a decision.
std::vector<SelectOption> StepKinds(const service::BreachCase& c) {
  std::vector<SelectOption> kinds = {{"", "Choose what happened"}};
  auto add = [&kinds](service::BreachStepKind k) { kinds.push_back({std::string(service::ToString(k)), BreachStepKindWords(k)}); };
  add(service::BreachStepKind::kAssessed);
  if (!c.reported_at) add(service::BreachStepKind::kDecided);
  if (c.state == "to_report") add(service::BreachStepKind::kReported);
  add(service::BreachStepKind::kPeopleTold);
  add(service::BreachStepKind::kAction);
  if (c.state != "awaiting_decision") add(service::BreachStepKind::kClosed);
  return kinds;
}

// The step form's errors where the page shows them: once the breach is closed (no form), on its summary.
std::vector<FieldError> StepErrors(const BreachView& v) {
  std::vector<FieldError> errors = v.step.errors;
  if (Finished(v.breach)) {
    for (FieldError& e : errors) e.field = "breach-summary";
  }
  return errors;
}

bool HasError(const std::vector<FieldError>& errors, std::string_view field) {
  for (const FieldError& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

std::string StepForm(const BreachView& v, const std::vector<FieldError>& errors, const SignedIn& who) {
  const BreachStepForm& f = v.step;
  std::string m = "<h2 class=\"govuk-heading-m\" id=\"add-step\">Record a step</h2>" +
                  OpenForm("/breaches/" + std::to_string(v.breach.id) + "/steps", who.csrf);
  m += SelectGroup("kind", "What happened", StepKinds(v.breach), f.kind, errors);
  m += DateInputGroup("at", "When", "In UK time, for example 28 3 2026", f.at_day, f.at_month, f.at_year, errors);
  m += TimeInputs("at", f.at_hour, f.at_minute, HasError(errors, "at_day"));
  m += TextareaGroup("note", "Note",
                     "For an assessment, what it rests on; for a decision, the reasons; for the report, how it was made; for "
                     "the people affected, how and what they were told, or why they were not; for an action, what was done; "
                     "for closing, the lessons learned",
                     f.note, errors, 4);
  m += RadiosGroup("likelihood", "If an assessment: how likely it is that the people affected come to harm",
                   {{"remote", BreachLikelihoodWords(governance::BreachLikelihood::kRemote), "It would take something unusual"},
                    {"possible", BreachLikelihoodWords(governance::BreachLikelihood::kPossible), "It could well happen"},
                    {"likely", BreachLikelihoodWords(governance::BreachLikelihood::kLikely), "It is to be expected, or has happened"}},
                   f.likelihood, errors);
  m += RadiosGroup("severity", "If an assessment: how severe the harm could be",
                   {{"minimal", BreachSeverityWords(governance::BreachSeverity::kMinimal), "Inconvenience, soon overcome"},
                    {"significant", BreachSeverityWords(governance::BreachSeverity::kSignificant),
                     "Distress, or harm overcome with some difficulty"},
                    {"severe", BreachSeverityWords(governance::BreachSeverity::kSevere),
                     "Lasting harm, or a risk to someone's safety: a child's whereabouts reaching someone who poses a risk"}},
                   f.severity, errors);
  TextInput count = PlainInput("people_affected", "If an assessment: how many people it affects now (optional)", f.people_affected);
  count.inputmode = "numeric";
  count.classes = "govuk-input--width-5";
  m += TextInputGroup(count, errors);
  TextInput people = PlainInput("more_people", "If an assessment: more people in Confide it is about (optional)", f.more_people);
  people.hint = "Their Confide ids, separated by commas, for example 12, 40";
  people.classes = "govuk-!-width-one-half";
  m += TextInputGroup(people, errors);
  m += RadiosGroup("report", "If a decision: report it to the ICO?",
                   {{"yes", "Yes, report it", "It is likely to result in a risk to people's rights and freedoms"},
                    {"no", "No, do not report it", "It is unlikely to result in a risk: the reasons go in the note"}},
                   f.report, errors);
  TextInput reference = PlainInput("ico_reference", "If reported: the ICO's reference", f.ico_reference);
  reference.classes = "govuk-input--width-20";
  m += TextInputGroup(reference, errors);
  m += TextareaGroup("delay_reason", "If reported after the 72 hours: the reasons for the delay",
                     "A report made after 72 hours gives the reasons for the delay (Article 33(1))", f.delay_reason, errors, 2);
  m += RadiosGroup("told", "If about the people affected: were they told?",
                   {{"yes", "Yes, they were told", "How and what goes in the note"},
                    {"no", "No", "Why not goes in the note: for example, the data was encrypted, or the risk is no longer high "
                                 "(Article 34(3))"}},
                   f.told, errors);
  return m + SubmitButton("Record the step") + std::string(kCloseForm);
}

}  // namespace

http::Response BreachPage(const WebOptions& options, const SignedIn& who, const BreachView& v) {
  const service::BreachCase& c = v.breach;
  const std::string id = std::to_string(c.id);
  const std::vector<FieldError> errors = StepErrors(v);
  std::string m = BreachBreadcrumbs() + ErrorSummary(errors);
  if (!v.notice.empty()) m += SuccessBanner(v.notice);
  m += "<h1 class=\"govuk-heading-l\">Breach " + id + "</h1>";
  if (!c.warnings.empty()) {
    m += "<div id=\"breach-warnings\">";
    for (const std::string& w : c.warnings) m += WarningText(w);
    m += "</div>";
  }
  m += Summary(c) + Deadline(c) + Risk(c) + Timeline(c);
  if (!Finished(c)) {
    m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + StepForm(v, errors, who) + "</div></div>";
  }
  PageOptions o = SignedInOptions(options, "Breach " + id, who);
  o.has_error = !errors.empty();
  return Page(errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
