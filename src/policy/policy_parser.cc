#include "policy/policy_parser.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "policy/toml_reading.h"

namespace confide::policy {
namespace {

constexpr size_t kMaxSaysChars = 400;  // `says` goes into every audit event
constexpr int kMaxBreakGlassMinutes = 24 * 60;

std::vector<std::string_view> RoleNames() {
  std::vector<std::string_view> v;
  for (auto r : kAllRoles) v.push_back(domain::ToString(r));
  return v;
}
std::vector<std::string_view> ActionNames() {
  std::vector<std::string_view> v;
  for (size_t i = 0; i < kActionCount; ++i) v.push_back(ActionTable()[i].name);
  return v;
}
std::vector<std::string_view> RelationNames() { return {"allocated", "team", "break_glass", "none"}; }
std::vector<std::string_view> TierNames() { return {"general", "sensitive", "restricted"}; }
std::vector<std::string_view> TrainingNames() { return {"current", "missing", "lapsed"}; }

// A list of names, e.g. roles = ["practitioner", "key_person"], as bits. Reports (and returns
// nullopt for) anything but a non-empty list of known, distinct names.
template <typename Parse>
std::optional<Mask> ReadNames(const toml::node& node, const std::string& ctx, std::string_view key,
                              std::string_view singular, Parse parse, const std::vector<std::string_view>& known,
                              Problems& p) {
  const toml::array* arr = node.as_array();
  if (!arr) {
    p.Add(LineOf(node), ctx + ": " + std::string(key) + " must be a list of names, e.g. " + std::string(key) +
                            " = [\"" + std::string(known.front()) + "\"]");
    return std::nullopt;
  }
  if (arr->empty()) {
    p.Add(LineOf(node), ctx + ": " + std::string(key) + " is empty; name at least one (" + JoinNames(known) + ")");
    return std::nullopt;
  }
  Mask mask = 0;
  bool ok = true;
  for (const toml::node& el : *arr) {
    const std::string* s = el.is_string() ? &el.as_string()->get() : nullptr;
    if (!s) {
      p.Add(LineOf(el), ctx + ": " + std::string(key) + " must hold names in quotes");
      ok = false;
      continue;
    }
    auto value = parse(*s);
    if (!value) {
      p.Add(LineOf(el), ctx + ": unknown " + std::string(singular) + " " + Quote(*s) + " (" + std::string(singular) +
                            "s are: " + JoinNames(known) + ")");
      ok = false;
      continue;
    }
    if (mask & BitOf(*value)) {
      p.Add(LineOf(el), ctx + ": " + std::string(singular) + " " + Quote(*s) + " is listed twice");
      ok = false;
    }
    mask |= BitOf(*value);
  }
  if (!ok) return std::nullopt;
  return mask;
}

std::optional<Mask> ReadRoles(const toml::node& n, const std::string& ctx, std::string_view key, Problems& p) {
  return ReadNames(n, ctx, key, "role", domain::ParseStaffRole, RoleNames(), p);
}
std::optional<Mask> ReadActions(const toml::node& n, const std::string& ctx, std::string_view key, Problems& p) {
  return ReadNames(n, ctx, key, "action", ParseAction, ActionNames(), p);
}
std::optional<Mask> ReadRelations(const toml::node& n, const std::string& ctx, std::string_view key, Problems& p) {
  return ReadNames(n, ctx, key, "relation", ParseRelation, RelationNames(), p);
}
std::optional<Mask> ReadTiers(const toml::node& n, const std::string& ctx, std::string_view key, Problems& p) {
  return ReadNames(n, ctx, key, "tier", domain::ParseSensitivityTier, TierNames(), p);
}
std::optional<Mask> ReadTraining(const toml::node& n, const std::string& ctx, std::string_view key, Problems& p) {
  return ReadNames(n, ctx, key, "training state", ParseTrainingState, TrainingNames(), p);
}

class Parser {
 public:
  Parser(std::string_view source, PolicySpec& spec) : problems_(source, "access policy"), spec_(spec) {}

  Problems& problems() { return problems_; }

