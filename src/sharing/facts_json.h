// The facts of a sharing request as JSON — the same names as the policy file and the scenario
// suite — for asking the policy what it would decide (`confide sharing decide`). Facts are kinds,
// names and yes/no answers: no personal data.
#pragma once

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "sharing/sharing_policy.h"

namespace confide::sharing {

// {"direction", "recipient" (required), "purpose" (required), "categories" (required, non-empty),
//  "channel", "urgency", "consent", "written_consent", "documents", "approvals", "agreement", and
//  any of the yes/no facts: "verified", "significant_harm", ...}. Defaults as in docs/sharing.md.
// kInvalidArgument naming the first field that is unknown, of the wrong type or holds an unknown name.
Result<SharingFacts> FactsFromJson(const nlohmann::json& j, const SharingPolicy& policy);

// The same names the other way, every fact spelled out (the derived ones left out): what a
// recorded decision was made on. FactsFromJson(FactsToJson(f)) == f.
nlohmann::json FactsToJson(const SharingFacts& f, const SharingPolicy& policy);

}  // namespace confide::sharing
