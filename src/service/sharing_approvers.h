// Who may give which backing of a decision to share. Internal to the service layer.
#pragma once

#include <cstdint>

#include "domain/staff.h"
#include "sharing/sharing_facts.h"

namespace confide::service {

// The designated person's backing is the DSL's or a deputy's; a manager's is a manager's; the DPO's
// is the DPO's. Legal services' and the local authority's are given outside Confide and recorded
// by a designated person, a manager or the DPO.
bool MayGive(domain::StaffRole role, sharing::Approval approval);

// Every backing the role may give, as Bit(Approval) flags (0: the role backs nothing).
uint32_t ApprovalsRoleGives(domain::StaffRole role);

}  // namespace confide::service