  void Document(const toml::table& doc) {
    bool have_policy = false;
    for (const auto& [key, node] : doc) {
      if (key.str() == "policy") {
        if (const toml::table* t = node.as_table()) {
          have_policy = true;
          Policy(*t);
        } else {
          problems_.Add(LineOf(key), "policy must be a section: [policy]");
        }
      } else if (key.str() == "gate" || key.str() == "rule") {
        const bool is_gate = key.str() == "gate";
        if (!node.is_array_of_tables()) {
          problems_.Add(LineOf(key), std::string(key.str()) + " must be written [[" + std::string(key.str()) +
                                         "]], one block per " + std::string(key.str()));
          continue;
        }
        size_t i = 0;
        // is_array_of_tables: every element is a table.
        for (const toml::node& el : *node.as_array()) {
          ++i;
          if (is_gate) {
            Gate(*el.as_table(), i);
          } else {
            Rule(*el.as_table(), i);
          }
        }
      } else {
        problems_.Add(LineOf(key), "unknown section or key " + Quote(key.str()) +
                                       " (a policy has [policy], [[gate]] and [[rule]])");
      }
    }
    if (!have_policy) problems_.Add(1, "missing [policy] section (it names the policy and its version)");
    if (spec_.rules.empty()) problems_.Add(0, "no [[rule]]: this policy would deny everything");
  }

 private:
  void Policy(const toml::table& t) {
    const std::string ctx = "[policy]";
    CheckKeys(t, ctx, {"name", "version", "training", "team_access", "break_glass_minutes", "required_training"},
              problems_);
    if (const toml::node* n = t.get("name")) {
      if (auto s = ReadLine(*n, ctx, "name", 120, problems_, true)) spec_.name = *s;
    } else {
      problems_.Add(LineOf(t), ctx + ": name missing (it appears in every decision)");
    }
    if (const toml::node* n = t.get("version")) {
      if (auto s = ReadLine(*n, ctx, "version", 64, problems_, true)) spec_.version = *s;
    } else {
      problems_.Add(LineOf(t), ctx + ": version missing (e.g. the date it was approved, \"2026-11-22\")");
    }
    if (const toml::node* n = t.get("training")) {
      const std::string* s = n->is_string() ? &n->as_string()->get() : nullptr;
      if (s && *s == "deny") {
        spec_.training = TrainingMode::kDeny;
      } else if (s && *s == "flag") {
        spec_.training = TrainingMode::kFlag;
      } else {
        problems_.Add(LineOf(*n), ctx + ": training must be \"deny\" or \"flag\"");
      }
    }
    if (const toml::node* n = t.get("team_access")) {
      if (auto b = ReadBool(*n, ctx, "team_access", problems_)) spec_.team_access = *b;
    }
    if (const toml::node* n = t.get("break_glass_minutes")) {
      const int64_t* v = n->is_integer() ? &n->as_integer()->get() : nullptr;
      if (v && *v >= 1 && *v <= kMaxBreakGlassMinutes) {
        spec_.break_glass_minutes = static_cast<int>(*v);
      } else {
        problems_.Add(LineOf(*n), ctx + ": break_glass_minutes must be a whole number from 1 to " +
                                      std::to_string(kMaxBreakGlassMinutes));
      }
    }
    if (const toml::node* n = t.get("required_training")) {
      const toml::array* arr = n->as_array();
      if (!arr) {
        problems_.Add(LineOf(*n), ctx + ": required_training must be a list of course names, e.g. [\"confidentiality\"]");
        return;
      }
      std::set<std::string> seen;
      for (const toml::node& el : *arr) {
        const std::string* s = el.is_string() ? &el.as_string()->get() : nullptr;
        if (!s || !IsId(*s)) {
          problems_.Add(LineOf(el), ctx + ": required_training holds course names in quotes, in lower-case letters, "
                                          "digits, '-' and '_'");
        } else if (!seen.insert(*s).second) {
          problems_.Add(LineOf(el), ctx + ": course " + Quote(*s) + " is listed twice");
        } else {
          spec_.required_training.push_back(*s);
        }
      }
    }
  }

