// A sharing decision in words and names, for the record, the API and the person who asked: the
// outcome, the basis, the approvals, what leaves and what is withheld, and each rule that applied
// with what it says.
#pragma once

#include <nlohmann/json.hpp>

#include "sharing/sharing_policy.h"

namespace confide::sharing {

// The categories in `set` by id, in the policy's order.
std::vector<std::string> CategoryIds(const SharingPolicy& policy, CategorySet set);

// The names of the approvals (or alerts) in `mask`.
std::vector<std::string> ApprovalNames(uint32_t mask);

// {"outcome", "basis", "redirect_to"?, "approvals_required", "approvals_one_of", "approvals_missing",
//  "approvals_after", "released", "withheld", "tell_subject", "seek_consent", "alert",
//  "reasons": [{"rule", "says"}], "policy": {"name", "version"}}
nlohmann::json ExplainDecision(const SharingPolicy& policy, const SharingDecision& decision);

}  // namespace confide::sharing
