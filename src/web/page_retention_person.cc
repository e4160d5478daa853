// One person's retention review: where they stand, why their dates are what they are (the
// schedule's own sentences), the reviews so far, and the DPO's decision with its reason.
#include "domain/uk_time.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/retention_pages.h"
#include "web/retention_words.h"

namespace confide::web {
namespace {

std::string Standing(const service::RetentionItem& item, const governance::RetentionSchedule& schedule) {
  std::string m = "<dl class=\"govuk-summary-list\">";
  m += SummaryRow("Class", Escape(ClassWords(schedule, item.outcome.class_id)) + (item.outcome.assigned ? " (given explicitly)" : ""));
  m += SummaryRow("Destroy on", Escape(RetentionDate(item.outcome.destroy_on)));
  m += SummaryRow("Review from", Escape(RetentionDate(item.outcome.review_on)));
  m += SummaryRow("State", StateTag(item.state));
  if (item.retain_until) m += SummaryRow("Kept until", Escape(item.retain_until->FormatUk()));
  std::string holds;
  for (int64_t id : item.hold_ids) holds += (holds.empty() ? "Hold " : ", hold ") + std::to_string(id);
  m += SummaryRow("Legal holds", holds.empty() ? "None" : Escape(holds) + " (see <a class=\"govuk-link\" href=\"/retention#holds\">holds in force</a>)");
  if (!item.subject_access_ids.empty()) {
    std::string requests;
    for (int64_t id : item.subject_access_ids) {
      requests += (requests.empty() ? "" : ", ") + std::string("<a class=\"govuk-link\" href=\"/subject-access/") + std::to_string(id) +
                  "\">Request " + std::to_string(id) + "</a>";
    }
    m += SummaryRow("Open subject access requests", requests + " (nothing is destroyed while one is open)");
  }
  m += "</dl><h2 class=\"govuk-heading-m\">Why these dates</h2><p class=\"govuk-body\" id=\"explanation\">" +
       Escape(item.outcome.explanation) + "</p>";
  return m;
}

std::string Reviews(const std::vector<service::RetentionReview>& reviews, const governance::RetentionSchedule& schedule) {
  std::string m = "<h2 class=\"govuk-heading-m\">Earlier reviews</h2>";
  if (reviews.empty()) return m + "<p class=\"govuk-body\">Nobody has reviewed their records yet.</p>";
  m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">Earlier reviews</caption>"
       "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (const char* h : {"Reviewed", "By", "Decision", "About", "Reason"}) {
    m += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(h) + "</th>";
  }
  m += "</tr></thead><tbody class=\"govuk-table__body\">";
  for (const service::RetentionReview& r : reviews) {
    const std::string decision = r.decision == service::ReviewDecision::kDestroy
                                     ? "Destroy when due"
                                     : "Keep until " + RetentionDate(r.retain_until);
    m += "<tr class=\"govuk-table__row\">" + TableCell(Escape(domain::FormatUkDateTime(r.reviewed_at))) +
         TableCell("Staff " + std::to_string(r.reviewed_by)) + TableCell(Escape(decision)) +
         TableCell(Escape(ClassWords(schedule, r.class_id)) + ", due " + Escape(RetentionDate(r.due_on))) + TableCell(Escape(r.reason)) + "</tr>";
  }
  return m + "</tbody></table>";
}

std::string ReviewForm(const RetentionPersonView& v, const SignedIn& who) {
  const RetentionReviewForm& f = v.form;
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h2 class=\"govuk-heading-m\">Your "
                  "review</h2>" + OpenForm("/retention/people/" + std::to_string(v.person_id) + "/review", who.csrf);
  m += RadiosGroup("decision", "Your decision",
                   {{"destroy", "Destroy when due",
                     "The first run on or after the destruction date destroys their records, unless a legal hold covers them"},
                    {"retain", "Keep until a later date", "Their records are kept, and come up for review again on that date"}},
                   f.decision, f.errors);
  m += DateInputGroup("retain_until", "If you keep them: review them again on", "A date after today. For example, 1 6 2031", f.day,
                      f.month, f.year, f.errors);
  m += TextareaGroup("reason", "Reason",
                     "Why destruction is right now, or why the records are still needed (an inquiry, a request for them, "
                     "litigation). It is kept encrypted with their records.",
                     f.reason, f.errors, 4);
  return m + SubmitButton("Record the review") + std::string(kCloseForm) + "</div></div>";
}

}  // namespace

http::Response RetentionPersonPage(const WebOptions& options, const SignedIn& who, const RetentionPersonView& v) {
  const std::string id = std::to_string(v.person_id);
  const std::string label = v.item ? PersonWords(v.item->kind, v.person_id) : "Person " + id;
  std::string m = "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\"><li "
                  "class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/retention\">Retention and "
                  "destruction</a></li></ol></nav>";
  m += ErrorSummary(v.form.errors);
  m += "<span class=\"govuk-caption-l\">" + Escape(label) + "</span><h1 class=\"govuk-heading-l\">Retention review</h1>";
  if (v.item && v.item->kind == domain::PersonKind::kChild) {
    m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/" + id + "\">The child's page</a>: who they are</p>";
  }
  if (v.destroyed) {
    m += "<p class=\"govuk-body\">Their records were destroyed by a retention run: nothing is left to review. The "
         "<a class=\"govuk-link\" href=\"/retention/certificates\">destruction certificates</a> list them by id.</p>";
  } else if (!v.item) {
    m += "<p class=\"govuk-body\">They are not due for review yet: a run lists a person once their review date has come, "
         "when a legal hold covers them, or when their date cannot be worked out.</p>";
    m += Reviews(v.reviews, *v.schedule);
  } else {
    m += Standing(*v.item, *v.schedule);
    m += Reviews(v.reviews, *v.schedule);
    if (Reviewable(v.item->state)) {
      m += ReviewForm(v, who);
    } else {
      m += "<p class=\"govuk-body\">There is nothing to review yet: " +
           std::string(v.item->state == service::RetentionState::kUnknownDate
                           ? "their destruction date cannot be worked out. Record what is missing (a date of birth, say) or "
                             "give them a class with its date."
                           : "their review date has not come.") +
           "</p>";
    }
  }
  PageOptions o = SignedInOptions(options, "Retention review – " + label, who);
  o.has_error = !v.form.errors.empty();
  return Page(v.form.errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
