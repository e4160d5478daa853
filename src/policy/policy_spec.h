// PolicySpec: the validated content of a policy file, before it is compiled into a decision table.
// Internal to the policy layer (policy_parser.h makes it, evaluate.h reads it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "policy/access_request.h"

namespace confide::policy {

// A set of enum values (roles, actions, relations, tiers, training states) as bits.
using Mask = uint64_t;
static_assert(kActionCount <= 64 && kRoleCount <= 64, "a Mask holds one bit per value");
inline constexpr Mask kAllBits = ~Mask{0};
template <typename E>
constexpr Mask BitOf(E e) {
  return Mask{1} << static_cast<size_t>(e);
}
template <typename E>
constexpr bool Has(Mask m, E e) {
  return (m & BitOf(e)) != 0;
}

// A [[gate]]: checked before the rules, in file order. Conditions not given match everything.
struct GateSpec {
  std::string id;
  std::string says;
  int line = 0;
  std::optional<bool> active;
  std::optional<bool> restricted;
  Mask training = kAllBits;
  Mask roles = kAllBits;
  Mask actions = kAllBits;
  bool tests_relations = false;  // when.relations given: only requests about a person can match
  Mask relations = kAllBits;
  Mask tiers = kAllBits;
  Mask except_actions = 0;
  bool tests_training = false;   // its effect is [policy] training, not its own
  bool flag = false;             // effect = "flag" (else "deny"); unused when tests_training
};

// A [[rule]]: a request is allowed if any rule matches it.
struct RuleSpec {
  std::string id;
  std::string says;
  int line = 0;
  Mask roles = 0;
  Mask actions = 0;
  Mask relations = 0;  // checked for requests about a person (every such rule has them)
  Mask tiers = 0;      // checked for actions with a tier (every such rule has them)
  bool flag = false;   // allow, flagged for review
};

struct PolicySpec {
  std::string name;
  std::string version;
  TrainingMode training = TrainingMode::kDeny;
  bool team_access = false;
  int break_glass_minutes = 60;
  std::vector<std::string> required_training;
  std::vector<GateSpec> gates;
  std::vector<RuleSpec> rules;
};

}  // namespace confide::policy
