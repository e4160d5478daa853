// Countdowns and urgency order for the deadlines view (governance/deadline_list.h).
#include "governance/deadline_list.h"

#include <algorithm>
#include <tuple>

#include "governance/date_words.h"
#include "governance/working_days.h"

namespace confide::governance {

std::string_view ToString(DeadlineKind k) {
  switch (k) {
    case DeadlineKind::kSubjectAccess: return "subject_access";
    case DeadlineKind::kRetentionReview: return "retention_review";
    case DeadlineKind::kAgreementReview: return "agreement_review";
    case DeadlineKind::kTrainingExpiry: return "training_expiry";
    case DeadlineKind::kFoi: return "foi";
    case DeadlineKind::kBreach: return "breach";
    case DeadlineKind::kPolicyAcknowledgement: return "policy_acknowledgement";
  }
  return "unknown";
}

std::string_view KindWords(DeadlineKind k) {
  switch (k) {
    case DeadlineKind::kSubjectAccess: return "Subject access request";
    case DeadlineKind::kRetentionReview: return "Retention review";
    case DeadlineKind::kAgreementReview: return "Agreement review";
    case DeadlineKind::kTrainingExpiry: return "Training refresher";
    case DeadlineKind::kFoi: return "FOI request";
    case DeadlineKind::kBreach: return "Breach report to the ICO";
    case DeadlineKind::kPolicyAcknowledgement: return "Confidentiality policy acknowledgement";
  }
  return "Deadline";
}

void Countdown(Deadline& d, domain::CivilDate today, const BankHolidayCalendar& holidays) {
  d.days_left = d.due_on.DaysSinceEpoch() - today.DaysSinceEpoch();
  d.working_days_left = CountWorkingDays(today, d.due_on, holidays);
  d.overdue = d.days_left < 0;
  const std::string due = LongDate(d.due_on);
  if (d.days_left == 0) {
    d.countdown = "Due " + due + ": today.";
  } else if (d.days_left > 0) {
    d.countdown = "Due " + due + ": in " + DayCount(d.days_left) + " (" + std::to_string(d.working_days_left) + " working day" +
                  (d.working_days_left == 1 ? "" : "s") + ").";
  } else {
    const int64_t working = -d.working_days_left;
    d.countdown = "Overdue: due " + due + ", " + DayCount(-d.days_left) + " ago (" + std::to_string(working) + " working day" +
                  (working == 1 ? "" : "s") + ").";
  }
}

void OrderByUrgency(std::vector<Deadline>& deadlines) {
  std::stable_sort(deadlines.begin(), deadlines.end(), [](const Deadline& a, const Deadline& b) {
    return std::make_tuple(a.due_on, static_cast<int>(a.kind), a.ref) < std::make_tuple(b.due_on, static_cast<int>(b.kind), b.ref);
  });
}

}  // namespace confide::governance
