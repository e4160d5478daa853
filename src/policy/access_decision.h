// Decision: the outcome of an access request, with the chain of gates and rules that produced it,
// in the policy's own words.
//
// Decisions are made once, when a policy is loaded, and shared: AccessPolicy::Decide returns a
// reference to an immutable Decision owned by the policy. Its string_views point into the policy,
// so a Decision (or a copy of it) is valid only while some copy of that AccessPolicy lives; keep
// AuditText() or Explain() if the words must outlive it. Safe to read from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace confide::policy {

enum class StepKind {
  kGate,     // a [[gate]] that matched
  kRule,     // the [[rule]] that allowed the request
  kDefault,  // no rule allowed it (or the request was malformed): denied by default
  kSetting,  // a [policy] setting changed how the request was read (team_access = false)
};

enum class Effect {
  kDeny,          // a gate or the default denied the request
  kFlag,          // a gate let it through, flagged for review
  kAllow,         // a rule allowed it
  kAllowAndFlag,  // a rule with flag = true allowed it, flagged for review
  kNote,          // a setting applied; no effect on its own
};

struct Step {
  StepKind kind = StepKind::kDefault;
  Effect effect = Effect::kDeny;
  std::string_view id;    // the gate's or rule's id; "default-deny"; "team_access"
  std::string_view says;  // the policy's words (the engine's for kDefault and kSetting)
};

struct Decision {
  bool allowed = false;
  bool flagged = false;          // allowed, but to be reviewed (lapsed training in flag mode, break-glass)
  std::vector<Step> chain;       // settings, flagging gates, then the step that decided (always last)
  std::string_view rule_id;      // the id of the step that decided: a rule, a gate, or "default-deny"
  std::string_view policy_name;
  std::string_view policy_version;

  // Several lines for people (`confide policy explain`): the outcome, the policy, and each step
  // with its words.
  std::string Explain() const;

  // One line stored in the audit event of every access, e.g.
  //   allow by rule allocated-staff-read (policy "Confide default access policy" 2026-11-22): Staff ...
  //   deny by gate restricted-person (policy "..." 2026-11-22): ...
  //   deny: no rule allows record.read of a restricted record for practitioner with relation allocated (policy ...)
  // It holds only ids, names of roles, actions, tiers and relations, and the policy's words.
  std::string AuditText() const;
};

}  // namespace confide::policy
