// The demo organisation's sharing register: a directory of recipients (verified, and one not yet),
// a multi-agency agreement, and requests at each stage of the task list, so the sharing pages have
// something true to show. Internal to the demo loader.
#pragma once

#include "service/demo_organisation.h"
#include "service/vault.h"

namespace confide::service {

// Who does what in the demo register (ids of the loader's staff).
struct DemoSharingStaff {
  domain::StaffId worker = 0;  // a social worker with a caseload
  domain::StaffId dsl = 0;     // the designated safeguarding lead
  domain::StaffId dpo = 0;     // the data protection officer: keeps the directory
};

Status SeedDemoSharingRegister(Vault& vault, const DemoSharingStaff& staff, DemoSummary& summary);

}  // namespace confide::service
