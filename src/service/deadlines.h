// Deadlines at a glance (issue 6): one list of everything with a clock that the viewer may see,
// the most urgent first, with the arithmetic explained (governance/deadline_list.h).
//
// Each register is read through its own use case, so each is decided by its own part of the
// access policy and audited as usual: subject access requests (subject_access.manage: the DPO),
// Freedom of Information requests (foi.manage: the DPO), breaches whose 72 hours to the ICO are
// running (breach.manage: the DPO; the due day is the UK day of the report-by time, given to the
// minute in the title),
// people due for retention review (retention.manage: the DPO), information-sharing agreements due
// for review (recipient.read), and training that lapses or has lapsed (staff.read: the training
// of everyone the viewer may see). A register the viewer may not see is left out and named in
// `not_shown`, so an empty list never reads as "nothing is due" to someone who cannot see it.
//
// Listed: everything overdue, and everything due within `within_days` of today. Subject access
// and FOI requests whose clock has not started (identity awaited) or is stopped (clarification or
// a fee awaited) are counted in `waiting`.
//
// Thread-safety: as Vault (each register is read in its own transaction).
#pragma once

#include <string>
#include <vector>

#include "governance/bank_holidays.h"
#include "governance/deadline_list.h"
#include "service/breach.h"
#include "service/foi.h"
#include "service/retention.h"
#include "service/subject_access.h"
#include "service/vault.h"

namespace confide::service {

// What `not_shown` says when the viewer sees only their own training and acknowledgement.
inline constexpr const char* kOthersTrainingNotShown = "other staff's training";

struct DeadlineReport {
  domain::CivilDate today;
  int within_days = 0;
  std::vector<governance::Deadline> deadlines;  // overdue first, then by due date
  size_t waiting = 0;                           // subject access and FOI requests with no running clock
  std::vector<std::string> not_shown;           // registers the viewer may not see, in words
};

class Deadlines {
 public:
  // Uses the governance policy in force (its bank holidays) through the services it reads.
  static Result<std::unique_ptr<Deadlines>> Create(Vault& vault);
  Deadlines(Vault& vault, std::unique_ptr<SubjectAccess> subject_access, std::unique_ptr<FoiRegister> foi,
            std::unique_ptr<BreachRegister> breaches, std::unique_ptr<Retention> retention, governance::BankHolidayCalendar holidays)
      : vault_(vault),
        subject_access_(std::move(subject_access)),
        foi_(std::move(foi)),
        breaches_(std::move(breaches)),
        retention_(std::move(retention)),
        holidays_(std::move(holidays)) {}

  // kInvalidArgument for `within_days` outside 0..3650.
  Result<DeadlineReport> Due(domain::StaffId actor, domain::CivilDate today, int within_days);

 private:
  Vault& vault_;
  std::unique_ptr<SubjectAccess> subject_access_;
  std::unique_ptr<FoiRegister> foi_;
  std::unique_ptr<BreachRegister> breaches_;
  std::unique_ptr<Retention> retention_;
  governance::BankHolidayCalendar holidays_;
};

}  // namespace confide::service
