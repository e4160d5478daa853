#include "policy/access_decision.h"

namespace confide::policy {
namespace {

std::string PolicyLabel(const Decision& d) {
  std::string out = "policy \"";
  out.append(d.policy_name).append("\" ").append(d.policy_version);
  return out;
}

}  // namespace

std::string Decision::AuditText() const {
  // Every decision ends with the step that decided it (access_policy.cc builds them so).
  if (chain.empty()) return allowed ? "allow" : "deny";
  const Step& last = chain.back();
  std::string out;
  switch (last.kind) {
    case StepKind::kRule:
      out.append("allow by rule ").append(last.id);
      if (last.effect == Effect::kAllowAndFlag) out.append(", flagged");
      break;
    case StepKind::kGate:
      out.append("deny by gate ").append(last.id);
      break;
    case StepKind::kDefault:
    case StepKind::kSetting:
      out.append("deny: ").append(last.says);
      break;
  }
  out.append(" (").append(PolicyLabel(*this)).append(")");
  if (last.kind == StepKind::kRule || last.kind == StepKind::kGate) out.append(": ").append(last.says);
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    const Step& s = chain[i];
    if (s.kind == StepKind::kGate) {
      out.append("; flagged by gate ").append(s.id).append(": ").append(s.says);
    } else {
      out.append("; note: ").append(s.says);
    }
  }
  return out;
}

std::string Decision::Explain() const {
  std::string out = allowed ? (flagged ? "allowed, flagged for review\n" : "allowed\n") : "denied\n";
  out.append(PolicyLabel(*this)).append("\n");
  for (const Step& s : chain) {
    out.append("  - ");
    switch (s.effect) {
      case Effect::kDeny:
        if (s.kind == StepKind::kGate) {
          out.append("gate ").append(s.id).append(" denies it: ").append(s.says);
        } else {
          out.append(s.says).append("; what no rule allows is denied");
        }
        break;
      case Effect::kFlag:
        out.append("gate ").append(s.id).append(" lets it through, flagged for review: ").append(s.says);
        break;
      case Effect::kAllow:
        out.append("rule ").append(s.id).append(" allows it: ").append(s.says);
        break;
      case Effect::kAllowAndFlag:
        out.append("rule ").append(s.id).append(" allows it, flagged for review: ").append(s.says);
        break;
      case Effect::kNote:
        out.append("setting ").append(s.id).append(": ").append(s.says);
        break;
    }
    out.append("\n");
  }
  return out;
}

}  // namespace confide::policy
