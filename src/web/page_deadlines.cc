// The deadlines page (web/deadline_pages.h).
#include <algorithm>

#include "governance/date_words.h"
#include "web/deadline_pages.h"
#include "web/html.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

// Where each kind of deadline is dealt with. Training: the report for a viewer shown others'
// training, else their own page.
std::string Link(const governance::Deadline& d, bool others_training) {
  const std::string& ref = d.ref;
  const size_t slash = ref.find('/');
  const std::string id = slash == std::string::npos ? "" : ref.substr(slash + 1, ref.find('/', slash + 1) - slash - 1);
  switch (d.kind) {
    case governance::DeadlineKind::kSubjectAccess: return "/subject-access/" + id;
    case governance::DeadlineKind::kRetentionReview: return "/retention/people/" + id;
    case governance::DeadlineKind::kTrainingExpiry: return others_training ? "/training" : "/training/mine";
    case governance::DeadlineKind::kPolicyAcknowledgement: return others_training ? "/training" : "/confidentiality-policy";
    // Agreements have no page of their own: the record of processing shows each one in full.
    case governance::DeadlineKind::kAgreementReview: return "/record-of-processing#agreements";
    case governance::DeadlineKind::kFoi: return "/foi/" + id;
    case governance::DeadlineKind::kBreach: return "/breaches/" + id;
  }
  return "";
}

}  // namespace

http::Response DeadlinesPage(const WebOptions& options, const SignedIn& who, const service::DeadlineReport& r) {
  std::string m = "<h1 class=\"govuk-heading-l\">Deadlines</h1>";
  m += "<p class=\"govuk-body\">Everything overdue, and everything due by " + Escape(governance::LongDate(domain::CivilDate::FromDaysSinceEpoch(
                                                                                    r.today.DaysSinceEpoch() + r.within_days))) +
       ", the most urgent first. Working days leave out weekends and bank holidays in England and Wales.</p>";
  if (r.deadlines.empty()) {
    m += "<p class=\"govuk-body\" id=\"no-deadlines\">Nothing you can see is due.</p>";
  } else {
    m += "<ol class=\"govuk-list\" id=\"deadlines\">";
    const bool others_training =
        std::none_of(r.not_shown.begin(), r.not_shown.end(), [](const std::string& s) { return s == service::kOthersTrainingNotShown; });
    for (const governance::Deadline& d : r.deadlines) {
      const std::string link = Link(d, others_training);
      const std::string title = link.empty() ? Escape(d.title) : "<a class=\"govuk-link\" href=\"" + Escape(link) + "\">" + Escape(d.title) + "</a>";
      m += "<li class=\"confide-deadline\"><h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\">" +
           (d.overdue ? Tag("red", "Overdue") + " " : std::string()) + Escape(std::string(governance::KindWords(d.kind))) + ": " + title +
           "</h2><p class=\"govuk-body govuk-!-margin-bottom-1\"><strong>" + Escape(d.countdown) + "</strong></p>";
      if (!d.explanation.empty()) {
        m += "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">How "
             "this date is worked out</span></summary><div class=\"govuk-details__text\"><ul class=\"govuk-list govuk-list--bullet\">";
        for (const std::string& line : d.explanation) m += "<li>" + Escape(line) + "</li>";
        m += "</ul></div></details>";
      }
      m += "</li>";
    }
    m += "</ol>";
  }
  if (r.waiting) {
    m += "<p class=\"govuk-body\" id=\"waiting\">" + std::to_string(r.waiting) + " subject access or Freedom of Information request" +
         (r.waiting == 1 ? "" : "s") + " with no running clock (identity, clarification or a fee awaited): see the <a "
         "class=\"govuk-link\" href=\"/subject-access\">subject access register</a> and the <a class=\"govuk-link\" "
         "href=\"/foi\">Freedom of Information register</a>.</p>";
  }
  if (!r.not_shown.empty()) {
    m += "<div class=\"govuk-inset-text\" id=\"not-shown\">Not shown, because the access policy does not let you see them: ";
    for (size_t i = 0; i < r.not_shown.size(); ++i) m += (i ? "; " : "") + Escape(r.not_shown[i]);
    m += ".</div>";
  }
  m += "<p class=\"govuk-body\">Show what falls due within <a class=\"govuk-link\" href=\"/deadlines?within=60\">60 days</a>, <a "
       "class=\"govuk-link\" href=\"/deadlines?within=180\">6 months</a> or <a class=\"govuk-link\" href=\"/deadlines?within=365\">a "
       "year</a>.</p>";
  return Page(200, SignedInOptions(options, "Deadlines", who), m);
}

}  // namespace confide::web
