// The scenario suite: situations from the guidance, kept as data in test/sharing/scenarios/*.toml
// (one file per group), each run through the shipped default policy and checked for its outcome,
// lawful basis, approvals, what leaves and what is withheld, and whether the person is told.
#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>
#include <toml++/toml.h>

#include "sharing/sharing_explanation.h"
#include "sharing/sharing_policy.h"
#include "testing/test_util.h"

namespace confide::sharing {
namespace {

struct Scenario {
  std::string file, name;
  int line = 0;
  toml::table table;
};

std::vector<Scenario> LoadScenarios() {
  std::vector<Scenario> out;
  const auto dir = testing::SourceDir() / "test" / "sharing" / "scenarios";
  std::vector<std::filesystem::path> files;
  if (std::filesystem::exists(dir)) {
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() == ".toml") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    toml::table doc;
    try {
      doc = toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
      ADD_FAILURE() << path << ": " << e.description();
      continue;
    }
    const toml::array* list = doc["scenario"].as_array();
    if (!list) continue;
    for (const toml::node& n : *list) {
      const toml::table& t = *n.as_table();
      out.push_back({path.stem().string(), t["name"].value_or(std::string("(unnamed)")),
                     static_cast<int>(n.source().begin.line), t});
    }
  }
  return out;
}

const std::vector<Scenario>& Scenarios() {
  static const std::vector<Scenario> all = LoadScenarios();
  return all;
}

std::set<std::string> Strings(const toml::node* n) {
  std::set<std::string> out;
  if (const toml::array* a = n ? n->as_array() : nullptr) {
    for (const toml::node& el : *a) out.insert(el.value_or(std::string()));
  }
  return out;
}

template <typename E>
E EnumOr(const toml::table& t, std::string_view key, E fallback) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  auto v = ParseName<E>(n->value_or(std::string()));
  if (!v) throw std::runtime_error("unknown " + std::string(key) + " \"" + n->value_or(std::string()) + "\"");
  return *v;
}

template <typename E>
uint32_t MaskOf(const std::set<std::string>& names) {
  uint32_t m = 0;
  for (const auto& n : names) {
    auto v = ParseName<E>(n);
    if (!v) throw std::runtime_error("unknown name \"" + n + "\"");
    m |= Bit(*v);
  }
  return m;
}

// The request of a scenario as facts for `policy`; throws on a name the policy does not know.
SharingFacts FactsOf(const SharingPolicy& policy, const toml::table& r) {
  static const std::set<std::string> kKeys = {"direction", "recipient", "purpose", "categories", "channel", "urgency",
                                             "consent", "written_consent", "documents", "approvals", "agreement"};
  SharingFacts f;
  for (const auto& [key, node] : r) {
    const std::string k(key.str());
    if (kKeys.count(k)) continue;
    auto fact = ParseName<Fact>(k);
    if (!fact || *fact == Fact::kWrittenConsent || *fact == Fact::kConsentException || *fact == Fact::kConsentInWriting) {
      throw std::runtime_error("unknown request key \"" + k + "\"");
    }
    f.Set(*fact, node.value_or(false));
  }
  f.Set(Fact::kConsentInWriting, r["written_consent"].value_or(false));
  f.direction = EnumOr(r, "direction", Direction::kIncoming);
  f.recipient = EnumOr(r, "recipient", RecipientKind::kChildrensSocialCare);
  if (!r.contains("recipient")) throw std::runtime_error("the request has no recipient");
  auto purpose = policy.FindPurpose(r["purpose"].value_or(std::string()));
  if (!purpose) throw std::runtime_error("unknown purpose \"" + r["purpose"].value_or(std::string()) + "\"");
  f.purpose = *purpose;
  const auto cats = Strings(r.get("categories"));
  if (cats.empty()) throw std::runtime_error("the request asks for no categories");
  auto set = policy.Categories({cats.begin(), cats.end()});
  if (!set.ok()) throw std::runtime_error(set.status().message());
  f.categories = *set;
  f.channel = EnumOr(r, "channel", Channel::kSecureEmail);
  f.urgency = EnumOr(r, "urgency", Urgency::kRoutine);
  f.consent = EnumOr(r, "consent", ConsentState::kNone);
  f.agreement = EnumOr(r, "agreement", AgreementFit::kNone);
  f.documents = MaskOf<Document>(Strings(r.get("documents")));
  f.approvals = MaskOf<Approval>(Strings(r.get("approvals")));
  return f;
}

