// Deadlines at a glance: everything with a clock, in one list ordered by urgency, each with the
// countdown in calendar and working days and the arithmetic behind its date in words.
//
// The service (service/deadlines.h) gathers the items from the registers the viewer may see —
// subject access requests, FOI requests, breaches' 72 hours, retention reviews, information-sharing agreements' review dates,
// training that lapses — and this file orders them and says how long is left. Pure.
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/civil_date.h"
#include "governance/bank_holidays.h"

namespace confide::governance {

enum class DeadlineKind {
  kSubjectAccess,
  kRetentionReview,
  kAgreementReview,
  kTrainingExpiry,
  kFoi,
  kBreach,
  kPolicyAcknowledgement,  // the confidentiality policy in force, not yet acknowledged
};
std::string_view ToString(DeadlineKind k);   // "subject_access", "retention_review", ...
std::string_view KindWords(DeadlineKind k);  // "Subject access request", ...

struct Deadline {
  DeadlineKind kind = DeadlineKind::kSubjectAccess;
  std::string ref;    // what it is about, by id: "subject_access/3", "foi/5", "breach/2", "person/42", "agreement/2", "staff/7/safeguarding", "staff/7/policy/2026.1"
  std::string title;  // after the kind's words: "request 3, about person 42"
  domain::CivilDate due_on;
  // How the date was worked out, in sentences (the legal clock's, the schedule's, the agreement's).
  std::vector<std::string> explanation;
  // Filled in by Countdown: days from today to the due date (negative: overdue), the working days
  // between, and the countdown in words.
  int64_t days_left = 0;
  int64_t working_days_left = 0;
  bool overdue = false;
  std::string countdown;
};

// Fills in the countdown of `d` as of `today`: "Due Monday 7 December 2026: today.", "Due Friday
// 18 December 2026: in 12 days (10 working days).", "Overdue: due Monday 7 December 2026, 3 days
// ago (2 working days)." Bank holidays from `holidays`.
void Countdown(Deadline& d, domain::CivilDate today, const BankHolidayCalendar& holidays);

// The most urgent first: overdue ones (the longest overdue first), then by due date; ties by kind
// and ref, so the order is stable.
void OrderByUrgency(std::vector<Deadline>& deadlines);

}  // namespace confide::governance
