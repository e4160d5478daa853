// Deadlines at a glance (service/deadlines.h).
#include "service/deadlines.h"

#include <map>

#include "domain/uk_time.h"
#include "governance/date_words.h"
#include "service/governance_policy_file.h"

namespace confide::service {
namespace {

using domain::CivilDate;
using governance::Deadline;
using governance::DeadlineKind;

CivilDate UkDate(UnixMicros t) { return domain::ToUkLocal(t).date; }

// A register the viewer may not see is left out and said so; anything else is a failure.
bool NotForThem(const Status& s) { return s.code() == StatusCode::kPermissionDenied; }

Status AddSubjectAccess(SubjectAccess& sar, domain::StaffId actor, DeadlineReport& report, std::vector<Deadline>& out) {
  auto list = sar.List(actor, false);
  if (!list.ok()) {
    if (!NotForThem(list.status())) return list.status();
    report.not_shown.push_back("subject access requests (the data protection officer's)");
    return Status::Ok();
  }
  for (const SubjectAccessCase& c : *list) {
    if (!c.deadline.due_on) {
      ++report.waiting;
      continue;
    }
    Deadline d;
    d.kind = DeadlineKind::kSubjectAccess;
    d.ref = "subject_access/" + std::to_string(c.id);
    d.title = "request " + std::to_string(c.id) + ", about person " + std::to_string(c.person_id);
    d.due_on = *c.deadline.due_on;
    d.explanation = c.deadline.explanation;
    out.push_back(std::move(d));
  }
  return Status::Ok();
}

// People whose review date falls by the end of the window and who nobody has reviewed: a dry run
// as of that day lists them as awaiting review.
Status AddRetention(Retention& retention, domain::StaffId actor, CivilDate horizon, DeadlineReport& report,
                    std::vector<Deadline>& out) {
  auto run = retention.Run(actor, horizon, false);
  if (!run.ok()) {
    if (!NotForThem(run.status())) return run.status();
    report.not_shown.push_back("retention reviews (the data protection officer's)");
    return Status::Ok();
  }
  for (const RetentionItem& item : run->items) {
    if (item.state != RetentionState::kAwaitingReview || !item.outcome.destroy_on) continue;
    Deadline d;
    d.kind = DeadlineKind::kRetentionReview;
    d.ref = "person/" + std::to_string(item.person_id);
    d.title = "person " + std::to_string(item.person_id) + " (" + item.outcome.class_id + ")";
    // Kept longer by an earlier review: due again on that date; otherwise from the review date.
    d.due_on = item.retain_until.value_or(item.outcome.review_on.value_or(*item.outcome.destroy_on));
    d.explanation = {item.outcome.explanation};
    if (item.retain_until) d.explanation.push_back("An earlier review kept the records until " + governance::LongDate(*item.retain_until) + ".");
    out.push_back(std::move(d));
  }
  return Status::Ok();
}

Status AddAgreements(Vault& vault, domain::StaffId actor, DeadlineReport& report, std::vector<Deadline>& out) {
  auto agreements = vault.ListAgreements(actor);
  if (!agreements.ok()) {
    if (!NotForThem(agreements.status())) return agreements.status();
    report.not_shown.push_back("information-sharing agreements");
    return Status::Ok();
  }
  for (const sharing::SharingAgreement& a : *agreements) {
    if (a.ended_at || a.review_at == 0) continue;
    Deadline d;
    d.kind = DeadlineKind::kAgreementReview;
    d.ref = "agreement/" + std::to_string(a.id);
    d.title = "\"" + a.name + "\"";
    d.due_on = UkDate(a.review_at);
    d.explanation = {"The agreement, in force since " + governance::LongDate(UkDate(a.starts_at)) +
                     ", is to be reviewed on " + governance::LongDate(d.due_on) + ", as its parties agreed."};
    out.push_back(std::move(d));
  }
  return Status::Ok();
}

// The latest completion of each course of each member of staff the viewer may see, when it lapses.
Status AddTraining(Vault& vault, domain::StaffId actor, DeadlineReport& report, std::vector<Deadline>& out) {
  auto staff = vault.ListStaff(actor);
  if (!staff.ok()) {
    if (!NotForThem(staff.status())) return staff.status();
    report.not_shown.push_back("staff training");
    return Status::Ok();
  }
  for (const domain::StaffMember& m : *staff) {
    if (!m.active) continue;
    auto records = vault.ListTraining(actor, m.id);
    if (!records.ok()) {
      if (NotForThem(records.status())) continue;
      return records.status();
    }
    std::map<std::string, domain::TrainingRecord> latest;
    for (const domain::TrainingRecord& t : *records) {
      auto it = latest.find(t.course);
      if (it == latest.end() || t.completed_at > it->second.completed_at) latest[t.course] = t;
    }
    for (const auto& [course, t] : latest) {
      if (!t.expires_at) continue;
      Deadline d;
      d.kind = DeadlineKind::kTrainingExpiry;
      d.ref = "staff/" + std::to_string(m.id) + "/" + course;
      d.title = course + ", " + m.details.full_name + " (staff " + std::to_string(m.id) + ")";
      d.due_on = UkDate(*t.expires_at);
      d.explanation = {"Completed " + governance::LongDate(UkDate(t.completed_at)) + "; the refresher is due by " +
                       governance::LongDate(d.due_on) + ", when the training lapses (the access policy's training gate "
                       "then applies)."};
      out.push_back(std::move(d));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Deadlines>> Deadlines::Create(Vault& vault) {
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy policy, LoadGovernancePolicy(vault.config()));
  CONFIDE_ASSIGN_OR_RETURN(governance::BankHolidayCalendar holidays, governance::BankHolidayCalendar::Create(policy.bank_holidays));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<SubjectAccess> sar, SubjectAccess::Create(vault));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<Retention> retention, Retention::Create(vault));
  return std::make_unique<Deadlines>(vault, std::move(sar), std::move(retention), std::move(holidays));
}

Result<DeadlineReport> Deadlines::Due(domain::StaffId actor, CivilDate today, int within_days) {
  if (within_days < 0 || within_days > 3650) return Status::InvalidArgument("the window is 0 to 3,650 days");
  const CivilDate horizon = CivilDate::FromDaysSinceEpoch(today.DaysSinceEpoch() + within_days);
  if (!governance::BankHolidayCalendar::Covers(today) || !governance::BankHolidayCalendar::Covers(horizon)) {
    return Status::InvalidArgument("the day " + today.ToIso() + " and its window are outside the calendar Confide knows");
  }
  DeadlineReport report;
  report.today = today;
  report.within_days = within_days;
  std::vector<Deadline> all;
  CONFIDE_RETURN_IF_ERROR(AddSubjectAccess(*subject_access_, actor, report, all));
  CONFIDE_RETURN_IF_ERROR(AddRetention(*retention_, actor, horizon, report, all));
  CONFIDE_RETURN_IF_ERROR(AddAgreements(vault_, actor, report, all));
  CONFIDE_RETURN_IF_ERROR(AddTraining(vault_, actor, report, all));
  for (Deadline& d : all) {
    if (!governance::BankHolidayCalendar::Covers(d.due_on)) continue;  // a date beyond 2100 is not a deadline to count down
    governance::Countdown(d, today, holidays_);
    if (d.overdue || d.days_left <= within_days) report.deadlines.push_back(std::move(d));
  }
  governance::OrderByUrgency(report.deadlines);
  return report;
}

}  // namespace confide::service
