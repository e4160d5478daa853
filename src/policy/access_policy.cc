#include "policy/access_policy.h"

#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "policy/evaluate.h"
#include "policy/policy_parser.h"

namespace confide::policy {

// Decision indices are 16 bits. Distinct decisions are far fewer than cells: a denial by default is
// worded from role, action, relation and tier only, and every other decision is one gate or rule
// (with or without a flag, a setting note), so this bound holds for any policy file.
static_assert(kRoleCount * kActionCount * kRelationCount * kTierCount * 2 + 4096 <= std::numeric_limits<uint16_t>::max(),
              "decision indices are 16 bits: too many distinct decisions are possible");

struct AccessPolicy::Compiled {
  PolicySpec spec;
  std::string digest;
  std::deque<std::string> words;  // the engine's sentences decisions point at (stable addresses)
  std::vector<Decision> decisions;
  std::vector<uint16_t> table;
  Decision invalid;
  Decision unknown_staff;
};

namespace {

constexpr std::string_view kTeamIgnored =
    "relation team counts as none because [policy] team_access = false";

std::string Fnv1a64(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

// Builds the table: every cell is evaluated once; equal outcomes share one Decision.
class PolicyCompiler {
 public:
  explicit PolicyCompiler(AccessPolicy::Compiled& c) : c_(c) {}

  void Run() {
    c_.table.resize(AccessPolicy::kCells);
    for (size_t role = 0; role < kRoleCount; ++role) {
      for (size_t action = 0; action < kActionCount; ++action) {
        for (size_t relation = 0; relation < kRelationCount; ++relation) {
          for (size_t tier = 0; tier < kTierCount; ++tier) {
            for (size_t training = 0; training < kTrainingStateCount; ++training) {
              for (int bits = 0; bits < 8; ++bits) {
                AccessRequest r;
                r.role = static_cast<domain::StaffRole>(role);
                r.action = static_cast<Action>(action);
                r.relation = static_cast<Relation>(relation);
                r.tier = static_cast<domain::SensitivityTier>(tier);
                r.training = static_cast<TrainingState>(training);
                r.active = (bits & 4) != 0;
                r.restricted = (bits & 2) != 0;
                r.about_person = (bits & 1) != 0;
                const size_t cell = AccessPolicy::Cell(role, action, relation, tier, training, r.active, r.restricted,
                                                       r.about_person);
                c_.table[cell] = Intern(Evaluate(c_.spec, r));
              }
            }
          }
        }
      }
    }
    c_.invalid = Denial("invalid-request", "the request holds a value the policy engine does not know");
    c_.unknown_staff = Denial("unknown-staff", "the staff member is not known to the access directory");
  }

 private:
  uint16_t Intern(const Outcome& o) {
    std::string key = Key(o);
    auto it = index_.find(key);
    if (it != index_.end()) return it->second;
    const auto i = static_cast<uint16_t>(c_.decisions.size());
    c_.decisions.push_back(Build(o));
    index_.emplace(std::move(key), i);
    return i;
  }

  // What makes two outcomes the same decision: their steps, and for a denial by default its words.
  static std::string Key(const Outcome& o) {
    std::ostringstream k;
    k << o.allowed << o.flagged << o.team_ignored << o.malformed << '|';
    for (size_t g : o.flag_gates) k << g << ',';
    k << '|' << (o.deny_gate ? static_cast<long>(*o.deny_gate) : -1L) << '|' << (o.rule ? static_cast<long>(*o.rule) : -1L);
    if (o.malformed) k << '|' << ToString(o.seen.action);
    if (!o.allowed && !o.deny_gate && !o.malformed) k << '|' << NoRuleText(o.seen);
    return k.str();
  }

  Decision Build(const Outcome& o) {
    const PolicySpec& spec = c_.spec;
    Decision d;
    d.allowed = o.allowed;
    d.flagged = o.flagged;
    d.policy_name = spec.name;
    d.policy_version = spec.version;
    if (o.team_ignored) d.chain.push_back({StepKind::kSetting, Effect::kNote, "team_access", kTeamIgnored});
    if (o.malformed) {
      d.chain.push_back({StepKind::kDefault, Effect::kDeny, "malformed-request",
                         Words(std::string(ToString(o.seen.action)) + " concerns a person, and the request named none")});
    } else {
      for (size_t g : o.flag_gates) d.chain.push_back({StepKind::kGate, Effect::kFlag, spec.gates[g].id, spec.gates[g].says});
      if (o.deny_gate) {
        const GateSpec& g = spec.gates[*o.deny_gate];
        d.chain.push_back({StepKind::kGate, Effect::kDeny, g.id, g.says});
      } else if (o.rule) {
        const RuleSpec& r = spec.rules[*o.rule];
        d.chain.push_back({StepKind::kRule, r.flag ? Effect::kAllowAndFlag : Effect::kAllow, r.id, r.says});
      } else {
        d.chain.push_back({StepKind::kDefault, Effect::kDeny, "default-deny", Words(NoRuleText(o.seen))});
      }
    }
    d.rule_id = d.chain.back().id;
    return d;
  }

  Decision Denial(std::string_view id, std::string_view says) {
    Decision d;
    d.policy_name = c_.spec.name;
    d.policy_version = c_.spec.version;
    d.chain.push_back({StepKind::kDefault, Effect::kDeny, id, says});
    d.rule_id = id;
    return d;
  }

  std::string_view Words(std::string text) {
    auto it = words_.find(text);
    if (it != words_.end()) return *it->second;
    c_.words.push_back(text);
    words_.emplace(std::move(text), &c_.words.back());
    return c_.words.back();
  }

  AccessPolicy::Compiled& c_;
  std::map<std::string, uint16_t> index_;
  std::map<std::string, const std::string*> words_;
};

AccessPolicy::AccessPolicy(std::shared_ptr<const Compiled> compiled)
    : compiled_(std::move(compiled)),
      table_(compiled_->table.data()),
      decisions_(compiled_->decisions.data()),
      invalid_(&compiled_->invalid) {}

Result<AccessPolicy> AccessPolicy::Parse(std::string_view toml_text, std::string_view source_name) {
  CONFIDE_ASSIGN_OR_RETURN(PolicySpec spec, ParsePolicySpec(toml_text, source_name));
  // Built in place and never moved, so the decisions' string_views into it stay valid.
  auto compiled = std::make_shared<Compiled>();
  compiled->spec = std::move(spec);
  compiled->digest = Fnv1a64(toml_text);
  PolicyCompiler(*compiled).Run();
  return AccessPolicy(std::move(compiled));
}

Result<AccessPolicy> AccessPolicy::LoadFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Status::NotFound("no access policy file at " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open the access policy " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read the access policy " + path);
  return Parse(text.str(), path);
}

const Decision& AccessPolicy::UnknownStaff() const { return compiled_->unknown_staff; }
std::string_view AccessPolicy::name() const { return compiled_->spec.name; }
std::string_view AccessPolicy::version() const { return compiled_->spec.version; }
std::string_view AccessPolicy::digest() const { return compiled_->digest; }
TrainingMode AccessPolicy::training_mode() const { return compiled_->spec.training; }
bool AccessPolicy::team_access() const { return compiled_->spec.team_access; }
int AccessPolicy::break_glass_minutes() const { return compiled_->spec.break_glass_minutes; }
const std::vector<std::string>& AccessPolicy::required_training() const { return compiled_->spec.required_training; }
size_t AccessPolicy::distinct_decisions() const { return compiled_->decisions.size(); }

}  // namespace confide::policy
