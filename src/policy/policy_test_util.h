// Helpers shared by the policy layer's tests.
#pragma once

#include <string>

#include "policy/access_policy.h"
#include "testing/test_util.h"

namespace confide::policy::testing {

// The shipped default policy, config/policy/access-policy.toml.
inline std::string DefaultPolicyPath() {
  return (confide::testing::SourceDir() / "config/policy/access-policy.toml").string();
}
inline std::string DefaultPolicyText() { return confide::testing::ReadFileForTest(DefaultPolicyPath()); }

// The default policy text with one whole line replaced (e.g. team_access = true -> false).
inline std::string DefaultPolicyWith(const std::string& from, const std::string& to) {
  std::string text = DefaultPolicyText();
  const size_t at = text.find("\n" + from + "\n");
  if (at == std::string::npos) {
    ADD_FAILURE() << "the default policy has no line " << from;
    return text;
  }
  return text.replace(at + 1, from.size(), to);
}

inline AccessRequest Req(domain::StaffRole role, Action action, Relation relation = Relation::kNone,
                         domain::SensitivityTier tier = domain::SensitivityTier::kGeneral) {
  AccessRequest r;
  r.role = role;
  r.action = action;
  r.relation = relation;
  r.tier = tier;
  r.about_person = Info(action).subject != Subject::kNone;
  return r;
}

}  // namespace confide::policy::testing
