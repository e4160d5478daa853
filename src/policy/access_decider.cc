#include "policy/access_decider.h"

namespace confide::policy {

const Decision& AccessDecider::Decide(domain::StaffId staff, domain::PersonId person, Action action,
                                      domain::SensitivityTier tier, UnixMicros now) const {
  Result<AccessRequest> facts = directory_.Facts(staff, person, action, tier, now);
  if (!facts.ok()) {
    // Fail closed: no facts, no access.
    return facts.status().code() == StatusCode::kNotFound ? policy_.UnknownStaff() : policy_.InvalidRequest();
  }
  return policy_.Decide(*facts);
}

}  // namespace confide::policy
