#include "service/sharing_approvers.h"

namespace confide::service {

bool MayGive(domain::StaffRole role, sharing::Approval approval) {
  using R = domain::StaffRole;
  const bool designated = role == R::kDesignatedSafeguardingLead || role == R::kDeputySafeguardingLead;
  switch (approval) {
    case sharing::Approval::kDesignatedPerson: return designated;
    case sharing::Approval::kManager: return role == R::kManager;
    case sharing::Approval::kDataProtectionOfficer: return role == R::kDataProtectionOfficer;
    case sharing::Approval::kLegalServices:
    case sharing::Approval::kLocalAuthority: return designated || role == R::kManager || role == R::kDataProtectionOfficer;
  }
  return false;
}

uint32_t ApprovalsRoleGives(domain::StaffRole role) {
  uint32_t out = 0;
  for (sharing::Approval a : {sharing::Approval::kDesignatedPerson, sharing::Approval::kManager,
                              sharing::Approval::kDataProtectionOfficer, sharing::Approval::kLegalServices,
                              sharing::Approval::kLocalAuthority}) {
    if (MayGive(role, a)) out |= sharing::Bit(a);
  }
  return out;
}

}  // namespace confide::service
