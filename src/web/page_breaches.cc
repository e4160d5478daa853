// The breach register and the words the breach pages share (web/breach_pages.h).
#include "domain/uk_time.h"
#include "web/breach_pages.h"
#include "web/html.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

// The register's "Report by" column: when the 72 hours end (and whether they have passed with
// nothing done), or when it was reported.
std::string ReportBy(const service::BreachCase& c) {
  if (c.reported_at) return Escape("Reported " + domain::FormatUkDateTime(*c.reported_at) + (c.reported_late ? ", late" : ""));
  if (c.state == "destroyed") return "–";
  return Escape(domain::FormatUkDateTime(c.deadline.report_by)) + (c.overdue ? " " + Tag("red", "Overdue") : std::string());
}

}  // namespace

std::string BreachStateTag(const service::BreachCase& c) {
  if (c.state == "awaiting_decision") return Tag("orange", "Awaiting a decision");
  if (c.state == "to_report") return Tag("yellow", "To report to the ICO");
  if (c.state == "reported") return Tag("blue", "Reported to the ICO");
  if (c.state == "not_reported") return Tag("purple", "Not to be reported");
  if (c.state == "closed") return Tag("grey", "Closed");
  if (c.state == "destroyed") return Tag("grey", "Details destroyed");
  return Tag("grey", c.state);
}

std::string BreachRiskTag(const std::optional<governance::BreachRisk>& risk) {
  if (!risk) return "Not assessed";
  switch (risk->level) {
    case governance::BreachRiskLevel::kUnlikely: return Tag("green", "Unlikely to be a risk");
    case governance::BreachRiskLevel::kRisk: return Tag("orange", "A risk");
    case governance::BreachRiskLevel::kHighRisk: return Tag("red", "A high risk");
  }
  return "Not assessed";
}

std::string BreachStepKindWords(service::BreachStepKind k) {
  switch (k) {
    case service::BreachStepKind::kAssessed: return "Risk assessed";
    case service::BreachStepKind::kDecided: return "Decided whether to report to the ICO";
    case service::BreachStepKind::kReported: return "Reported to the ICO";
    case service::BreachStepKind::kPeopleTold: return "Decided whether to tell the people affected";
    case service::BreachStepKind::kAction: return "Action taken";
    case service::BreachStepKind::kClosed: return "Closed";
  }
  return "Unknown";
}

std::string BreachStepWords(const service::BreachStep& s) {
  if (s.kind == service::BreachStepKind::kDecided && s.report) {
    return *s.report ? "Decided to report to the ICO" : "Decided not to report to the ICO";
  }
  if (s.kind == service::BreachStepKind::kPeopleTold && s.told) {
    return *s.told ? "The people affected told" : "Decided not to tell the people affected";
  }
  return BreachStepKindWords(s.kind);
}

std::string BreachLikelihoodWords(governance::BreachLikelihood l) {
  switch (l) {
    case governance::BreachLikelihood::kRemote: return "Remote";
    case governance::BreachLikelihood::kPossible: return "Possible";
    case governance::BreachLikelihood::kLikely: return "Likely";
  }
  return "Unknown";
}

std::string BreachSeverityWords(governance::BreachSeverity s) {
  switch (s) {
    case governance::BreachSeverity::kMinimal: return "Minimal";
    case governance::BreachSeverity::kSignificant: return "Significant";
    case governance::BreachSeverity::kSevere: return "Severe";
  }
  return "Unknown";
}

std::string BreachPeopleWords(const std::vector<domain::PersonId>& people) {
  if (people.empty()) return "–";
  std::string words;
  for (domain::PersonId id : people) words += (words.empty() ? "Person " : ", Person ") + std::to_string(id);
  return words;
}

std::string BreachBreadcrumbs() {
  return "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\"><li "
         "class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/breaches\">Personal data "
         "breaches</a></li></ol></nav>";
}

http::Response BreachRegisterPage(const WebOptions& options, const SignedIn& who, const BreachRegisterView& v) {
  std::string m = "<h1 class=\"govuk-heading-l\">Personal data breaches</h1>";
  m += "<p class=\"govuk-body\">Every suspected personal data breach, as reported (UK GDPR Articles 33 and 34). A breach is "
       "reported to the Information Commissioner's Office (ICO) within 72 hours of becoming aware of it, unless it is "
       "unlikely to result in a risk to people's rights and freedoms; the people affected are told without undue delay when "
       "the risk is high. The 72 hours run through nights, weekends and bank holidays.</p>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-button\" data-module=\"govuk-button\" href=\"/breaches/report\">Report a "
       "breach</a></p>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/breaches/candidates\">Possible breaches Confide has noticed</a>: "
       "disclosures without a decision that allowed them, break-glass access and unusual access, to open as breaches or "
       "dismiss.</p>";
  if (v.breaches.empty()) {
    m += "<p class=\"govuk-body\" id=\"no-breaches\">" +
         std::string(v.all ? "There are no breaches in the register." : "There are no open breaches.") + "</p>";
  } else {
    m += TableStart("breaches", v.all ? "Every breach, the most urgent first" : "Open breaches, the most urgent first",
                    "govuk-table__caption--m", {"Breach", "Kind", "Became aware", "Report by", "State", "Risk"});
    // No account of what happened here: the list stays free of personal data.
    for (const service::BreachCase& c : v.breaches) {
      const std::string id = std::to_string(c.id);
      m += "<tr class=\"govuk-table__row\" id=\"breach-" + id + "\">" +
           TableCell("<a class=\"govuk-link\" href=\"/breaches/" + id + "\">Breach " + id + "</a>") +
           TableCell(Escape(service::KindWords(c.report.kind))) +
           TableCell(Escape(domain::FormatUkDateTime(c.report.became_aware_at))) + TableCell(ReportBy(c)) +
           TableCell(BreachStateTag(c)) + TableCell(BreachRiskTag(c.risk)) + "</tr>";
    }
    m += "</tbody></table>";
  }
  m += v.all ? "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/breaches\">Show open breaches only</a></p>"
             : "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/breaches?all=true\">Show closed breaches too</a></p>";
  return Page(200, SignedInOptions(options, "Personal data breaches", who), m);
}

}  // namespace confide::web
