// What Confide noticed that may be a breach, each with a form to open it as a breach and one to
// dismiss it (web/breach_pages.h). Every candidate's forms are on this one page, so each input's id
// carries the candidate's key.
#include "domain/uk_time.h"
#include "web/breach_pages.h"
#include "web/form_html.h"
#include "web/html.h"

namespace confide::web {
namespace {

std::string CandidateKindWords(std::string_view kind) {
  if (kind == "sharing_investigation") return "A disclosure without a decision that allowed it";
  if (kind == "break_glass") return "Break-glass access";
  if (kind == "anomaly") return "Unusual access";
  return std::string(kind);
}

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string Details(const service::BreachCandidate& c) {
  std::string m = "<dl class=\"govuk-summary-list\">";
  m += SummaryRow("Source", "<code>" + Escape(c.source) + "</code>");
  m += SummaryRow("Kind", Escape(CandidateKindWords(c.kind)));
  m += SummaryRow("Noticed", Escape(domain::FormatUkDateTime(c.at)));
  m += SummaryRow("Staff member", c.staff_id ? std::to_string(c.staff_id) : "–");
  m += SummaryRow("Person", c.person_id ? std::to_string(c.person_id) : "–");
  m += SummaryRow("Suggested kind of breach", Escape(service::KindWords(c.suggested_kind)));
  m += SummaryRow("Detail", c.detail.empty() ? "–" : Escape(c.detail));
  return m + "</dl>";
}

// A button naming the candidate to a screen reader: every card has the same two buttons.
std::string Button(std::string_view text, std::string_view source, bool secondary) {
  return "<button type=\"submit\" class=\"govuk-button" + std::string(secondary ? " govuk-button--secondary" : "") +
         "\" data-module=\"govuk-button\">" + Escape(text) + "<span class=\"govuk-visually-hidden\">: " + Escape(source) +
         "</span></button>";
}

std::string OpeningForm(const service::BreachCandidate& c, const std::string& key, const CandidateForm& typed, int days,
                        const SignedIn& who) {
  CandidateForm f = typed;
  if (!f.opening) {
    // Suggested from what Confide noticed, and when: the DPO changes either if they know better.
    f.kind = std::string(service::ToString(c.suggested_kind));
    const domain::UkLocalTime at = domain::ToUkLocal(c.at);
    f.aware_day = std::to_string(at.date.day);
    f.aware_month = std::to_string(at.date.month);
    f.aware_year = std::to_string(at.date.year);
    f.aware_hour = std::to_string(at.hour);
    f.aware_minute = TwoDigits(at.minute);
  }
  std::vector<SelectOption> kinds;
  for (service::BreachKind k : service::AllBreachKinds()) {
    kinds.push_back({std::string(service::ToString(k)), std::string(service::KindWords(k))});
  }
  bool aware_error = false;
  for (const FieldError& e : f.errors) aware_error |= e.field == key + "-aware_day";
  std::string m = "<h3 class=\"govuk-heading-s\">Open as a breach</h3>" + OpenForm("/breaches/candidates/open", who.csrf) +
                  HiddenFields({{"source", c.source}, {"days", std::to_string(days)}});
  m += SelectGroup(key + "-kind", "What kind of breach it is", kinds, f.kind, f.errors);
  m += DateInputGroup(key + "-aware", "When we became aware of it",
                      "In UK time: when Confide noticed it, unless someone knew earlier. The 72 hours run from then", f.aware_day,
                      f.aware_month, f.aware_year, f.errors);
  m += TimeInputs(key + "-aware", f.aware_hour, f.aware_minute, aware_error);
  m += TextareaGroup(key + "-what_happened", "What happened", "What the disclosure, access or use was, as far as it is known",
                     f.what_happened, f.errors, 3);
  return m + Button("Open as a breach", c.source, false) + std::string(kCloseForm);
}

std::string DismissForm(const service::BreachCandidate& c, const std::string& key, const CandidateForm& f, int days,
                        const SignedIn& who) {
  std::string m = "<h3 class=\"govuk-heading-s\">Dismiss</h3>" + OpenForm("/breaches/candidates/dismiss", who.csrf) +
                  HiddenFields({{"source", c.source}, {"days", std::to_string(days)}});
  m += TextareaGroup(key + "-reason", "Why it is not a breach",
                     "For example, the break-glass access was needed: the child was in immediate danger", f.reason, f.errors, 2);
  return m + Button("Dismiss", c.source, true) + std::string(kCloseForm);
}

}  // namespace

std::string CandidateKey(std::string_view source) {
  std::string key = "candidate-";
  for (char ch : source) {
    const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
    key += plain ? ch : '-';
  }
  return key;
}

http::Response BreachCandidatesPage(const WebOptions& options, const SignedIn& who, const BreachCandidatesView& v) {
  std::vector<FieldError> errors;
  for (const auto& [source, typed] : v.typed) errors.insert(errors.end(), typed.errors.begin(), typed.errors.end());
  std::string m = BreachBreadcrumbs() + ErrorSummary(errors);
  if (!v.notice.empty()) m += SuccessBanner(v.notice);
  if (!v.gone.empty()) m += "<div class=\"govuk-inset-text\" id=\"candidate-gone\">" + Escape(v.gone) + "</div>";
  m += "<h1 class=\"govuk-heading-l\">Possible breaches</h1>";
  m += "<p class=\"govuk-body\">What Confide noticed in the last " + std::to_string(v.days) +
       " days that may be a personal data breach, newest first: a disclosure made without a decision that allowed it, "
       "every use of break-glass access (its reason to be judged), and one person reaching many people's records quickly. "
       "Open each as a breach, or dismiss it with the reason it is not one: either way it leaves this list.</p>";
  if (v.candidates.empty()) {
    m += "<p class=\"govuk-body\" id=\"no-candidates\">Nothing noticed is waiting.</p>";
  }
  for (const service::BreachCandidate& c : v.candidates) {
    const std::string key = CandidateKey(c.source);
    const auto typed = v.typed.find(c.source);
    const CandidateForm f = typed != v.typed.end() ? typed->second : CandidateForm{};
    m += "<div class=\"govuk-summary-card\" id=\"" + Escape(key) + "\"><div class=\"govuk-summary-card__title-wrapper\"><h2 "
         "class=\"govuk-summary-card__title\">" + Escape(CandidateKindWords(c.kind) + ", " + domain::FormatUkDateTime(c.at)) +
         "</h2></div><div class=\"govuk-summary-card__content\">";
    m += Details(c) + "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" +
         OpeningForm(c, key, f, v.days, who) + DismissForm(c, key, f, v.days, who) + "</div></div></div></div>";
  }
  m += "<p class=\"govuk-body\">Show what was noticed in the last <a class=\"govuk-link\" href=\"/breaches/candidates?days=30\">30 "
       "days</a>, <a class=\"govuk-link\" href=\"/breaches/candidates?days=90\">90 days</a> or <a class=\"govuk-link\" "
       "href=\"/breaches/candidates?days=365\">year</a>.</p>";
  PageOptions o = SignedInOptions(options, "Possible breaches", who);
  o.has_error = !errors.empty();
  return Page(errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
