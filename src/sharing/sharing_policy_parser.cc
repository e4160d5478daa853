// Parsing the sharing policy file: every problem reported with its line, nothing half-loaded.
#include <set>
#include <toml++/toml.h>

#include "policy/toml_reading.h"
#include "sharing/sharing_policy.h"

namespace confide::sharing {
namespace {

using policy::CheckKeys;
using policy::EachTable;
using policy::IsId;
using policy::JoinNames;
using policy::LineOf;
using policy::Problems;
using policy::Quote;
using policy::ReadBool;
using policy::ReadLine;

constexpr size_t kMaxSaysChars = 400;  // `says` goes into every recorded decision

// The words of the steps after the rules, by the [policy] key that holds them (kStepIds order).
constexpr std::array<std::string_view, kStepIds.size()> kStepKeys = {"no_basis_says", "nothing_needed_says", "withheld_says",
                                                                     "escalate_says", "approval_follows_says"};

template <typename E>
std::vector<std::string_view> NamesOf() {
  return {EnumNames<E>::kNames.begin(), EnumNames<E>::kNames.end()};
}

// A non-empty list of distinct names, as a text array.
std::optional<std::vector<std::pair<std::string, int>>> ReadStrings(const toml::node& node, const std::string& ctx,
                                                                    std::string_view key, bool allow_empty, Problems& p) {
  const toml::array* arr = node.as_array();
  if (!arr) {
    p.Add(LineOf(node), ctx + ": " + std::string(key) + " must be a list of names in quotes");
    return std::nullopt;
  }
  if (arr->empty() && !allow_empty) {
    p.Add(LineOf(node), ctx + ": " + std::string(key) + " is empty; name at least one");
    return std::nullopt;
  }
  std::vector<std::pair<std::string, int>> out;
  std::set<std::string> seen;
  bool ok = true;
  for (const toml::node& el : *arr) {
    if (!el.is_string()) {
      p.Add(LineOf(el), ctx + ": " + std::string(key) + " must hold names in quotes");
      ok = false;
      continue;
    }
    const std::string& s = el.as_string()->get();
    if (!seen.insert(s).second) {
      p.Add(LineOf(el), ctx + ": " + Quote(s) + " is listed twice in " + std::string(key));
      ok = false;
    }
    out.emplace_back(s, LineOf(el));
  }
  if (!ok) return std::nullopt;
  return out;
}

// A list of an enum's names, as a mask of Bit(value).
template <typename E>
std::optional<uint32_t> ReadEnumMask(const toml::node& node, const std::string& ctx, std::string_view key, Problems& p) {
  auto names = ReadStrings(node, ctx, key, /*allow_empty=*/false, p);
  if (!names) return std::nullopt;
  uint32_t mask = 0;
  bool ok = true;
  for (const auto& [name, line] : *names) {
    auto value = ParseName<E>(name);
    if (!value) {
      p.Add(line, ctx + ": unknown value " + Quote(name) + " in " + std::string(key) + " (one of: " + JoinNames(NamesOf<E>()) + ")");
      ok = false;
      continue;
    }
    mask |= Bit(*value);
  }
  if (!ok) return std::nullopt;
  return mask;
}

template <typename E>
std::optional<E> ReadEnum(const toml::node& node, const std::string& ctx, std::string_view key, Problems& p) {
  const std::string* s = node.is_string() ? &node.as_string()->get() : nullptr;
  auto value = s ? ParseName<E>(*s) : std::nullopt;
  if (!value) {
    p.Add(LineOf(node), ctx + ": " + std::string(key) + " must be one of: " + JoinNames(NamesOf<E>()));
  }
  return value;
}

class Parser {
 public:
  Parser(std::string_view source, SharingPolicy::Data& out) : problems_(source, "sharing policy"), out_(out) {}
  Problems& problems() { return problems_; }

