// Reporting a suspected breach, and the confirmation (web/breach_pages.h): for anyone signed in,
// so it asks only what a reporter knows and shows nothing of the register.
#include "web/breach_pages.h"
#include "web/form_html.h"
#include "web/html.h"

namespace confide::web {
namespace {

bool HasError(const std::vector<FieldError>& errors, std::string_view field) {
  for (const FieldError& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

std::vector<RadioOption> KindOptions() {
  std::vector<RadioOption> kinds;
  for (service::BreachKind k : service::AllBreachKinds()) {
    kinds.push_back({std::string(service::ToString(k)), std::string(service::KindWords(k)), ""});
  }
  return kinds;
}

}  // namespace

std::string BreachKindField() { return "kind-" + std::string(service::ToString(service::AllBreachKinds().front())); }

http::Response BreachReportPage(const WebOptions& options, const SignedIn& who, const BreachReportForm& f) {
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + ErrorSummary(f.errors);
  m += "<h1 class=\"govuk-heading-l\">Report a personal data breach</h1>";
  m += "<p class=\"govuk-body\">Report a suspected breach as soon as you know of it, even if you are not sure it is one: an "
       "email or letter sent to the wrong person, paperwork or a device lost, records looked at or passed on without a reason "
       "to. The data protection officer has 72 hours from when we became aware of it to report it to the Information "
       "Commissioner's Office (ICO), nights and weekends included.</p>";
  m += "<p class=\"govuk-body\">Say what you know now. Do not wait to find out more, and do not copy the personal data "
       "itself into this form.</p>";
  m += OpenForm("/breaches/report", who.csrf);
  m += RadiosGroup("kind", "What kind of breach is it", KindOptions(), f.kind, f.errors);
  m += DateInputGroup("aware", "When we became aware of it",
                      "When anyone here first knew of it, in UK time: the 72 hours run from then. For example, 27 3 2026",
                      f.aware_day, f.aware_month, f.aware_year, f.errors);
  m += TimeInputs("aware", f.aware_hour, f.aware_minute, HasError(f.errors, "aware_day"));
  m += DateInputGroup("happened", "When it happened (optional)",
                      "If it is known, in UK time, for example 26 3 2026. Leave the date and the time empty if not",
                      f.happened_day, f.happened_month, f.happened_year, f.errors);
  m += TimeInputs("happened", f.happened_hour, f.happened_minute, HasError(f.errors, "happened_day"));
  TextInput discovered = PlainInput("discovered_by", "Who discovered it (optional)", f.discovered_by);
  discovered.hint = "For example, you, a colleague, a parent, or the person who received it";
  m += TextInputGroup(discovered, f.errors);
  m += TextareaGroup("what_happened", "What happened",
                     "The facts: what was sent, lost, seen or passed on, to whom, and how it came to light", f.what_happened,
                     f.errors, 5);
  m += TextareaGroup("data_affected", "What personal data it involved (optional)",
                     "The kinds of information, for example names and addresses, a child protection plan, health information",
                     f.data_affected, f.errors, 3);
  TextInput count = PlainInput("people_affected", "How many people it affects (optional)", f.people_affected);
  count.hint = "As far as you know. Leave it empty if you do not know yet";
  count.inputmode = "numeric";
  count.classes = "govuk-input--width-5";
  m += TextInputGroup(count, f.errors);
  TextInput people = PlainInput("people", "The people in Confide it is about (optional)", f.people);
  people.hint = "Their Confide ids, separated by commas, for example 12, 40";
  people.classes = "govuk-!-width-one-half";
  m += TextInputGroup(people, f.errors);
  m += TextareaGroup("immediate_action", "What was done at once (optional)",
                     "For example, asked the recipient to delete the email, recalled it, reported the device lost. If nothing "
                     "has been done yet, say so",
                     f.immediate_action, f.errors, 3);
  return FinishFormPage(options, who, "Report a personal data breach", std::move(m), "Report the breach", f.errors);
}

http::Response BreachReportedPage(const WebOptions& options, const SignedIn& who, int64_t breach_id) {
  const std::string id = std::to_string(breach_id);
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";
  m += "<div class=\"govuk-panel govuk-panel--confirmation\" id=\"breach-reported\"><h1 class=\"govuk-panel__title\">Breach " + id +
       " reported</h1><div class=\"govuk-panel__body\">It is in the data protection officer's breach register</div></div>";
  m += "<h2 class=\"govuk-heading-m\">What happens next</h2><p class=\"govuk-body\">The data protection officer assesses the "
       "risk to the people affected and decides whether to report it to the ICO, and whether to tell the people affected. "
       "They may ask you for more.</p><p class=\"govuk-body\">If you learn anything more, tell the data protection officer, "
       "quoting breach " + id + ". Do not try to investigate it yourself.</p>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Back to my caseload</a></p></div></div>";
  return Page(200, SignedInOptions(options, "Breach " + id + " reported", who), m);
}

}  // namespace confide::web