  // The block's id (also its name in messages: "rule \"id\"", or "rule #3" without a usable id).
  std::string Id(const toml::table& t, std::string_view kind, size_t index, std::string& id) {
    std::string ctx = std::string(kind) + " #" + std::to_string(index);
    const toml::node* n = t.get("id");
    if (!n) {
      problems_.Add(LineOf(t), ctx + ": id missing (a short name such as \"allocated-staff-read\")");
      return ctx;
    }
    const std::string* s = n->is_string() ? &n->as_string()->get() : nullptr;
    if (!s || !IsId(*s)) {
      problems_.Add(LineOf(*n), ctx + ": id must be lower-case letters, digits, '-' and '_' (at most " +
                                    std::to_string(kMaxIdChars) + ")");
      return ctx;
    }
    id = *s;
    auto [it, inserted] = ids_.emplace(*s, LineOf(*n));
    if (!inserted) {
      problems_.Add(LineOf(*n), std::string(kind) + " " + Quote(*s) + ": id already used on line " +
                                    std::to_string(it->second) + " (ids must be unique across gates and rules)");
    }
    return std::string(kind) + " " + Quote(*s);
  }

  void Says(const toml::table& t, const std::string& ctx, std::string& says) {
    if (const toml::node* n = t.get("says")) {
      if (auto s = ReadLine(*n, ctx, "says", kMaxSaysChars, problems_)) says = *s;
    } else {
      problems_.Add(LineOf(t), ctx + ": says missing (the words that explain every decision it makes)");
    }
  }

  void Gate(const toml::table& t, size_t index) {
    GateSpec g;
    g.line = LineOf(t);
    const std::string ctx = Id(t, "gate", index, g.id);
    CheckKeys(t, ctx, {"id", "when", "effect", "except_actions", "says"}, problems_);
    Says(t, ctx, g.says);
    if (const toml::node* n = t.get("when")) {
      When(*n, ctx, g);
    } else {
      problems_.Add(g.line, ctx + ": when missing (the conditions under which the gate applies)");
    }
    if (const toml::node* n = t.get("except_actions")) {
      if (auto m = ReadActions(*n, ctx, "except_actions", problems_)) g.except_actions = *m;
    }
    const toml::node* effect = t.get("effect");
    if (g.tests_training) {
      if (effect) {
        problems_.Add(LineOf(*effect), ctx + ": a gate that tests training takes its effect from [policy] training "
                                             "(\"deny\" or \"flag\"); remove effect");
      }
    } else if (!effect) {
      problems_.Add(g.line, ctx + ": effect missing (\"deny\" or \"flag\")");
    } else {
      const std::string* s = effect->is_string() ? &effect->as_string()->get() : nullptr;
      if (s && (*s == "deny" || *s == "flag")) {
        g.flag = *s == "flag";
      } else {
        problems_.Add(LineOf(*effect), ctx + ": effect must be \"deny\" or \"flag\"");
      }
    }
    spec_.gates.push_back(std::move(g));
  }

  void When(const toml::node& node, const std::string& ctx, GateSpec& g) {
    const toml::table* t = node.as_table();
    if (!t) {
      problems_.Add(LineOf(node), ctx + ": when must be a table, e.g. when.active = false");
      return;
    }
    if (t->empty()) {
      problems_.Add(LineOf(node), ctx + ": when names no condition (a gate that always applies would decide everything)");
      return;
    }
    const std::string wctx = ctx + " when";
    CheckKeys(*t, wctx, {"active", "restricted", "training", "roles", "actions", "relations", "tiers"}, problems_);
    if (const toml::node* n = t->get("active")) g.active = ReadBool(*n, wctx, "active", problems_);
    if (const toml::node* n = t->get("restricted")) g.restricted = ReadBool(*n, wctx, "restricted", problems_);
    if (const toml::node* n = t->get("training")) {
      g.tests_training = true;
      if (auto m = ReadTraining(*n, wctx, "training", problems_)) g.training = *m;
    }
    if (const toml::node* n = t->get("roles")) {
      if (auto m = ReadRoles(*n, wctx, "roles", problems_)) g.roles = *m;
    }
    if (const toml::node* n = t->get("actions")) {
      if (auto m = ReadActions(*n, wctx, "actions", problems_)) g.actions = *m;
    }
    if (const toml::node* n = t->get("relations")) {
      g.tests_relations = true;
      if (auto m = ReadRelations(*n, wctx, "relations", problems_)) g.relations = *m;
    }
    if (const toml::node* n = t->get("tiers")) {
      if (auto m = ReadTiers(*n, wctx, "tiers", problems_)) g.tiers = *m;
    }
  }

