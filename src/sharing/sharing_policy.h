// SharingPolicy: an organisation's information-sharing rules, loaded from a readable TOML file
// (docs/sharing.md; the shipped default is config/policy/sharing-policy.toml, which encodes the
// guidance). Loading checks the file strictly and compiles each rule's conditions into bit masks;
// Decide then reads the rules top to bottom with a few mask tests each and allocates nothing.
//
// Thread-safety: immutable after loading; any number of threads may call Decide at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "confide/result.h"
#include "sharing/sharing_decision.h"
#include "sharing/sharing_facts.h"

namespace confide::sharing {

// The text of the shipped default (config/policy/sharing-policy.toml), compiled in.
std::string_view DefaultSharingPolicyToml();

struct Category {
  std::string id;
  std::string says;
  bool personal = true;  // false: nobody can be identified from it (anonymised, pseudonymised)
};

struct Purpose {
  std::string id;
  std::string says;
  CategorySet categories = 0;
};

// A rule's conditions as masks (all ones: not constrained) and its effects.
struct Rule {
  std::string id;
  std::string says;
  int line = 0;
  // conditions
  uint32_t direction = ~0u, recipient = ~0u, channel = ~0u, urgency = ~0u, consent = ~0u, agreement = ~0u, basis = ~0u;
  uint64_t purpose = ~uint64_t{0};
  uint32_t facts_true = 0, facts_false = 0;  // Bit(Fact) that must be true / false
  uint32_t documents_all = 0;                // all of these held
  uint32_t documents_none = 0;               // none of these held
  // effects
  std::optional<Outcome> decide;             // decline or redirect: the decision ends here
  Route redirect_to = Route::kNone;
  LawfulBasis offers = LawfulBasis::kNone;
  uint32_t require = 0, require_one_of = 0, alert = 0;
  uint32_t may_follow = 0;  // approvals that, in an emergency, may be recorded afterwards
  bool no_seek_consent = false, no_tell_subject = false;
};

class SharingPolicy {
 public:
  // Parses and compiles a policy. kInvalidArgument with one line per problem, "<source>:<line>: <what>".
  static Result<SharingPolicy> Parse(std::string_view toml_text, std::string_view source_name);
  static Result<SharingPolicy> LoadFile(const std::string& path);
  // The shipped default (config/policy/sharing-policy.toml, compiled in).
  static const SharingPolicy& Default();

  SharingDecision Decide(const SharingFacts& facts) const;

  std::string_view name() const { return data_->name; }
  std::string_view version() const { return data_->version; }
  const std::vector<Category>& categories() const { return data_->categories; }
  const std::vector<Purpose>& purposes() const { return data_->purposes; }
  const std::vector<Rule>& rules() const { return data_->rules; }
  // The words for a step after the rules (no basis, withheld, escalate...).
  std::string_view StepSays(Step s) const { return data_->step_says[static_cast<size_t>(s)]; }

  std::optional<PurposeIndex> FindPurpose(std::string_view id) const;
  std::optional<size_t> FindCategory(std::string_view id) const;
  // Every category not in the list is refused: kInvalidArgument naming it.
  Result<CategorySet> Categories(const std::vector<std::string>& ids) const;

  struct Data {
    std::string name, version;
    std::vector<Category> categories;
    CategorySet not_personal = 0;  // the categories with personal = false
    std::vector<Purpose> purposes;
    std::vector<Rule> rules;
    std::array<std::string, kStepIds.size()> step_says;
  };

 private:
  explicit SharingPolicy(std::shared_ptr<const Data> d) : data_(std::move(d)) {}
  std::shared_ptr<const Data> data_;
};

}  // namespace confide::sharing
