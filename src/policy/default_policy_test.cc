// The shipped default policy (config/policy/access-policy.toml) does what docs/policy.md says it
// does: one table of expected outcomes, then properties checked over every combination of facts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "policy/access_policy.h"
#include "policy/policy_test_util.h"

namespace confide::policy {
namespace {

using domain::SensitivityTier;
using domain::StaffRole;
using testing::Req;

constexpr auto kGen = SensitivityTier::kGeneral;
constexpr auto kSen = SensitivityTier::kSensitive;
constexpr auto kRes = SensitivityTier::kRestricted;
constexpr auto kAlloc = Relation::kAllocated;
constexpr auto kTeam = Relation::kTeam;
constexpr auto kBg = Relation::kBreakGlass;
constexpr auto kNone = Relation::kNone;

const AccessPolicy& Default() {
  static const AccessPolicy* p = [] {
    auto r = AccessPolicy::LoadFile(testing::DefaultPolicyPath());
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return new AccessPolicy(std::move(r).value());
  }();
  return *p;
}

struct Row {
  StaffRole role;
  Action action;
  Relation relation;
  SensitivityTier tier;
  bool allowed;
  const char* by;  // the rule or gate named
  bool flagged = false;
};

std::string Name(const Row& r) {
  return std::string(domain::ToString(r.role)) + " " + std::string(ToString(r.action)) + " " +
         std::string(ToString(r.relation)) + " " + std::string(domain::ToString(r.tier));
}

const std::vector<Row> kRows = {
    // Allocated staff: general and sensitive, never restricted.
    {StaffRole::kPractitioner, Action::kRecordRead, kAlloc, kGen, true, "allocated-staff"},
    {StaffRole::kPractitioner, Action::kRecordRead, kAlloc, kSen, true, "allocated-staff"},
    {StaffRole::kPractitioner, Action::kRecordRead, kAlloc, kRes, false, "default-deny"},
    {StaffRole::kKeyPerson, Action::kChronologyRead, kAlloc, kSen, true, "allocated-staff"},
    {StaffRole::kSocialWorker, Action::kPersonRead, kAlloc, kGen, true, "allocated-staff"},
    {StaffRole::kSocialWorker, Action::kRecordAmend, kAlloc, kSen, true, "allocated-staff-keep-records"},
    {StaffRole::kSocialWorker, Action::kRecordAmend, kAlloc, kRes, false, "default-deny"},
    {StaffRole::kSocialWorker, Action::kRecordExport, kAlloc, kSen, true, "export-records"},
    {StaffRole::kPractitioner, Action::kRecordExport, kAlloc, kGen, false, "default-deny"},
    // Team: general only.
    {StaffRole::kPractitioner, Action::kRecordRead, kTeam, kGen, true, "team-general"},
    {StaffRole::kPractitioner, Action::kRecordRead, kTeam, kSen, false, "default-deny"},
    {StaffRole::kKeyPerson, Action::kPersonRead, kTeam, kGen, true, "team-general"},
    {StaffRole::kPractitioner, Action::kPersonAmend, kTeam, kGen, false, "default-deny"},
    // No relation: nothing to read, but a concern can always be recorded.
    {StaffRole::kPractitioner, Action::kPersonRead, kNone, kGen, false, "default-deny"},
    {StaffRole::kPractitioner, Action::kRecordRead, kNone, kGen, false, "default-deny"},
    {StaffRole::kPractitioner, Action::kRecordCreate, kTeam, kRes, true, "record-a-concern"},
    // Whether a record could be written would tell a stranger to the child that the child exists.
    {StaffRole::kPractitioner, Action::kRecordCreate, kNone, kGen, false, "default-deny"},
    {StaffRole::kDesignatedSafeguardingLead, Action::kAccessLogRead, kNone, kGen, true, "designated-persons"},
    {StaffRole::kDataProtectionOfficer, Action::kSubjectDestroy, kNone, kGen, true, "dpo-destroys"},
    {StaffRole::kDesignatedSafeguardingLead, Action::kSubjectDestroy, kAlloc, kGen, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kRetentionManage, kNone, kGen, true, "dpo-retention"},
    {StaffRole::kManager, Action::kRetentionManage, kNone, kGen, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kSubjectAccessManage, kNone, kGen, true, "dpo-subject-access"},
    {StaffRole::kDesignatedSafeguardingLead, Action::kSubjectAccessManage, kNone, kGen, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kFoiManage, kNone, kGen, true, "dpo-foi"},
    {StaffRole::kManager, Action::kFoiManage, kNone, kGen, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kBreachManage, kNone, kGen, true, "dpo-breaches"},
    {StaffRole::kDesignatedSafeguardingLead, Action::kBreachManage, kNone, kGen, false, "default-deny"},
    {StaffRole::kVolunteer, Action::kBreachReport, kNone, kGen, true, "report-breaches"},
    {StaffRole::kPractitioner, Action::kBreachReport, kNone, kGen, true, "report-breaches"},
    {StaffRole::kVolunteer, Action::kPolicyAcknowledge, kNone, kGen, true, "acknowledge-confidentiality-policy"},
    {StaffRole::kAuditor, Action::kPolicyAcknowledge, kNone, kGen, true, "acknowledge-confidentiality-policy"},
    {StaffRole::kManager, Action::kTrainingReport, kNone, kGen, true, "training-oversight"},
    {StaffRole::kDataProtectionOfficer, Action::kTrainingReport, kNone, kGen, true, "training-oversight"},
    {StaffRole::kPractitioner, Action::kTrainingReport, kNone, kGen, false, "default-deny"},
    {StaffRole::kVolunteer, Action::kTrainingReport, kNone, kGen, false, "default-deny"},
    {StaffRole::kAdministrator, Action::kKeysRotate, kNone, kGen, true, "administration"},
    // Volunteers and students: their group's general information; may record, not read back.
    {StaffRole::kVolunteer, Action::kRecordRead, kTeam, kGen, true, "volunteer-group"},
    {StaffRole::kVolunteer, Action::kRecordRead, kTeam, kSen, false, "default-deny"},
    {StaffRole::kVolunteer, Action::kRecordRead, kAlloc, kSen, false, "default-deny"},
    {StaffRole::kVolunteer, Action::kRecordRead, kNone, kGen, false, "default-deny"},
    {StaffRole::kVolunteer, Action::kRecordCreate, kTeam, kSen, true, "volunteer-recording"},
    {StaffRole::kVolunteer, Action::kRecordCreate, kTeam, kRes, false, "default-deny"},
    {StaffRole::kVolunteer, Action::kRecordCreate, kNone, kGen, false, "default-deny"},
    {StaffRole::kVolunteer, Action::kBreakGlassStart, kNone, kGen, false, "default-deny"},
    {StaffRole::kVolunteer, Action::kStaffRead, kNone, kGen, false, "default-deny"},
    // Managers: their team's children including sensitive; allocate anyone.
    {StaffRole::kManager, Action::kRecordRead, kTeam, kSen, true, "manager-team"},
    {StaffRole::kManager, Action::kRecordRead, kTeam, kRes, false, "default-deny"},
    {StaffRole::kManager, Action::kRecordRead, kAlloc, kSen, true, "allocated-staff"},
    {StaffRole::kManager, Action::kRecordRead, kNone, kGen, false, "default-deny"},
    {StaffRole::kManager, Action::kAllocationManage, kNone, kGen, true, "manager-allocates"},
    {StaffRole::kManager, Action::kTrainingManage, kNone, kGen, true, "manager-training"},
    // Designated persons: every child, every tier.
    {StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, kNone, kRes, true, "designated-persons"},
    {StaffRole::kDeputySafeguardingLead, Action::kChronologyRead, kNone, kRes, true, "designated-persons"},
    {StaffRole::kDesignatedSafeguardingLead, Action::kRecordExport, kTeam, kRes, true, "designated-persons"},
    {StaffRole::kDesignatedSafeguardingLead, Action::kRestrictionManage, kNone, kGen, true, "designated-persons"},
    // Break-glass: start when not allocated, then general and sensitive but not restricted, flagged.
    {StaffRole::kKeyPerson, Action::kBreakGlassStart, kNone, kGen, true, "break-glass-start", true},
    {StaffRole::kManager, Action::kBreakGlassStart, kTeam, kGen, true, "break-glass-start", true},
    {StaffRole::kPractitioner, Action::kBreakGlassStart, kAlloc, kGen, false, "default-deny"},
    {StaffRole::kPractitioner, Action::kRecordRead, kBg, kSen, true, "break-glass-read", true},
    {StaffRole::kPractitioner, Action::kChronologyRead, kBg, kGen, true, "break-glass-read", true},
    {StaffRole::kPractitioner, Action::kRecordRead, kBg, kRes, false, "default-deny"},
    {StaffRole::kPractitioner, Action::kRecordAmend, kBg, kGen, false, "default-deny"},
    {StaffRole::kPractitioner, Action::kRecordCreate, kBg, kSen, true, "record-a-concern"},
    // Data protection officer: people and logs; case records only when allocated.
    {StaffRole::kDataProtectionOfficer, Action::kPersonRead, kNone, kGen, true, "dpo-person-details"},
    {StaffRole::kDataProtectionOfficer, Action::kRelationshipRead, kNone, kGen, true, "dpo-person-details"},
    {StaffRole::kDataProtectionOfficer, Action::kRecordRead, kNone, kGen, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kChronologyRead, kTeam, kGen, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kRecordRead, kAlloc, kSen, true, "allocated-staff"},
    {StaffRole::kDataProtectionOfficer, Action::kRecordRead, kAlloc, kRes, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kAuditRead, kNone, kGen, true, "audit-log"},
    {StaffRole::kDataProtectionOfficer, Action::kAccessLogRead, kNone, kGen, true, "access-monitoring"},
    {StaffRole::kDataProtectionOfficer, Action::kRestrictionManage, kNone, kGen, true, "dpo-restrictions"},
    // Auditors: the logs, no case content.
    {StaffRole::kAuditor, Action::kAuditRead, kNone, kGen, true, "audit-log"},
    {StaffRole::kAuditor, Action::kAccessLogRead, kTeam, kGen, true, "access-monitoring"},
    {StaffRole::kAuditor, Action::kRecordRead, kAlloc, kGen, false, "default-deny"},
    {StaffRole::kAuditor, Action::kPersonRead, kNone, kGen, false, "default-deny"},
    {StaffRole::kAuditor, Action::kChronologyRead, kAlloc, kGen, false, "default-deny"},
    // Administrators: staff, training, allocations and restrictions; no case content.
    {StaffRole::kAdministrator, Action::kRecordRead, kAlloc, kGen, false, "default-deny"},
    {StaffRole::kAdministrator, Action::kPersonRead, kAlloc, kGen, false, "default-deny"},
    {StaffRole::kAdministrator, Action::kStaffManage, kNone, kGen, true, "administration"},
    {StaffRole::kAdministrator, Action::kTrainingManage, kNone, kGen, true, "administration"},
    {StaffRole::kAdministrator, Action::kAllocationManage, kNone, kGen, true, "administration-of-access"},
    {StaffRole::kAdministrator, Action::kRestrictionManage, kNone, kGen, true, "administration-of-access"},
    {StaffRole::kAdministrator, Action::kPersonCreate, kNone, kGen, true, "register-people"},
    {StaffRole::kAdministrator, Action::kAuditRead, kNone, kGen, false, "default-deny"},
    // Everyone.
    {StaffRole::kVolunteer, Action::kPersonSearch, kNone, kGen, true, "search"},
    {StaffRole::kAuditor, Action::kPersonSearch, kNone, kGen, true, "search"},
    {StaffRole::kVolunteer, Action::kAccessLogReadOwn, kNone, kGen, true, "own-access-log"},
    {StaffRole::kPractitioner, Action::kAccessLogRead, kAlloc, kGen, false, "default-deny"},
    {StaffRole::kPractitioner, Action::kPolicyExplain, kNone, kGen, false, "default-deny"},
    {StaffRole::kManager, Action::kPolicyExplain, kNone, kGen, true, "explain-decisions"},
    {StaffRole::kVolunteer, Action::kPersonCreate, kNone, kGen, false, "default-deny"},
    // Sharing: the allocated worker asks and sends; backing is for designated persons, managers
    // (for any child: the request, not the records) and the DPO; the directory is read by those who
    // share and kept by those who back.
    {StaffRole::kSocialWorker, Action::kSharingRequest, kAlloc, kGen, true, "allocated-staff-share"},
    {StaffRole::kSocialWorker, Action::kSharingDisclose, kAlloc, kGen, true, "allocated-staff-share"},
    {StaffRole::kSocialWorker, Action::kSharingApprove, kAlloc, kGen, false, "default-deny"},
    {StaffRole::kSocialWorker, Action::kSharingRead, kTeam, kGen, false, "default-deny"},
    {StaffRole::kDesignatedSafeguardingLead, Action::kSharingApprove, kNone, kGen, true, "designated-persons"},
    {StaffRole::kManager, Action::kSharingApprove, kNone, kGen, true, "manager-backs-shares"},
    {StaffRole::kManager, Action::kSharingRead, kNone, kGen, true, "manager-backs-shares"},
    {StaffRole::kManager, Action::kRecordRead, kNone, kGen, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kSharingApprove, kNone, kGen, true, "dpo-sharing"},
    {StaffRole::kVolunteer, Action::kSharingRequest, kAlloc, kGen, false, "default-deny"},
    {StaffRole::kPractitioner, Action::kRecipientRead, kNone, kGen, true, "recipient-directory"},
    {StaffRole::kPractitioner, Action::kRecipientManage, kNone, kGen, false, "default-deny"},
    {StaffRole::kDataProtectionOfficer, Action::kRecipientManage, kNone, kGen, true, "recipient-directory-keepers"},
    {StaffRole::kAdministrator, Action::kRecipientRead, kNone, kGen, false, "default-deny"},
};

TEST(DefaultPolicyTest, Loads) {
  EXPECT_EQ(Default().name(), "Confide default access policy");
  EXPECT_EQ(Default().version(), "2026-12-05");
  EXPECT_EQ(Default().training_mode(), TrainingMode::kDeny);
  EXPECT_TRUE(Default().team_access());
  EXPECT_EQ(Default().break_glass_minutes(), 60);
  EXPECT_EQ(Default().required_training(), std::vector<std::string>{"confidentiality"});
  EXPECT_LT(Default().distinct_decisions(), 5000u);
}

TEST(DefaultPolicyTest, OutcomesTable) {
  for (const Row& row : kRows) {
    const Decision& d = Default().Decide(Req(row.role, row.action, row.relation, row.tier));
    EXPECT_EQ(d.allowed, row.allowed) << Name(row) << "\n" << d.Explain();
    EXPECT_EQ(d.rule_id, row.by) << Name(row);
    EXPECT_EQ(d.flagged, row.flagged) << Name(row);
  }
}

TEST(DefaultPolicyTest, RestrictionHidesAPersonEvenFromDesignatedPersons) {
  for (StaffRole role : kAllRoles) {
    for (Relation rel : {kAlloc, kTeam, kBg, kNone}) {
      AccessRequest r = Req(role, Action::kPersonRead, rel);
      r.restricted = true;
      const Decision& d = Default().Decide(r);
      EXPECT_FALSE(d.allowed);
      EXPECT_EQ(d.rule_id, "restricted-person");
    }
  }
  AccessRequest dsl = Req(StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, kAlloc, kRes);
  dsl.restricted = true;
  EXPECT_EQ(Default().Decide(dsl).rule_id, "restricted-person");
  AccessRequest bg = Req(StaffRole::kPractitioner, Action::kBreakGlassStart, kNone);
  bg.restricted = true;
  EXPECT_EQ(Default().Decide(bg).rule_id, "restricted-person");
}

TEST(DefaultPolicyTest, DisabledAccountsCanDoNothing) {
  AccessRequest r = Req(StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, kAlloc);
  r.active = false;
  EXPECT_FALSE(Default().Decide(r).allowed);
  EXPECT_EQ(Default().Decide(r).rule_id, "disabled-account");
  AccessRequest own = Req(StaffRole::kPractitioner, Action::kAccessLogReadOwn);
  own.active = false;
  EXPECT_FALSE(Default().Decide(own).allowed);
}

TEST(DefaultPolicyTest, TrainingNotCurrentDenies) {
  for (TrainingState t : {TrainingState::kMissing, TrainingState::kLapsed}) {
    AccessRequest r = Req(StaffRole::kPractitioner, Action::kRecordRead, kAlloc);
    r.training = t;
    const Decision& d = Default().Decide(r);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.rule_id, "training-not-current");
    // Their own access log stays open.
    AccessRequest own = Req(StaffRole::kPractitioner, Action::kAccessLogReadOwn);
    own.training = t;
    EXPECT_TRUE(Default().Decide(own).allowed);
    // Acknowledging the confidentiality policy is how an overdue acknowledgement becomes current.
    AccessRequest ack = Req(StaffRole::kPractitioner, Action::kPolicyAcknowledge);
    ack.training = t;
    EXPECT_TRUE(Default().Decide(ack).allowed);
    // A disabled account acknowledges nothing.
    ack.active = false;
    EXPECT_FALSE(Default().Decide(ack).allowed);
  }
}

TEST(DefaultPolicyTest, TrainingInFlagModeAllowsAndFlags) {
  ASSERT_OK_AND_ASSIGN(AccessPolicy flag, AccessPolicy::Parse(testing::DefaultPolicyWith("training = \"deny\"",
                                                                                        "training = \"flag\""),
                                                              "flag.toml"));
  EXPECT_EQ(flag.training_mode(), TrainingMode::kFlag);
  AccessRequest r = Req(StaffRole::kPractitioner, Action::kRecordRead, kAlloc, kSen);
  r.training = TrainingState::kLapsed;
  const Decision& d = flag.Decide(r);
  EXPECT_TRUE(d.allowed);
  EXPECT_TRUE(d.flagged);
  EXPECT_EQ(d.rule_id, "allocated-staff");
  ASSERT_EQ(d.chain.size(), 2u);
  EXPECT_EQ(d.chain[0].id, "training-not-current");
  EXPECT_EQ(d.chain[0].effect, Effect::kFlag);
  // Flagging does not widen access: what the rules deny stays denied, unflagged.
  AccessRequest res = Req(StaffRole::kPractitioner, Action::kRecordRead, kAlloc, kRes);
  res.training = TrainingState::kLapsed;
  EXPECT_FALSE(flag.Decide(res).allowed);
  EXPECT_FALSE(flag.Decide(res).flagged);
  // And with current training nothing is flagged.
  r.training = TrainingState::kCurrent;
  EXPECT_FALSE(flag.Decide(r).flagged);
}

TEST(DefaultPolicyTest, TeamRelationIgnoredWhenTeamAccessIsOff) {
  ASSERT_OK_AND_ASSIGN(AccessPolicy off, AccessPolicy::Parse(testing::DefaultPolicyWith("team_access = true",
                                                                                       "team_access = false"),
                                                             "off.toml"));
  for (auto [role, action] : {std::pair{StaffRole::kPractitioner, Action::kRecordRead},
                              std::pair{StaffRole::kVolunteer, Action::kRecordRead},
                              std::pair{StaffRole::kManager, Action::kRecordRead},
                              std::pair{StaffRole::kVolunteer, Action::kRecordCreate}}) {
    const Decision& d = off.Decide(Req(role, action, kTeam));
    EXPECT_FALSE(d.allowed) << domain::ToString(role);
    ASSERT_EQ(d.chain.size(), 2u);
    EXPECT_EQ(d.chain[0].kind, StepKind::kSetting);
    EXPECT_EQ(d.chain[0].id, "team_access");
    EXPECT_NE(d.AuditText().find("relation team counts as none because [policy] team_access = false"), std::string::npos)
        << d.AuditText();
    EXPECT_NE(d.AuditText().find("with relation none"), std::string::npos);
  }
  // Allocated staff are unaffected; rules that cover relation none still apply to team members.
  EXPECT_TRUE(off.Decide(Req(StaffRole::kPractitioner, Action::kRecordRead, kAlloc)).allowed);
  EXPECT_FALSE(off.Decide(Req(StaffRole::kPractitioner, Action::kRecordCreate, kTeam)).allowed);
  EXPECT_TRUE(off.Decide(Req(StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, kTeam, kRes)).allowed);
}

// Properties over all 63,360 combinations of facts.
template <typename F>
void ForEveryRequest(F f) {
  for (StaffRole role : kAllRoles) {
    for (size_t a = 0; a < kActionCount; ++a) {
      for (Relation rel : {kAlloc, kTeam, kBg, kNone}) {
        for (SensitivityTier tier : {kGen, kSen, kRes}) {
          for (TrainingState t : {TrainingState::kCurrent, TrainingState::kMissing, TrainingState::kLapsed}) {
            for (int bits = 0; bits < 8; ++bits) {
              AccessRequest r;
              r.role = role;
              r.action = static_cast<Action>(a);
              r.relation = rel;
              r.tier = tier;
              r.training = t;
              r.active = bits & 4;
              r.restricted = bits & 2;
              r.about_person = bits & 1;
              f(r, Default().Decide(r));
            }
          }
        }
      }
    }
  }
}

bool Designated(StaffRole r) {
  return r == StaffRole::kDesignatedSafeguardingLead || r == StaffRole::kDeputySafeguardingLead;
}
bool Reads(Action a) {
  return a == Action::kRecordRead || a == Action::kChronologyRead || a == Action::kRecordExport ||
         a == Action::kRecordAmend;
}

TEST(DefaultPolicyTest, OnlyDesignatedPersonsEverSeeRestrictedRecords) {
  ForEveryRequest([](const AccessRequest& r, const Decision& d) {
    if (Reads(r.action) && r.tier == kRes && !Designated(r.role)) {
      EXPECT_FALSE(d.allowed) << Describe(r);
    }
  });
}

TEST(DefaultPolicyTest, NoAccessWhenDisabledRestrictedOrUntrained) {
  ForEveryRequest([](const AccessRequest& r, const Decision& d) {
    if (!r.active) {
      EXPECT_FALSE(d.allowed) << Describe(r);
    }
    if (r.restricted && r.about_person && Info(r.action).subject != Subject::kNone) {
      EXPECT_FALSE(d.allowed) << Describe(r);
    }
    // Account administration is not gated (someone must record the first administrator's training);
    // none of it touches children's and families' records. Nor is reporting a breach (the duty to
    // report does not lapse with the training), nor acknowledging the confidentiality policy (how an
    // overdue acknowledgement becomes current).
    const bool administration = r.action == Action::kAccessLogReadOwn || r.action == Action::kStaffRead ||
                                r.action == Action::kStaffManage || r.action == Action::kTrainingManage ||
                                r.action == Action::kTrainingReport || r.action == Action::kKeysRotate;
    if (r.training != TrainingState::kCurrent && !administration && r.action != Action::kBreachReport &&
        r.action != Action::kPolicyAcknowledge) {
      EXPECT_FALSE(d.allowed) << Describe(r);
    }
  });
}

TEST(DefaultPolicyTest, AdministratorsAuditorsAndVolunteersSeeNoCaseContent) {
  ForEveryRequest([](const AccessRequest& r, const Decision& d) {
    const bool case_content = Reads(r.action);
    if ((r.role == StaffRole::kAdministrator || r.role == StaffRole::kAuditor) &&
        (case_content || r.action == Action::kPersonRead)) {
      EXPECT_FALSE(d.allowed) << Describe(r);
    }
    if (r.role == StaffRole::kVolunteer && case_content && r.tier != kGen) {
      EXPECT_FALSE(d.allowed) << Describe(r);
    }
  });
}

TEST(DefaultPolicyTest, WithoutARelationOnlyDesignatedPersonsReadCaseContent) {
  ForEveryRequest([](const AccessRequest& r, const Decision& d) {
    if (r.relation == kNone && r.about_person && Reads(r.action) && !Designated(r.role)) {
      EXPECT_FALSE(d.allowed) << Describe(r);
    }
  });
}

TEST(DefaultPolicyTest, EveryAllowedBreakGlassAccessIsFlagged) {
  ForEveryRequest([](const AccessRequest&, const Decision& d) {
    if (d.allowed && (d.rule_id == "break-glass-read" || d.rule_id == "break-glass-start")) {
      EXPECT_TRUE(d.flagged);
    }
    if (d.flagged) {
      EXPECT_TRUE(d.allowed);
    }
  });
}

TEST(DefaultPolicyTest, ARequestNamingNoPersonForAPersonActionIsDenied) {
  AccessRequest r = Req(StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, kAlloc);
  r.about_person = false;
  const Decision& d = Default().Decide(r);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.rule_id, "malformed-request");
  EXPECT_EQ(d.AuditText(),
            "deny: record.read concerns a person, and the request named none (policy \"Confide default access policy\" "
            "2026-12-05)");
}

TEST(DefaultPolicyTest, AnActionWithoutAPersonIgnoresOne) {
  // The service may pass a person for staff.read; the person plays no part.
  AccessRequest r = Req(StaffRole::kAdministrator, Action::kStaffRead);
  r.about_person = true;
  r.restricted = true;
  r.relation = kAlloc;
  EXPECT_TRUE(Default().Decide(r).allowed);
  EXPECT_EQ(Default().Decide(r).rule_id, "administration");
}

TEST(DefaultPolicyTest, OutOfRangeValuesAreDenied) {
  AccessRequest r = Req(StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, kAlloc);
  r.role = static_cast<StaffRole>(99);
  EXPECT_FALSE(Default().Decide(r).allowed);
  EXPECT_EQ(Default().Decide(r).rule_id, "invalid-request");
  r = Req(StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, kAlloc);
  r.action = static_cast<Action>(kActionCount);
  EXPECT_FALSE(Default().Decide(r).allowed);
  r = Req(StaffRole::kDesignatedSafeguardingLead, Action::kRecordRead, kAlloc);
  r.tier = static_cast<SensitivityTier>(-1);
  EXPECT_FALSE(Default().Decide(r).allowed);
}

}  // namespace
}  // namespace confide::policy
