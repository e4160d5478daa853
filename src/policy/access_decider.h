// AccessDecider: a decision from ids. It asks the directory for the facts (role, standing,
// relation, restriction) and the policy for the decision, in well under a microsecond.
//
// Thread-safety: as safe as its parts (both are): Decide may be called from any thread while the
// directory changes. The directory must outlive the decider.
#pragma once

#include <utility>

#include "common/clock.h"
#include "domain/ids.h"
#include "domain/record.h"
#include "policy/access_directory.h"
#include "policy/access_policy.h"

namespace confide::policy {

class AccessDecider {
 public:
  AccessDecider(AccessPolicy policy, const AccessDirectory& directory)
      : policy_(std::move(policy)), directory_(directory) {}

  // The decision for `staff` doing `action` on data about `person` (0: none) at `tier`, at `now`.
  // A staff id the directory does not know is denied (AccessPolicy::UnknownStaff).
  const Decision& Decide(domain::StaffId staff, domain::PersonId person, Action action, domain::SensitivityTier tier,
                         UnixMicros now) const;

  const AccessPolicy& policy() const { return policy_; }

 private:
  AccessPolicy policy_;
  const AccessDirectory& directory_;
};

}  // namespace confide::policy
