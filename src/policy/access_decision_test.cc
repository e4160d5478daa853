// Decisions in words: explanations and audit text, and the table agreeing with the slow path.
#include "policy/access_decision.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "policy/access_policy.h"
#include "policy/evaluate.h"
#include "policy/policy_parser.h"
#include "policy/policy_test_util.h"

namespace confide::policy {
namespace {

using domain::SensitivityTier;
using domain::StaffRole;
using testing::Req;

AccessPolicy Load() {
  auto r = AccessPolicy::LoadFile(testing::DefaultPolicyPath());
  if (!r.ok()) {
    ADD_FAILURE() << r.status().ToString();
    std::abort();
  }
  return std::move(r).value();
}

constexpr const char* kPolicyLabel = "(policy \"Confide default access policy\" 2026-12-05)";

TEST(AccessDecisionTest, AuditTextOfAnAllowedAccess) {
  AccessPolicy p = Load();
  const Decision& d = p.Decide(Req(StaffRole::kPractitioner, Action::kRecordRead, Relation::kAllocated));
  EXPECT_EQ(d.AuditText(), std::string("allow by rule allocated-staff ") + kPolicyLabel +
                               ": Staff allocated to a child see the child's details and records, including sensitive "
                               "ones: they work with the child and need to know.");
}

TEST(AccessDecisionTest, AuditTextOfADenialByAGate) {
  AccessPolicy p = Load();
  AccessRequest r = Req(StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, Relation::kAllocated);
  r.restricted = true;
  EXPECT_EQ(p.Decide(r).AuditText(), std::string("deny by gate restricted-person ") + kPolicyLabel +
                                         ": This person is hidden from this member of staff; no role, allocation or "
                                         "emergency access overrides a restriction.");
}

TEST(AccessDecisionTest, AuditTextOfADenialByDefault) {
  AccessPolicy p = Load();
  const Decision& d =
      p.Decide(Req(StaffRole::kPractitioner, Action::kRecordRead, Relation::kAllocated, SensitivityTier::kRestricted));
  EXPECT_EQ(d.AuditText(), std::string("deny: no rule allows record.read of a restricted record for practitioner with "
                                       "relation allocated ") +
                               kPolicyLabel);
  const Decision& s = p.Decide(Req(StaffRole::kVolunteer, Action::kStaffManage));
  EXPECT_EQ(s.AuditText(), std::string("deny: no rule allows staff.manage for volunteer ") + kPolicyLabel);
}

TEST(AccessDecisionTest, AuditTextOfAFlaggedAccess) {
  AccessPolicy p = Load();
  const Decision& d =
      p.Decide(Req(StaffRole::kPractitioner, Action::kRecordRead, Relation::kBreakGlass, SensitivityTier::kSensitive));
  EXPECT_EQ(d.AuditText().rfind(std::string("allow by rule break-glass-read, flagged ") + kPolicyLabel + ": During", 0),
            0u)
      << d.AuditText();

  ASSERT_OK_AND_ASSIGN(AccessPolicy flag, AccessPolicy::Parse(testing::DefaultPolicyWith("training = \"deny\"",
                                                                                        "training = \"flag\""),
                                                              "flag.toml"));
  AccessRequest r = Req(StaffRole::kPractitioner, Action::kRecordRead, Relation::kAllocated);
  r.training = TrainingState::kMissing;
  const std::string text = flag.Decide(r).AuditText();
  EXPECT_EQ(text.rfind("allow by rule allocated-staff (policy", 0), 0u) << text;
  EXPECT_NE(text.find("; flagged by gate training-not-current: Personal data is used only by staff whose "
                      "confidentiality training is complete and in date."),
            std::string::npos)
      << text;
}

TEST(AccessDecisionTest, ExplainGivesEachStepInWords) {
  ASSERT_OK_AND_ASSIGN(AccessPolicy flag, AccessPolicy::Parse(testing::DefaultPolicyWith("training = \"deny\"",
                                                                                        "training = \"flag\""),
                                                              "flag.toml"));
  AccessRequest r = Req(StaffRole::kManager, Action::kRecordRead, Relation::kTeam, SensitivityTier::kSensitive);
  r.training = TrainingState::kLapsed;
  EXPECT_EQ(flag.Decide(r).Explain(),
            "allowed, flagged for review\n"
            "policy \"Confide default access policy\" 2026-12-05\n"
            "  - gate training-not-current lets it through, flagged for review: Personal data is used only by staff "
            "whose confidentiality training is complete and in date.\n"
            "  - rule manager-team allows it: Managers see and keep up to date the records of their team's children, "
            "including sensitive ones: they supervise the staff who work with them.\n");

  AccessPolicy p = Load();
  EXPECT_EQ(p.Decide(Req(StaffRole::kAuditor, Action::kRecordRead, Relation::kNone)).Explain(),
            "denied\n"
            "policy \"Confide default access policy\" 2026-12-05\n"
            "  - no rule allows record.read of a general record for auditor with relation none; what no rule allows "
            "is denied\n");
  AccessRequest off = Req(StaffRole::kVolunteer, Action::kPersonRead);
  off.active = false;
  EXPECT_EQ(p.Decide(off).Explain(),
            "denied\npolicy \"Confide default access policy\" 2026-12-05\n"
            "  - gate disabled-account denies it: A disabled account can do nothing.\n");
}

TEST(AccessDecisionTest, UnknownStaffIsDeniedInWords) {
  AccessPolicy p = Load();
  EXPECT_FALSE(p.UnknownStaff().allowed);
  EXPECT_EQ(p.UnknownStaff().rule_id, "unknown-staff");
  EXPECT_EQ(p.UnknownStaff().AuditText(),
            std::string("deny: the staff member is not known to the access directory ") + kPolicyLabel);
}

// Audit text is made of the policy's words and the names of roles, actions, tiers and relations:
// every word of every distinct decision's text comes from those, so nothing about a person can
// enter it.
TEST(AccessDecisionTest, AuditTextHoldsOnlyPolicyWordsAndNames) {
  const std::string text = testing::DefaultPolicyText();
  ASSERT_OK_AND_ASSIGN(PolicySpec spec, ParsePolicySpec(text, "default"));
  std::set<std::string> vocabulary;
  auto add_words = [&](std::string_view s) {
    std::string word;
    for (char c : std::string(s) + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '\'') {
        word += c;
      } else if (!word.empty()) {
        vocabulary.insert(word);
        word.clear();
      }
    }
  };
  for (const auto& g : spec.gates) add_words(g.id + " " + g.says);
  for (const auto& r : spec.rules) add_words(r.id + " " + r.says);
  add_words(spec.name + " " + spec.version + " policy allow deny by rule gate flagged note no allows of a record for with relation");
  add_words("concerns a person and the request named none team counts as because team_access false");
  add_words("the staff member is not known to access directory holds value engine does");
  for (StaffRole r : kAllRoles) add_words(domain::ToString(r));
  for (size_t i = 0; i < kActionCount; ++i) add_words(ActionTable()[i].name);
  add_words("general sensitive restricted allocated team break_glass none");

