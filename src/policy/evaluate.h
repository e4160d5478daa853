// Evaluate: one request walked through a policy's gates and rules. This is the slow, obvious
// definition of what a policy means; AccessPolicy runs it once per combination of facts when it
// loads and keeps the answers in a table. Internal to the policy layer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "policy/access_request.h"
#include "policy/policy_spec.h"

namespace confide::policy {

struct Outcome {
  bool allowed = false;
  bool flagged = false;
  bool team_ignored = false;        // relation team read as none because [policy] team_access = false
  bool malformed = false;           // the action needs a person and the request named none
  std::vector<size_t> flag_gates;   // gates that flagged the request, in order
  std::optional<size_t> deny_gate;  // the gate that denied it
  std::optional<size_t> rule;       // the rule that allowed it
  AccessRequest seen;               // the request as gates and rules saw it (see Normalise)
};

// The request as the policy reads it: an action that never concerns a person ignores the person
// (relation none, not restricted); an action without a tier counts as general; relation team is
// none when team access is off.
AccessRequest Normalise(const AccessRequest& r, bool team_access);

// Gates in order: the first that denies decides; a gate that flags marks the request and the walk
// goes on. Then rules: allowed if any matches. The rule named is the first match that does not
// flag, else the first that flags; a flagging gate or rule makes an allowed request flagged.
Outcome Evaluate(const PolicySpec& spec, const AccessRequest& r);

// "no rule allows record.read of a restricted record for practitioner with relation allocated".
std::string NoRuleText(const AccessRequest& seen);

}  // namespace confide::policy
