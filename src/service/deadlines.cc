// Deadlines at a glance (service/deadlines.h).
#include "service/deadlines.h"

#include <map>
#include <set>

#include "domain/uk_time.h"
#include "governance/date_words.h"
#include "service/governance_policy_file.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

using domain::CivilDate;
using governance::Deadline;
using governance::DeadlineKind;

CivilDate UkDate(UnixMicros t) { return domain::ToUkLocal(t).date; }

Status AddSubjectAccess(SubjectAccess& sar, domain::StaffId actor, DeadlineReport& report, std::vector<Deadline>& out) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<SubjectAccessCase> list, sar.List(actor, false));
  for (const SubjectAccessCase& c : list) {
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

Status AddFoi(FoiRegister& foi, domain::StaffId actor, DeadlineReport& report, std::vector<Deadline>& out) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<FoiCase> list, foi.List(actor, false));
  for (const FoiCase& c : list) {
    if (!c.deadline.due_on) {
      ++report.waiting;
      continue;
    }
    Deadline d;
    d.kind = DeadlineKind::kFoi;
    d.ref = "foi/" + std::to_string(c.id);
    d.title = "request " + std::to_string(c.id) + ", received " + governance::LongDate(c.intake.received_on);
    d.due_on = *c.deadline.due_on;
    d.explanation = c.deadline.explanation;
    out.push_back(std::move(d));
  }
  return Status::Ok();
}

// Breaches whose clock runs: no report yet, and no decision not to report.
Status AddBreaches(BreachRegister& breaches, domain::StaffId actor, std::vector<Deadline>& out) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<BreachCase> list, breaches.List(actor, false));
  for (const BreachCase& c : list) {
    if (c.state != "awaiting_decision" && c.state != "to_report") continue;
    Deadline d;
    d.kind = DeadlineKind::kBreach;
    d.ref = "breach/" + std::to_string(c.id);
    d.title = "breach " + std::to_string(c.id) + " (" + std::string(ToString(c.report.kind)) + "), report by " +
              governance::DayName(UkDate(c.deadline.report_by)) + " " + domain::FormatUkDateTime(c.deadline.report_by) + " UK time" + (c.state == "to_report" ? "" : ", no decision yet");
    d.due_on = UkDate(c.deadline.report_by);
    d.explanation = c.deadline.explanation;
    out.push_back(std::move(d));
  }
  return Status::Ok();
}