  void Rule(const toml::table& t, size_t index) {
    RuleSpec r;
    r.line = LineOf(t);
    const std::string ctx = Id(t, "rule", index, r.id);
    CheckKeys(t, ctx, {"id", "roles", "actions", "relations", "tiers", "flag", "says"}, problems_);
    Says(t, ctx, r.says);
    std::optional<Mask> roles, actions, relations, tiers;
    if (const toml::node* n = t.get("roles")) {
      roles = ReadRoles(*n, ctx, "roles", problems_);
    } else {
      problems_.Add(r.line, ctx + ": roles missing (the staff roles the rule is for)");
    }
    if (const toml::node* n = t.get("actions")) {
      actions = ReadActions(*n, ctx, "actions", problems_);
    } else {
      problems_.Add(r.line, ctx + ": actions missing (what the rule allows)");
    }
    const toml::node* rel_node = t.get("relations");
    const toml::node* tier_node = t.get("tiers");
    if (rel_node) relations = ReadRelations(*rel_node, ctx, "relations", problems_);
    if (tier_node) tiers = ReadTiers(*tier_node, ctx, "tiers", problems_);
    if (const toml::node* n = t.get("flag")) {
      if (auto b = ReadBool(*n, ctx, "flag", problems_)) r.flag = *b;
    }
    if (actions) CheckFit(*actions, rel_node, tier_node, ctx, r.line, problems_);
    r.roles = roles.value_or(0);
    r.actions = actions.value_or(0);
    r.relations = relations.value_or(0);
    r.tiers = tiers.value_or(0);
    spec_.rules.push_back(std::move(r));
  }

  // Relations are about the person the data concerns, tiers about records: a rule must give them
  // exactly when one of its actions needs them.
  static void CheckFit(Mask actions, const toml::node* relations, const toml::node* tiers, const std::string& ctx,
                       int line, Problems& p) {
    std::vector<std::string_view> never_person, tiered;
    bool any_person = false;
    for (size_t i = 0; i < kActionCount; ++i) {
      const ActionInfo& info = ActionTable()[i];
      if (!Has(actions, info.action)) continue;
      if (info.subject == Subject::kNone) {
        never_person.push_back(info.name);
      } else {
        any_person = true;
      }
      if (info.tiered) tiered.push_back(info.name);
    }
    if (relations && !never_person.empty()) {
      p.Add(LineOf(*relations), ctx + ": relations given, but " + JoinNames(never_person) +
                                    " never concern a person; put them in a rule without relations");
    } else if (!relations && any_person) {
      p.Add(line, ctx + ": relations missing: name the relations to the person it covers (allocated, team, "
                        "break_glass, none)");
    }
    if (tiers && tiered.empty()) {
      p.Add(LineOf(*tiers), ctx + ": tiers given, but none of its actions has a tier (only record.create, "
                                  "record.read, record.amend, record.export and chronology.read have)");
    } else if (!tiers && !tiered.empty()) {
      p.Add(line, ctx + ": tiers missing: " + JoinNames(tiered) + " need the tiers it covers (general, sensitive, "
                        "restricted)");
    }
  }

  Problems problems_;
  PolicySpec& spec_;
  std::map<std::string, int> ids_;  // id -> line, across gates and rules
};

}  // namespace

Result<PolicySpec> ParsePolicySpec(std::string_view toml_text, std::string_view source_name) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(std::string(source_name) + ":" + std::to_string(e.source().begin.line) +
                                   ": not valid TOML: " + std::string(e.description()));
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(source_name) + ": cannot be read as TOML: " + e.what());
  }
  PolicySpec spec;
  Parser parser(source_name, spec);
  try {
    parser.Document(doc);
  } catch (const std::exception& e) {  // toml++ accessors do not throw; this is a last defence
    return Status::Internal(std::string(source_name) + ": reading the policy failed: " + e.what());
  }
  if (!parser.problems().empty()) return parser.problems().ToStatus();
  return spec;
}

}  // namespace confide::policy
