// AccessPolicy: an organisation's access rules, loaded from a TOML file it can read and adapt
// (docs/policy.md; the shipped default is config/policy/access-policy.toml).
//
// Loading validates the file strictly and then decides, once, every combination of the facts a
// decision depends on (role x action x relation x tier x training x active x restricted x
// whether there is a data subject: 63,360 cells), keeping a table of small indices into a few
// thousand shared, immutable Decisions. Decide is then an array index: no allocation, no locks.
//
// Thread-safety: immutable after loading; any number of threads may call Decide at once. Copies
// are cheap and share the table. A Decision returned by Decide lives as long as any copy of the
// policy it came from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "confide/result.h"
#include "policy/access_decision.h"
#include "policy/access_request.h"

namespace confide::policy {

class AccessPolicy {
 public:
  // Parses and compiles a policy. `source_name` (usually the file name) prefixes every problem:
  // kInvalidArgument with one line per problem, "<source>:<line>: <what>".
  static Result<AccessPolicy> Parse(std::string_view toml_text, std::string_view source_name);
  // Reads `path` and parses it. kNotFound if it does not exist, kIOError if it cannot be read.
  static Result<AccessPolicy> LoadFile(const std::string& path);

  // The decision for `r`. A request holding a value outside its enum (a bug upstream) is denied.
  const Decision& Decide(const AccessRequest& r) const {
    const auto role = static_cast<size_t>(r.role);
    const auto action = static_cast<size_t>(r.action);
    const auto relation = static_cast<size_t>(r.relation);
    const auto tier = static_cast<size_t>(r.tier);
    const auto training = static_cast<size_t>(r.training);
    if (role >= kRoleCount || action >= kActionCount || relation >= kRelationCount || tier >= kTierCount ||
        training >= kTrainingStateCount) {
      return *invalid_;
    }
    return decisions_[table_[Cell(role, action, relation, tier, training, r.active, r.restricted, r.about_person)]];
  }

  // The decision for a staff id the directory does not know: denied, with words saying so.
  const Decision& UnknownStaff() const;
  // The decision for a request holding a value outside its enum: denied.
  const Decision& InvalidRequest() const { return *invalid_; }

  std::string_view name() const;
  std::string_view version() const;
  // "fnv1a64:<16 hex digits>" of the file's bytes: tells policy files apart in the audit and in
  // `confide policy show`. Not a cryptographic digest; the service may SHA-256 the file itself.
  std::string_view digest() const;
  TrainingMode training_mode() const;
  bool team_access() const;
  int break_glass_minutes() const;
  // Course names whose completion counts as current training (the service works out the state).
  const std::vector<std::string>& required_training() const;
  // How many distinct decisions the table points at (for tests and benchmarks).
  size_t distinct_decisions() const;

  static constexpr size_t kCells = kRoleCount * kActionCount * kRelationCount * kTierCount * kTrainingStateCount * 8;

 private:
  struct Compiled;
  explicit AccessPolicy(std::shared_ptr<const Compiled> compiled);

  static size_t Cell(size_t role, size_t action, size_t relation, size_t tier, size_t training, bool active,
                     bool restricted, bool about_person) {
    size_t i = ((role * kActionCount + action) * kRelationCount + relation) * kTierCount + tier;
    i = i * kTrainingStateCount + training;
    return ((i * 2 + (active ? 1 : 0)) * 2 + (restricted ? 1 : 0)) * 2 + (about_person ? 1 : 0);
  }
  friend class PolicyCompiler;

  std::shared_ptr<const Compiled> compiled_;
  const uint16_t* table_ = nullptr;        // kCells entries, into decisions_
  const Decision* decisions_ = nullptr;
  const Decision* invalid_ = nullptr;
};

}  // namespace confide::policy
