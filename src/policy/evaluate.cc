#include "policy/evaluate.h"

namespace confide::policy {
namespace {

bool GateMatches(const GateSpec& g, const AccessRequest& r) {
  if (g.active && *g.active != r.active) return false;
  if (g.restricted && *g.restricted != r.restricted) return false;
  if (!Has(g.training, r.training) || !Has(g.roles, r.role) || !Has(g.actions, r.action)) return false;
  if (g.tests_relations && (!r.about_person || !Has(g.relations, r.relation))) return false;
  if (!Has(g.tiers, r.tier)) return false;
  return !Has(g.except_actions, r.action);
}

bool RuleMatches(const RuleSpec& rule, const AccessRequest& r) {
  if (!Has(rule.roles, r.role) || !Has(rule.actions, r.action)) return false;
  // The parser makes every rule with a person action give relations, and every rule with a tiered
  // action give tiers.
  if (r.about_person && !Has(rule.relations, r.relation)) return false;
  if (Info(r.action).tiered && !Has(rule.tiers, r.tier)) return false;
  return true;
}

}  // namespace

AccessRequest Normalise(const AccessRequest& r, bool team_access) {
  AccessRequest n = r;
  const ActionInfo& info = Info(r.action);
  if (info.subject == Subject::kNone) n.about_person = false;
  if (!n.about_person) {
    n.relation = Relation::kNone;
    n.restricted = false;
  }
  if (!info.tiered) n.tier = domain::SensitivityTier::kGeneral;
  if (n.relation == Relation::kTeam && !team_access) n.relation = Relation::kNone;
  return n;
}

Outcome Evaluate(const PolicySpec& spec, const AccessRequest& r) {
  Outcome out;
  out.seen = Normalise(r, spec.team_access);
  const AccessRequest& seen = out.seen;
  out.team_ignored = r.about_person && seen.about_person && r.relation == Relation::kTeam && !spec.team_access;
  if (Info(r.action).subject == Subject::kPerson && !r.about_person) {
    out.malformed = true;
    return out;
  }
  bool flagged = false;
  for (size_t i = 0; i < spec.gates.size(); ++i) {
    const GateSpec& g = spec.gates[i];
    if (!GateMatches(g, seen)) continue;
    const bool flags = g.tests_training ? spec.training == TrainingMode::kFlag : g.flag;
    if (!flags) {
      out.deny_gate = i;
      return out;
    }
    out.flag_gates.push_back(i);
    flagged = true;
  }
  std::optional<size_t> flagging_rule;
  for (size_t i = 0; i < spec.rules.size(); ++i) {
    if (!RuleMatches(spec.rules[i], seen)) continue;
    if (!spec.rules[i].flag) {
      out.rule = i;
      break;
    }
    if (!flagging_rule) flagging_rule = i;
  }
  if (!out.rule) out.rule = flagging_rule;
  if (out.rule) {
    out.allowed = true;
    out.flagged = flagged || spec.rules[*out.rule].flag;
  }
  return out;
}

std::string NoRuleText(const AccessRequest& seen) {
  std::string out = "no rule allows ";
  out += ToString(seen.action);
  if (Info(seen.action).tiered) {
    out += " of a ";
    out += domain::ToString(seen.tier);
    out += " record";
  }
  out += " for ";
  out += domain::ToString(seen.role);
  if (seen.about_person) {
    out += " with relation ";
    out += ToString(seen.relation);
  }
  return out;
}

}  // namespace confide::policy