  void File(const toml::table& doc) {
    CheckKeys(doc, "the file", {"policy", "category", "purpose", "rule"}, problems_);
    if (const toml::table* t = doc["policy"].as_table()) {
      Policy(*t);
    } else {
      problems_.Add(0, "the file has no [policy] table (name, version and the words of each step)");
    }
    // Categories first: purposes name them.
    EachTable(doc, "category", problems_, [this](const toml::table& t, const std::string& ctx) { Category(t, ctx); });
    if (out_.categories.size() > kMaxCategories) problems_.Add(0, "more than 64 categories");
    EachTable(doc, "purpose", problems_, [this](const toml::table& t, const std::string& ctx) { Purpose(t, ctx); });
    if (out_.purposes.empty()) problems_.Add(0, "the file defines no [[purpose]]");
    if (out_.purposes.size() > kMaxPurposes) problems_.Add(0, "more than 64 purposes");
    EachTable(doc, "rule", problems_, [this](const toml::table& t, const std::string& ctx) { RuleTable(t, ctx); });
    if (out_.rules.size() > kMaxRules) problems_.Add(0, "more than 256 rules");
  }

 private:


  void Policy(const toml::table& t) {
    std::vector<std::string_view> keys = {"name", "version"};
    keys.insert(keys.end(), kStepKeys.begin(), kStepKeys.end());
    CheckKeys(t, "[policy]", keys, problems_);
    for (std::string_view key : {"name", "version"}) {
      const toml::node* n = t.get(key);
      if (!n) {
        problems_.Add(LineOf(t), "[policy]: " + std::string(key) + " is missing");
        continue;
      }
      if (auto s = ReadLine(*n, "[policy]", key, 200, problems_)) (key == "name" ? out_.name : out_.version) = *s;
    }
    for (size_t i = 0; i < kStepKeys.size(); ++i) {
      const toml::node* n = t.get(kStepKeys[i]);
      if (!n) {
        problems_.Add(LineOf(t), "[policy]: " + std::string(kStepKeys[i]) + " is missing (the words for that step)");
        continue;
      }
      if (auto s = ReadLine(*n, "[policy]", kStepKeys[i], kMaxSaysChars, problems_)) out_.step_says[i] = *s;
    }
  }

  // id and says, both required; the id unique among `kind`.
  bool IdAndSays(const toml::table& t, const std::string& ctx, std::set<std::string>& ids, std::string& id, std::string& says) {
    bool ok = true;
    const toml::node* idn = t.get("id");
    const toml::node* saysn = t.get("says");
    if (!idn || !idn->is_string() || !IsId(idn->as_string()->get())) {
      problems_.Add(idn ? LineOf(*idn) : LineOf(t), ctx + ": id must be lower-case letters, digits, '-' and '_'");
      ok = false;
    } else {
      id = idn->as_string()->get();
      if (!ids.insert(id).second) {
        problems_.Add(LineOf(*idn), ctx + ": id " + Quote(id) + " is used twice");
        ok = false;
      }
    }
    if (!saysn) {
      problems_.Add(LineOf(t), ctx + ": says is missing (the words that explain it)");
      return false;
    }
    auto s = ReadLine(*saysn, ctx, "says", kMaxSaysChars, problems_);
    if (!s) return false;
    says = *s;
    return ok;
  }

  void Category(const toml::table& t, const std::string& ctx) {
    CheckKeys(t, ctx, {"id", "says", "personal"}, problems_);
    sharing::Category c;
    bool ok = IdAndSays(t, ctx, category_ids_, c.id, c.says);
    if (const toml::node* n = t.get("personal")) {
      auto personal = ReadBool(*n, ctx, "personal", problems_);
      ok = ok && personal.has_value();
      c.personal = personal.value_or(true);
    }
    if (!ok) return;
    if (!c.personal && out_.categories.size() < kMaxCategories) out_.not_personal |= CategorySet{1} << out_.categories.size();
    out_.categories.push_back(std::move(c));
  }

  std::optional<CategorySet> CategoryList(const toml::node& n, const std::string& ctx, std::string_view key, bool allow_empty) {
    auto names = ReadStrings(n, ctx, key, allow_empty, problems_);
    if (!names) return std::nullopt;
    CategorySet set = 0;
    bool ok = true;
    for (const auto& [name, line] : *names) {
      size_t i = 0;
      while (i < out_.categories.size() && out_.categories[i].id != name) ++i;
      if (i == out_.categories.size() || i >= kMaxCategories) {
        problems_.Add(line, ctx + ": unknown category " + Quote(name) + " (declare it with [[category]])");
        ok = false;
        continue;
      }
      set |= CategorySet{1} << i;
    }
    if (!ok) return std::nullopt;
    return set;
  }

