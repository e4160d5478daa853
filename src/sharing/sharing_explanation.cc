#include "sharing/sharing_explanation.h"

namespace confide::sharing {

std::vector<std::string> CategoryIds(const SharingPolicy& policy, CategorySet set) {
  std::vector<std::string> out;
  for (size_t i = 0; i < policy.categories().size(); ++i) {
    if (set & (CategorySet{1} << i)) out.push_back(policy.categories()[i].id);
  }
  return out;
}

std::vector<std::string> ApprovalNames(uint32_t mask) {
  std::vector<std::string> out;
  for (size_t i = 0; i < Count<Approval>(); ++i) {
    if (mask & Bit(static_cast<Approval>(i))) out.emplace_back(Name(static_cast<Approval>(i)));
  }
  return out;
}

nlohmann::json ExplainDecision(const SharingPolicy& policy, const SharingDecision& d) {
  nlohmann::json reasons = nlohmann::json::array();
  for (size_t i = 0; i < policy.rules().size(); ++i) {
    if (d.rules.test(i)) reasons.push_back({{"rule", policy.rules()[i].id}, {"says", policy.rules()[i].says}});
  }
  for (size_t s = 0; s < kStepIds.size(); ++s) {
    if (d.Applied(static_cast<Step>(s))) {
      reasons.push_back({{"rule", kStepIds[s]}, {"says", policy.StepSays(static_cast<Step>(s))}});
    }
  }
  nlohmann::json j{{"outcome", Name(d.outcome)},
                   {"basis", Name(d.basis)},
                   {"approvals_required", ApprovalNames(d.approvals_required)},
                   {"approvals_one_of", ApprovalNames(d.approvals_one_of)},
                   {"approvals_missing", ApprovalNames(d.approvals_missing)},
                   {"approvals_after", d.approvals_after},
                   {"released", CategoryIds(policy, d.released)},
                   {"withheld", CategoryIds(policy, d.withheld)},
                   {"tell_subject", d.tell_subject},
                   {"seek_consent", d.seek_consent},
                   {"alert", ApprovalNames(d.alerts)},
                   {"reasons", std::move(reasons)},
                   {"policy", {{"name", policy.name()}, {"version", policy.version()}}}};
  if (d.redirect_to != Route::kNone) j["redirect_to"] = Name(d.redirect_to);
  return j;
}

}  // namespace confide::sharing