std::set<std::string> AsSet(const nlohmann::json& list) { return {list.begin(), list.end()}; }

class ScenarioTest : public ::testing::TestWithParam<size_t> {};

TEST_P(ScenarioTest, DecidesAsTheGuidanceRequires) {
  const Scenario& s = Scenarios()[GetParam()];
  SCOPED_TRACE(s.file + ".toml:" + std::to_string(s.line) + ": " + s.name);
  const SharingPolicy& policy = SharingPolicy::Default();
  const toml::table* request = s.table["request"].as_table();
  const toml::table* expect = s.table["expect"].as_table();
  ASSERT_TRUE(request && expect) << "a scenario needs [scenario.request] and [scenario.expect]";
  SharingFacts facts;
  try {
    facts = FactsOf(policy, *request);
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  const nlohmann::json got = ExplainDecision(policy, policy.Decide(facts));
  SCOPED_TRACE("decision: " + got.dump(1));
  for (const char* required : {"outcome", "basis", "approvals_required", "released", "withheld", "tell_subject"}) {
    ASSERT_TRUE(expect->contains(required)) << "expect." << required << " is required";
  }
  EXPECT_EQ(got["outcome"], (*expect)["outcome"].value_or(std::string()));
  EXPECT_EQ(got["basis"], (*expect)["basis"].value_or(std::string()));
  EXPECT_EQ(AsSet(got["approvals_required"]), Strings(expect->get("approvals_required")));
  EXPECT_EQ(AsSet(got["approvals_one_of"]), Strings(expect->get("approvals_one_of")));
  EXPECT_EQ(got["approvals_after"], (*expect)["approvals_after"].value_or(false));
  EXPECT_EQ(AsSet(got["released"]), Strings(expect->get("released")));
  EXPECT_EQ(AsSet(got["withheld"]), Strings(expect->get("withheld")));
  EXPECT_EQ(got["tell_subject"], (*expect)["tell_subject"].value_or(true));
  if (expect->contains("seek_consent")) {
    EXPECT_EQ(got["seek_consent"], (*expect)["seek_consent"].value_or(false));
  }
  if (expect->contains("redirect_to")) {
    EXPECT_EQ(got.value("redirect_to", "none"), (*expect)["redirect_to"].value_or(std::string()));
  } else {
    EXPECT_FALSE(got.contains("redirect_to"));
  }
  if (expect->contains("alert")) {
    EXPECT_EQ(AsSet(got["alert"]), Strings(expect->get("alert")));
  }
  std::set<std::string> applied;
  for (const auto& r : got["reasons"]) applied.insert(r["rule"].get<std::string>());
  for (const std::string& rule : Strings(expect->get("rules"))) EXPECT_TRUE(applied.count(rule)) << "rule " << rule << " did not apply";
}

INSTANTIATE_TEST_SUITE_P(Guidance, ScenarioTest, ::testing::Range<size_t>(0, Scenarios().size()),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           std::string name = Scenarios()[info.param].file + "_" + std::to_string(info.param);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ScenarioTest);

TEST(ScenarioSuiteTest, HasAtLeastFortyScenariosAndExercisesEveryRule) {
  EXPECT_GE(Scenarios().size(), 40u);
  const SharingPolicy& policy = SharingPolicy::Default();
  std::set<std::string> applied;
  for (const Scenario& s : Scenarios()) {
    try {
      const SharingDecision d = policy.Decide(FactsOf(policy, *s.table["request"].as_table()));
      for (size_t i = 0; i < policy.rules().size(); ++i) {
        if (d.rules.test(i)) applied.insert(policy.rules()[i].id);
      }
    } catch (const std::exception&) {
      // reported by the scenario's own test
    }
  }
  for (const Rule& r : policy.rules()) EXPECT_TRUE(applied.count(r.id)) << "no scenario exercises rule " << r.id;
}

}  // namespace
}  // namespace confide::sharing