// People whose review date falls by the end of the window and who nobody has reviewed: a dry run
// as of that day lists them as awaiting review.
Status AddRetention(Retention& retention, domain::StaffId actor, CivilDate horizon, std::vector<Deadline>& out) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<RetentionItem> items, retention.AwaitingReviewBy(actor, horizon));
  for (const RetentionItem& item : items) {
    if (!item.outcome.destroy_on) continue;
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

Status AddAgreements(Vault& vault, domain::StaffId actor, std::vector<Deadline>& out) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<sharing::SharingAgreement> agreements, vault.ListAgreements(actor));
  for (const sharing::SharingAgreement& a : agreements) {
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

// The latest completion of each course, when it lapses: of every active member of staff for a
// viewer who may see staff, else of the viewer alone. One read of the training records (audited
// once), and the staff list for the names.
struct TrainingRows {
  std::vector<store::TrainingRow> rows;
};

Deadline TrainingDeadline(const store::TrainingRow& t, const std::string& who) {
  Deadline d;
  d.kind = DeadlineKind::kTrainingExpiry;
  d.ref = "staff/" + std::to_string(t.staff_id) + "/" + t.course;
  d.title = t.course + ", " + who;
  d.due_on = UkDate(*t.expires_at);
  d.explanation = {"Completed " + governance::LongDate(UkDate(t.completed_at)) + "; the refresher is due by " +
                   governance::LongDate(d.due_on) + ", when the training lapses (the access policy's training gate "
                   "then applies)."};
  return d;
}

// The confidentiality policy in force, not yet acknowledged by `staff`: due on its acknowledge-by day.
Deadline AcknowledgementDeadline(const governance::ConfidentialityPolicy& p, domain::StaffId staff, const std::string& who) {
  Deadline d;
  d.kind = DeadlineKind::kPolicyAcknowledgement;
  d.ref = "staff/" + std::to_string(staff) + "/policy/" + p.version;
  d.title = "version " + p.version + ", " + who;
  d.due_on = p.AcknowledgeBy();
  d.explanation = {"Version " + p.version + " of the confidentiality policy came into force on " +
                   governance::LongDate(p.in_force_from) + "; everyone has " + std::to_string(p.acknowledge_within_days) +
                   " days to acknowledge it, until the end of " + governance::LongDate(d.due_on) +
                   ". After that the access policy's training gate applies to anyone who has not."};
  return d;
}

std::vector<store::TrainingRow> LatestPerCourse(const std::vector<store::TrainingRow>& rows) {
  std::map<std::pair<int64_t, std::string>, store::TrainingRow> latest;
  for (const store::TrainingRow& t : rows) {
    auto key = std::make_pair(t.staff_id, t.course);
    auto it = latest.find(key);
    if (it == latest.end() || t.completed_at > it->second.completed_at) latest[key] = t;
  }
  std::vector<store::TrainingRow> out;
  for (auto& [k, t] : latest) {
    if (t.expires_at) out.push_back(t);
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Deadlines>> Deadlines::Create(Vault& vault) {
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy policy, LoadGovernancePolicy(vault.config()));
  CONFIDE_ASSIGN_OR_RETURN(governance::BankHolidayCalendar holidays, governance::BankHolidayCalendar::Create(policy.bank_holidays));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<SubjectAccess> sar, SubjectAccess::Create(vault));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<FoiRegister> foi, FoiRegister::Create(vault));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<BreachRegister> breaches, BreachRegister::Create(vault));
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<Retention> retention, Retention::Create(vault));
  return std::make_unique<Deadlines>(vault, std::move(sar), std::move(foi), std::move(breaches), std::move(retention),
                                     std::move(holidays));
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
  // Which registers the viewer may see, decided without a refusal being recorded (looking at the
  // deadlines page is not an attempt on any register), and the view itself audited once.
  struct Visible {
    bool subject_access = false, foi = false, breaches = false, retention = false, agreements = false, staff = false;
    std::vector<store::TrainingRow> training;
    std::vector<store::PolicyAcknowledgementRow> acknowledgements;
    std::vector<domain::StaffMember> staff_members;  // active ones, names decrypted (with `staff`)
  };
  CONFIDE_ASSIGN_OR_RETURN(Visible v, vault_.Read<Visible>(actor, {"deadlines.view"}, [&](Vault::Tx& tx) -> Result<Visible> {
    Visible out;
    out.subject_access = tx.Decide(policy::Action::kSubjectAccessManage, 0).allowed;
    out.foi = tx.Decide(policy::Action::kFoiManage, 0).allowed;
    out.breaches = tx.Decide(policy::Action::kBreachManage, 0).allowed;
    out.retention = tx.Decide(policy::Action::kRetentionManage, 0).allowed;
    out.agreements = tx.Decide(policy::Action::kRecipientRead, 0).allowed;
    // Others' training is for those who answer for it (the training report's readers).
    out.staff = tx.Decide(policy::Action::kTrainingReport, 0).allowed;
    if (out.staff) {
      CONFIDE_RETURN_IF_ERROR(tx.uow().access().ScanTraining([&](const store::TrainingRow& t) -> Status {
        out.training.push_back(t);
        return Status::Ok();
      }));
      CONFIDE_RETURN_IF_ERROR(tx.uow().access().ScanAcknowledgements([&](const store::PolicyAcknowledgementRow& a) -> Status {
        out.acknowledgements.push_back(a);
        return Status::Ok();
      }));
      // Names for the titles, read here: training.report, not staff.read, decides what is shown.
      CONFIDE_ASSIGN_OR_RETURN(std::vector<store::StaffRow> rows, tx.uow().staff().List());
      for (const store::StaffRow& row : rows) {
        if (!row.active) continue;
        CONFIDE_ASSIGN_OR_RETURN(domain::StaffMember m, Vault::ReadStaffIn(tx, row));
        out.staff_members.push_back(std::move(m));
      }
    } else {
      CONFIDE_ASSIGN_OR_RETURN(out.training, tx.uow().access().ListTraining(tx.actor()));
      CONFIDE_ASSIGN_OR_RETURN(out.acknowledgements, tx.uow().access().ListAcknowledgements(tx.actor()));
    }
    std::string shown = std::string(out.subject_access ? " subject_access" : "") + (out.foi ? " foi" : "") + (out.breaches ? " breaches" : "") +
                        (out.retention ? " retention" : "") +
                        (out.agreements ? " agreements" : "") + (out.staff ? " training(all)" : " training(own)");
    CONFIDE_RETURN_IF_ERROR(tx.Audit("deadlines.view", 0, 0, 0, "within=" + std::to_string(within_days) + "; shown:" + shown));
    return out;
  }));
  std::vector<Deadline> all;
  if (v.subject_access) {
    CONFIDE_RETURN_IF_ERROR(AddSubjectAccess(*subject_access_, actor, report, all));
  } else {
    report.not_shown.push_back("subject access requests (the data protection officer's)");
  }
  if (v.foi) {
    CONFIDE_RETURN_IF_ERROR(AddFoi(*foi_, actor, report, all));
  } else {
    report.not_shown.push_back("Freedom of Information requests (the data protection officer's)");
  }
  if (v.breaches) {
    CONFIDE_RETURN_IF_ERROR(AddBreaches(*breaches_, actor, all));
  } else {
    report.not_shown.push_back("personal data breaches (the data protection officer's)");
  }
  if (v.retention) {
    CONFIDE_RETURN_IF_ERROR(AddRetention(*retention_, actor, horizon, all));
  } else {
    report.not_shown.push_back("retention reviews (the data protection officer's)");
  }
  if (v.agreements) {
    CONFIDE_RETURN_IF_ERROR(AddAgreements(vault_, actor, all));
  } else {
    report.not_shown.push_back("information-sharing agreements");
  }
  const std::vector<store::TrainingRow> lapsing = LatestPerCourse(v.training);
  const auto& in_force = vault_.governance_policy().confidentiality_policy;
  std::set<domain::StaffId> acknowledged;
  for (const auto& a : v.acknowledgements) {
    if (in_force && a.policy_version == in_force->version) acknowledged.insert(a.staff_id);
  }
  if (v.staff) {
    const std::vector<domain::StaffMember>& staff = v.staff_members;
    std::map<domain::StaffId, const domain::StaffMember*> by_id;
    for (const domain::StaffMember& m : staff) by_id[m.id] = &m;
    auto who = [](const domain::StaffMember& m) { return m.details.full_name + " (staff " + std::to_string(m.id) + ")"; };
    for (const store::TrainingRow& t : lapsing) {
      auto it = by_id.find(t.staff_id);
      if (it == by_id.end() || !it->second->active) continue;
      all.push_back(TrainingDeadline(t, who(*it->second)));
    }
    for (const domain::StaffMember& m : staff) {
      if (in_force && m.active && !acknowledged.count(m.id)) all.push_back(AcknowledgementDeadline(*in_force, m.id, who(m)));
    }
  } else {
    for (const store::TrainingRow& t : lapsing) all.push_back(TrainingDeadline(t, "yours"));
    if (in_force && !acknowledged.count(actor)) all.push_back(AcknowledgementDeadline(*in_force, actor, "yours"));
    report.not_shown.push_back(kOthersTrainingNotShown);
  }
  for (Deadline& d : all) {
    if (!governance::BankHolidayCalendar::Covers(d.due_on)) continue;  // a date beyond 2100 is not a deadline to count down
    governance::Countdown(d, today, holidays_);
    if (d.overdue || d.days_left <= within_days) report.deadlines.push_back(std::move(d));
  }
  governance::OrderByUrgency(report.deadlines);
  return report;
}

}  // namespace confide::service
