// Reads a policy file (TOML) into a PolicySpec, strictly: every problem is reported with the file
// name and line, in plain words, so the organisation's data protection officer can fix it.
// Internal to the policy layer; AccessPolicy::Parse is the public entry point.
#pragma once

#include <string_view>

#include "confide/result.h"
#include "policy/policy_spec.h"

namespace confide::policy {

// kInvalidArgument listing every problem found ("<source>:<line>: <what>", one per line) for a
// TOML syntax error, an unknown section, key or name, a duplicate id, an empty list, a missing
// `says`, or a rule whose actions and relations or tiers do not fit together. Never throws.
Result<PolicySpec> ParsePolicySpec(std::string_view toml_text, std::string_view source_name);

}  // namespace confide::policy
