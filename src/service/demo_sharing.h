// The demo organisation's sharing register: a directory of recipients (verified, and one not yet),
// a multi-agency agreement, and requests at each stage of the task list, so the sharing pages have
// something true to show. Internal to the demo loader.
#pragma once

#include "crypto/signing.h"
#include "service/demo_organisation.h"
#include "service/vault.h"

namespace confide::service {

// Who does what in the demo register (ids of the loader's staff).
struct DemoSharingStaff {
  domain::StaffId worker = 0;  // a social worker with a caseload
  domain::StaffId dsl = 0;     // the designated safeguarding lead
  domain::StaffId dpo = 0;     // the data protection officer: keeps the directory
};

// The demo MASH's key pair for disclosure packages, the same for the same seed: the directory holds
// its public key, and `confide demo` writes its key file so that whoever tries the demo can open
// what they send (docs/sharing.md). A real recipient makes their own with `confide package keygen`.
crypto::SigningKey DemoMashRecipientKey(uint64_t seed);

Status SeedDemoSharingRegister(Vault& vault, const DemoSharingStaff& staff, uint64_t seed, DemoSummary& summary);

}  // namespace confide::service