  void Purpose(const toml::table& t, const std::string& ctx) {
    CheckKeys(t, ctx, {"id", "says", "categories"}, problems_);
    sharing::Purpose purpose;
    bool ok = IdAndSays(t, ctx, purpose_ids_, purpose.id, purpose.says);
    const toml::node* cats = t.get("categories");
    if (!cats) {
      problems_.Add(LineOf(t), ctx + ": categories is missing (what the purpose needs; [] for nothing)");
      return;
    }
    auto set = CategoryList(*cats, ctx, "categories", /*allow_empty=*/true);
    if (ok && set) {
      purpose.categories = *set;
      out_.purposes.push_back(std::move(purpose));
    }
  }

  std::optional<uint64_t> PurposeMask(const toml::node& n, const std::string& ctx) {
    auto names = ReadStrings(n, ctx, "when.purpose", false, problems_);
    if (!names) return std::nullopt;
    uint64_t mask = 0;
    bool ok = true;
    for (const auto& [name, line] : *names) {
      size_t i = 0;
      while (i < out_.purposes.size() && out_.purposes[i].id != name) ++i;
      if (i == out_.purposes.size()) {
        problems_.Add(line, ctx + ": unknown purpose " + Quote(name) + " (declare it with [[purpose]])");
        ok = false;
        continue;
      }
      mask |= uint64_t{1} << i;
    }
    if (!ok) return std::nullopt;
    return mask;
  }

  void When(const toml::table& when, const std::string& ctx, Rule& r, bool& ok) {
    for (const auto& [key, node] : when) {
      const std::string k(key.str());
      const std::string where = ctx + ": when." + k;
      auto set = [&](auto value, auto& field) {
        if (value) {
          field = *value;
        } else {
          ok = false;
        }
      };
      if (k == "direction") {
        set(ReadEnumMask<Direction>(node, ctx, "when.direction", problems_), r.direction);
      } else if (k == "recipient") {
        set(ReadEnumMask<RecipientKind>(node, ctx, "when.recipient", problems_), r.recipient);
      } else if (k == "purpose") {
        set(PurposeMask(node, ctx), r.purpose);
      } else if (k == "channel") {
        set(ReadEnumMask<Channel>(node, ctx, "when.channel", problems_), r.channel);
      } else if (k == "urgency") {
        set(ReadEnumMask<Urgency>(node, ctx, "when.urgency", problems_), r.urgency);
      } else if (k == "consent") {
        set(ReadEnumMask<ConsentState>(node, ctx, "when.consent", problems_), r.consent);
      } else if (k == "agreement") {
        set(ReadEnumMask<AgreementFit>(node, ctx, "when.agreement", problems_), r.agreement);
      } else if (k == "basis") {
        set(ReadEnumMask<LawfulBasis>(node, ctx, "when.basis", problems_), r.basis);
      } else if (k == "documents") {
        set(ReadEnumMask<Document>(node, ctx, "when.documents", problems_), r.documents_all);
      } else if (k == "documents_missing") {
        set(ReadEnumMask<Document>(node, ctx, "when.documents_missing", problems_), r.documents_none);
      } else if (auto fact = ParseName<Fact>(k); fact && *fact != Fact::kConsentInWriting) {
        auto b = ReadBool(node, ctx, "when." + k, problems_);
        if (!b) {
          ok = false;
        } else {
          (*b ? r.facts_true : r.facts_false) |= Bit(*fact);
        }
      } else {
        problems_.Add(LineOf(key), where + " is not something a rule can look at (docs/sharing.md lists them)");
        ok = false;
      }
    }
  }