  ASSERT_OK_AND_ASSIGN(AccessPolicy p, AccessPolicy::Parse(text, "default"));
  ASSERT_OK_AND_ASSIGN(AccessPolicy off, AccessPolicy::Parse(testing::DefaultPolicyWith("team_access = true",
                                                                                      "team_access = false"),
                                                             "off"));
  size_t checked = 0;
  for (const AccessPolicy* policy : {&p, &off}) {
    for (StaffRole role : kAllRoles) {
      for (size_t a = 0; a < kActionCount; ++a) {
        for (Relation rel : {Relation::kAllocated, Relation::kTeam, Relation::kBreakGlass, Relation::kNone}) {
          for (auto tier : {SensitivityTier::kGeneral, SensitivityTier::kSensitive, SensitivityTier::kRestricted}) {
            for (int bits = 0; bits < 8; ++bits) {
              AccessRequest r = Req(role, static_cast<Action>(a), rel, tier);
              r.active = bits & 1;
              r.restricted = bits & 2;
              r.training = (bits & 4) ? TrainingState::kLapsed : TrainingState::kCurrent;
              std::string words = policy->Decide(r).AuditText();
              std::string word;
              for (char c : words + " ") {
                if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '\'') {
                  word += c;
                } else if (!word.empty()) {
                  // Sentence-final full stops belong to the word before.
                  std::string bare = word.back() == '.' ? word.substr(0, word.size() - 1) : word;
                  EXPECT_TRUE(vocabulary.count(word) || vocabulary.count(bare)) << word << " in: " << words;
                  word.clear();
                }
              }
              ++checked;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 10000u);
}

// The table is only a faster way to ask Evaluate: they agree on every cell.
TEST(AccessDecisionTest, TableAgreesWithEvaluateEverywhere) {
  for (const std::string& text : {testing::DefaultPolicyText(),
                                  testing::DefaultPolicyWith("team_access = true", "team_access = false"),
                                  testing::DefaultPolicyWith("training = \"deny\"", "training = \"flag\"")}) {
    ASSERT_OK_AND_ASSIGN(PolicySpec spec, ParsePolicySpec(text, "p"));
    ASSERT_OK_AND_ASSIGN(AccessPolicy p, AccessPolicy::Parse(text, "p"));
    for (StaffRole role : kAllRoles) {
      for (size_t a = 0; a < kActionCount; ++a) {
        for (Relation rel : {Relation::kAllocated, Relation::kTeam, Relation::kBreakGlass, Relation::kNone}) {
          for (auto tier : {SensitivityTier::kGeneral, SensitivityTier::kSensitive, SensitivityTier::kRestricted}) {
            for (auto t : {TrainingState::kCurrent, TrainingState::kMissing, TrainingState::kLapsed}) {
              for (int bits = 0; bits < 8; ++bits) {
                AccessRequest r = Req(role, static_cast<Action>(a), rel, tier);
                r.training = t;
                r.active = bits & 1;
                r.restricted = bits & 2;
                r.about_person = bits & 4;
                const Outcome o = Evaluate(spec, r);
                const Decision& d = p.Decide(r);
                ASSERT_EQ(d.allowed, o.allowed) << Describe(r);
                ASSERT_EQ(d.flagged, o.flagged) << Describe(r);
                const std::string_view expected =
                    o.rule ? std::string_view(spec.rules[*o.rule].id)
                           : o.deny_gate ? std::string_view(spec.gates[*o.deny_gate].id)
                                         : (o.malformed ? "malformed-request" : "default-deny");
                ASSERT_EQ(d.rule_id, expected) << Describe(r);
                ASSERT_EQ(d.chain.back().id, d.rule_id);
              }
            }
          }
        }
      }
    }
  }
}

TEST(AccessDecisionTest, DecisionsOutliveTheFirstCopyOfThePolicy) {
  const Decision* d = nullptr;
  std::unique_ptr<AccessPolicy> copy;
  {
    AccessPolicy p = Load();
    d = &p.Decide(Req(StaffRole::kPractitioner, Action::kRecordRead, Relation::kAllocated));
    copy = std::make_unique<AccessPolicy>(p);
  }
  EXPECT_NE(d->AuditText().find("allocated-staff"), std::string::npos);  // ASan checks the memory is live
}

}  // namespace
}  // namespace confide::policy