  void RuleTable(const toml::table& t, const std::string& ctx) {
    CheckKeys(t, ctx,
              {"id", "says", "when", "decide", "redirect_to", "basis", "require", "require_one_of", "approvals_may_follow",
               "seek_consent", "tell_subject", "alert"},
              problems_);
    Rule r;
    r.line = LineOf(t);
    bool ok = IdAndSays(t, ctx, rule_ids_, r.id, r.says);
    const std::string rctx = ok ? "rule " + Quote(r.id) : ctx;
    if (const toml::node* when = t.get("when")) {
      if (const toml::table* wt = when->as_table()) {
        When(*wt, rctx, r, ok);
      } else {
        problems_.Add(LineOf(*when), rctx + ": when must be a table (when.recipient = [...])");
        ok = false;
      }
    }
    auto read = [&](std::string_view key, auto parse) {
      if (const toml::node* n = t.get(key)) {
        if (!parse(*n)) ok = false;
      }
    };
    read("decide", [&](const toml::node& n) {
      auto o = ReadEnum<Outcome>(n, rctx, "decide", problems_);
      if (o && *o != Outcome::kDecline && *o != Outcome::kRedirect) {
        problems_.Add(LineOf(n), rctx + ": decide must be \"decline\" or \"redirect\" (the other outcomes follow from the rules)");
        return false;
      }
      r.decide = o;
      return o.has_value();
    });
    read("redirect_to", [&](const toml::node& n) {
      auto v = ReadEnum<Route>(n, rctx, "redirect_to", problems_);
      if (v) r.redirect_to = *v;
      return v.has_value();
    });
    read("basis", [&](const toml::node& n) {
      auto v = ReadEnum<LawfulBasis>(n, rctx, "basis", problems_);
      if (v == LawfulBasis::kNone) {
        problems_.Add(LineOf(n), rctx + ": basis must name a lawful basis, not \"none\"");
        return false;
      }
      if (v) r.offers = *v;
      return v.has_value();
    });
    // Lists of approvals: who must approve, one of whom, who may approve afterwards, who is alerted.
    for (auto [key, field] : {std::pair<std::string_view, uint32_t*>{"require", &r.require},
                              {"require_one_of", &r.require_one_of},
                              {"approvals_may_follow", &r.may_follow},
                              {"alert", &r.alert}}) {
      read(key, [&](const toml::node& n) {
        auto v = ReadEnumMask<Approval>(n, rctx, key, problems_);
        if (v) *field = *v;
        return v.has_value();
      });
    }
    // Only "false" means anything: by default consent is sought where it could be, and the person is told.
    for (std::string_view key : {"seek_consent", "tell_subject"}) {
      read(key, [&](const toml::node& n) {
        auto v = ReadBool(n, rctx, key, problems_);
        if (v && *v) {
          problems_.Add(LineOf(n), rctx + ": " + std::string(key) + " can only be set to false (true is the default)");
          return false;
        }
        (key == "seek_consent" ? r.no_seek_consent : r.no_tell_subject) = v.has_value();
        return v.has_value();
      });
    }
    if (r.decide) {
      const bool redirect = *r.decide == Outcome::kRedirect;
      if (redirect != (r.redirect_to != Route::kNone)) {
        problems_.Add(r.line, rctx + (redirect ? ": a redirect needs redirect_to (where the request goes instead)"
                                               : ": redirect_to goes only with decide = \"redirect\""));
        ok = false;
      }
      if (r.offers != LawfulBasis::kNone || r.require || r.require_one_of || r.may_follow) {
        problems_.Add(r.line, rctx + ": a rule that decides cannot also offer a basis or require approvals (nothing leaves)");
        ok = false;
      }
    } else if (r.redirect_to != Route::kNone) {
      problems_.Add(r.line, rctx + ": redirect_to goes only with decide = \"redirect\"");
      ok = false;
    }
    if (ok) out_.rules.push_back(std::move(r));
  }

  Problems problems_;
  SharingPolicy::Data& out_;
  std::set<std::string> category_ids_, purpose_ids_, rule_ids_;
};

}  // namespace

Result<SharingPolicy> SharingPolicy::Parse(std::string_view toml_text, std::string_view source_name) {
  auto data = std::make_shared<Data>();
  Parser parser(source_name, *data);
  try {
    const toml::table doc = toml::parse(toml_text, source_name);
    parser.File(doc);
  } catch (const toml::parse_error& e) {
    parser.problems().Add(static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  if (!parser.problems().empty()) return parser.problems().ToStatus();
  return SharingPolicy(std::move(data));
}

}  // namespace confide::sharing
