// Need-to-know through the Vault API, with the shipped default access policy, over a real vault in
// a temporary directory: who sees which child and which records, what a refusal looks like (exactly
// like absence), what is audited, and how allocations, restrictions, training and break-glass
// change access from the very next call.
#include "service/access_control.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "domain/civil_date.h"
#include "service/vault.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using confide::testing::TempDir;
using domain::PersonKind;
using domain::RecordKind;
using domain::SensitivityTier;
using domain::StaffRole;
namespace fs = std::filesystem;

constexpr UnixMicros kNow = 1'795'514'400'000'000;  // 2026-11-24T10:00:00Z, a Tuesday, in working hours
constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
constexpr domain::PersonId kNoSuchPerson = 999'999;
constexpr domain::RecordId kNoSuchRecord = 888'888;

domain::CivilDate Date(const char* iso) { return domain::CivilDate::Parse(iso).value(); }

domain::PersonDetails Person(const char* given, const char* family, const char* dob) {
  domain::PersonDetails d;
  d.given_names = given;
  d.family_name = family;
  d.date_of_birth = Date(dob);
  d.address = "4 Rowan Way, Northtown";
  return d;
}

RecordDraft Note(domain::PersonId child, const char* summary, UnixMicros occurred, SensitivityTier tier) {
  RecordDraft d;
  d.person_id = child;
  d.kind = RecordKind::kCaseNote;
  d.tier = tier;
  d.occurred_at = occurred;
  d.content.summary = summary;
  d.content.text = std::string("Details of ") + summary;
  return d;
}

// A not-found message with its id taken out, so the answers for two ids can be compared.
std::string Shape(const Status& s, int64_t id) {
  std::string m = s.message();
  const std::string text = std::to_string(id);
  for (size_t at = m.find(text); at != std::string::npos; at = m.find(text)) m.replace(at, text.size(), "<id>");
  return m;
}

template <typename T>
Status StatusOf(const Result<T>& r) { return r.status(); }
Status StatusOf(const Status& s) { return s; }

// A refusal about `hidden_id` must look exactly like the answer about `missing_id`, which does not
// exist: kNotFound with the same words.
#define EXPECT_LOOKS_MISSING(hidden_call, hidden_id, missing_call, missing_id)                  \
  do {                                                                                       \
    const Status confide_h_ = StatusOf(hidden_call);                                         \
    const Status confide_m_ = StatusOf(missing_call);                                        \
    EXPECT_EQ(confide_h_.code(), StatusCode::kNotFound) << confide_h_.ToString();            \
    EXPECT_EQ(confide_m_.code(), StatusCode::kNotFound) << confide_m_.ToString();            \
    EXPECT_EQ(Shape(confide_h_, hidden_id), Shape(confide_m_, missing_id));                  \
    EXPECT_NE(confide_h_.message().find(std::to_string(hidden_id)), std::string::npos);      \
  } while (false)

class AccessControlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions opts{"Northtown Council", domain::OrganisationKind::kLocalAuthority, {"Ada Admin", "ada.admin@example.org"}};
    auto vault = Vault::Init(dir_.Str("data"), opts, clock_);
    ASSERT_OK(vault);
    vault_ = std::move(vault).value();
    ASSERT_NO_FATAL_FAILURE(Train(kAdmin));
    ASSERT_NO_FATAL_FAILURE(dsl_ = AddTrained(StaffRole::kDesignatedSafeguardingLead, "Safeguarding"));
    ASSERT_NO_FATAL_FAILURE(worker_ = AddTrained(StaffRole::kSocialWorker, "Assessment"));
    ASSERT_NO_FATAL_FAILURE(colleague_ = AddTrained(StaffRole::kSocialWorker, "Assessment"));
    ASSERT_NO_FATAL_FAILURE(stranger_ = AddTrained(StaffRole::kPractitioner, "Family Support"));
    ASSERT_NO_FATAL_FAILURE(key_person_ = AddTrained(StaffRole::kKeyPerson, "Rainbow Room"));
    ASSERT_NO_FATAL_FAILURE(volunteer_ = AddTrained(StaffRole::kVolunteer, "Rainbow Room"));
    ASSERT_NO_FATAL_FAILURE(dpo_ = AddTrained(StaffRole::kDataProtectionOfficer, "Governance"));
    ASSERT_NO_FATAL_FAILURE(auditor_ = AddTrained(StaffRole::kAuditor, "Internal Audit"));
    ASSERT_NO_FATAL_FAILURE(manager_ = AddTrained(StaffRole::kManager, "Assessment"));

    ASSERT_OK_AND_ASSIGN(child_a_, vault_->AddPerson(dsl_, PersonKind::kChild, Person("Amelia", "Okafor", "2018-04-02")));
    ASSERT_OK_AND_ASSIGN(child_b_, vault_->AddPerson(dsl_, PersonKind::kChild, Person("Bo", "Ng", "2022-05-05")));
    ASSERT_OK_AND_ASSIGN(child_c_, vault_->AddPerson(dsl_, PersonKind::kChild, Person("Cara", "Lee", "2017-09-09")));
    ASSERT_OK_AND_ASSIGN(mum_, vault_->AddPerson(dsl_, PersonKind::kAdult, Person("Grace", "Okafor", "1990-01-01")));
    ASSERT_OK(vault_->AddRelationship(dsl_, child_a_, mum_, {domain::RelationshipKind::kMother, true, true, {}, "", false}));

    // Child A: allocated to the social worker, whose allocation names the Assessment team.
    ASSERT_OK_AND_ASSIGN(allocation_a_, vault_->Allocate(kAdmin, Allocation(child_a_, worker_, domain::AllocationRole::kAllocatedSocialWorker,
                                                                            "Assessment", kNow - kDay)));
    // Child B: in the Rainbow Room, through a team allocation naming the room.
    ASSERT_OK(vault_->Allocate(kAdmin, Allocation(child_b_, key_person_, domain::AllocationRole::kTeam, "Rainbow Room", kNow - kDay)));

    ASSERT_OK_AND_ASSIGN(general_, vault_->AddRecord(dsl_, Note(child_a_, "School attendance", kNow - 3 * kDay, SensitivityTier::kGeneral)));
    ASSERT_OK_AND_ASSIGN(sensitive_, vault_->AddRecord(dsl_, Note(child_a_, "Home visit", kNow - 2 * kDay, SensitivityTier::kSensitive)));
    ASSERT_OK_AND_ASSIGN(restricted_, vault_->AddRecord(dsl_, Note(child_a_, "Police information", kNow - kDay, SensitivityTier::kRestricted)));
    ASSERT_OK_AND_ASSIGN(b_general_, vault_->AddRecord(dsl_, Note(child_b_, "Settled well", kNow - 2 * kDay, SensitivityTier::kGeneral)));
    ASSERT_OK_AND_ASSIGN(b_sensitive_, vault_->AddRecord(dsl_, Note(child_b_, "Bruise noticed", kNow - kDay, SensitivityTier::kSensitive)));
  }

  void TearDown() override {
    if (!vault_) return;
    auto report = vault_->VerifyAudit();
    ASSERT_OK(report);
    EXPECT_TRUE(report->ok()) << "the audit log does not verify";
  }

  static domain::Allocation Allocation(domain::PersonId child, domain::StaffId staff, domain::AllocationRole role,
                                       const std::string& team, UnixMicros starts_at = 0) {
    domain::Allocation a;
    a.child_id = child;
    a.staff_id = staff;
    a.role = role;
    a.team = team;
    a.starts_at = starts_at;
    return a;
  }

  void Train(domain::StaffId staff, std::optional<UnixMicros> expires_at = std::nullopt, const char* course = "confidentiality",
             UnixMicros completed_at = kNow - 30 * kDay) {
    ASSERT_OK(vault_->RecordTraining(kAdmin, {0, staff, course, completed_at, expires_at, 0, 0}));
  }

  domain::StaffId Add(StaffRole role, const std::string& team) {
    auto id = vault_->AddStaff(kAdmin, role, team, {"Staff " + std::to_string(++staff_count_), ""});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  domain::StaffId AddTrained(StaffRole role, const std::string& team) {
    const domain::StaffId id = Add(role, team);
    Train(id);
    return id;
  }

  uint64_t AuditCount() {
    auto head = vault_->LatestAuditHead();
    return head.ok() ? head->tree_size : 0;
  }

  audit::AuditEvent LastEvent() {
    auto e = vault_->GetAuditEntry(AuditCount() - 1);
    EXPECT_TRUE(e.ok());
    return e.ok() ? e->event : audit::AuditEvent{};
  }

  std::vector<audit::AuditEvent> EventsSince(uint64_t from) {
    std::vector<audit::AuditEvent> out;
    for (uint64_t s = from; s < AuditCount(); ++s) {
      auto e = vault_->GetAuditEntry(s);
      EXPECT_TRUE(e.ok());
      if (e.ok()) out.push_back(e->event);
    }
    return out;
  }

  // The last audit event is a denial of `action` by `actor`, explained by `words` (a rule or gate id,
  // or the default's words).
  void ExpectDenialAudited(const char* action, domain::StaffId actor, const std::string& words) {
    const audit::AuditEvent e = LastEvent();
    EXPECT_EQ(e.action, action);
    EXPECT_EQ(e.actor, actor);
    EXPECT_EQ(e.outcome, "denied");
    EXPECT_NE(e.detail.find(words), std::string::npos) << e.detail;
  }

  std::vector<domain::RecordId> ChronologyIds(domain::StaffId actor, domain::PersonId child) {
    auto items = vault_->Chronology(actor, child, {});
    EXPECT_TRUE(items.ok()) << items.status().ToString();
    std::vector<domain::RecordId> ids;
    if (items.ok()) {
      for (const auto& i : *items) ids.push_back(i.record_id);
    }
    return ids;
  }

  PersonQuery QueryFor(const char* family, const char* dob) {
    PersonQuery q;
    q.family_name = family;
    q.date_of_birth = Date(dob);
    return q;
  }

  static constexpr domain::StaffId kAdmin = 1;
  TempDir dir_;
  FakeClock clock_{kNow};
  std::unique_ptr<Vault> vault_;
  int staff_count_ = 0;
  domain::StaffId dsl_ = 0, worker_ = 0, colleague_ = 0, stranger_ = 0, key_person_ = 0, volunteer_ = 0, dpo_ = 0,
                  auditor_ = 0, manager_ = 0;
  domain::PersonId child_a_ = 0, child_b_ = 0, child_c_ = 0, mum_ = 0;
  domain::AllocationId allocation_a_ = 0;
  domain::RecordId general_ = 0, sensitive_ = 0, restricted_ = 0, b_general_ = 0, b_sensitive_ = 0;
};

// ---- who sees what ------------------------------------------------------------------------------

TEST_F(AccessControlTest, TheAllocatedWorkerSeesTheChildAndSensitiveRecordsButNotRestrictedOnes) {
  ASSERT_OK_AND_ASSIGN(domain::Person p, vault_->GetPerson(worker_, child_a_));
  EXPECT_EQ(p.details.given_names, "Amelia");
  audit::AuditEvent read = LastEvent();
  EXPECT_EQ(read.action, "person.read");
  EXPECT_EQ(read.outcome, "ok");
  EXPECT_NE(read.detail.find("allow by rule allocated-staff"), std::string::npos) << read.detail;

  EXPECT_EQ(ChronologyIds(worker_, child_a_), (std::vector<domain::RecordId>{general_, sensitive_}));
  EXPECT_NE(LastEvent().detail.find("records 2, withheld by tier 1"), std::string::npos) << LastEvent().detail;
  ASSERT_OK_AND_ASSIGN(RecordView sensitive, vault_->GetRecord(worker_, sensitive_));
  EXPECT_EQ(sensitive.version.content.summary, "Home visit");
  ASSERT_OK(vault_->GetRecord(worker_, general_));
  ASSERT_OK_AND_ASSIGN(auto relationships, vault_->ListRelationships(worker_, child_a_));
  EXPECT_EQ(relationships.size(), 1u);

  EXPECT_LOOKS_MISSING(vault_->GetRecord(worker_, restricted_), restricted_, vault_->GetRecord(worker_, kNoSuchRecord), kNoSuchRecord);
  EXPECT_LOOKS_MISSING(vault_->GetRecordHistory(worker_, restricted_), restricted_, vault_->GetRecordHistory(worker_, kNoSuchRecord),
                       kNoSuchRecord);
  EXPECT_LOOKS_MISSING(vault_->ExportRecord(worker_, restricted_), restricted_, vault_->ExportRecord(worker_, kNoSuchRecord), kNoSuchRecord);
  // The refusal is audited with its reason.
  ASSERT_FALSE(vault_->GetRecord(worker_, restricted_).ok());
  ExpectDenialAudited("record.read", worker_, "no rule allows record.read of a restricted record for social_worker with relation allocated");
  EXPECT_EQ(LastEvent().record_id, restricted_);
}

TEST_F(AccessControlTest, ATeamColleagueSeesGeneralInformationOnly) {
  ASSERT_OK(vault_->GetPerson(colleague_, child_a_));
  EXPECT_NE(LastEvent().detail.find("allow by rule team-general"), std::string::npos) << LastEvent().detail;
  EXPECT_EQ(ChronologyIds(colleague_, child_a_), (std::vector<domain::RecordId>{general_}));
  EXPECT_NE(LastEvent().detail.find("records 1, withheld by tier 2"), std::string::npos) << LastEvent().detail;
  ASSERT_OK(vault_->GetRecord(colleague_, general_));
  EXPECT_LOOKS_MISSING(vault_->GetRecord(colleague_, sensitive_), sensitive_, vault_->GetRecord(colleague_, kNoSuchRecord), kNoSuchRecord);
  ASSERT_FALSE(vault_->GetRecord(colleague_, sensitive_).ok());
  ExpectDenialAudited("record.read", colleague_, "no rule allows record.read of a sensitive record for social_worker with relation team");
  // The team's manager sees sensitive records too, but not restricted ones.
  ASSERT_OK(vault_->GetRecord(manager_, sensitive_));
  EXPECT_NE(LastEvent().detail.find("manager-team"), std::string::npos) << LastEvent().detail;
  EXPECT_EQ(ChronologyIds(manager_, child_a_), (std::vector<domain::RecordId>{general_, sensitive_}));
  EXPECT_LOOKS_MISSING(vault_->GetRecord(manager_, restricted_), restricted_, vault_->GetRecord(manager_, kNoSuchRecord), kNoSuchRecord);
}

TEST_F(AccessControlTest, AStrangerIsToldNothingExistsExactlyAsForIdsThatDoNot) {
  EXPECT_LOOKS_MISSING(vault_->GetPerson(stranger_, child_a_), child_a_, vault_->GetPerson(stranger_, kNoSuchPerson), kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->Chronology(stranger_, child_a_, {}), child_a_, vault_->Chronology(stranger_, kNoSuchPerson, {}),
                       kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->GetRecord(stranger_, general_), general_, vault_->GetRecord(stranger_, kNoSuchRecord), kNoSuchRecord);
  EXPECT_LOOKS_MISSING(vault_->ListRelationships(stranger_, child_a_), child_a_, vault_->ListRelationships(stranger_, kNoSuchPerson),
                       kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->ListAllocations(stranger_, child_a_), child_a_, vault_->ListAllocations(stranger_, kNoSuchPerson),
                       kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->GetPerson(stranger_, mum_), mum_, vault_->GetPerson(stranger_, kNoSuchPerson), kNoSuchPerson);
  // Writing is no way round it: a record about a child the stranger has no relation to is refused
  // the same way (whether it could be written would tell them the child exists).
  EXPECT_LOOKS_MISSING(vault_->AddRecord(stranger_, Note(child_a_, "x", kNow, SensitivityTier::kGeneral)), child_a_,
                       vault_->AddRecord(stranger_, Note(kNoSuchPerson, "x", kNow, SensitivityTier::kGeneral)), kNoSuchPerson);
  ASSERT_FALSE(vault_->GetPerson(stranger_, child_a_).ok());
  ExpectDenialAudited("person.read", stranger_, "no rule allows person.read for practitioner with relation none");
  EXPECT_EQ(LastEvent().person_id, child_a_);
  ASSERT_FALSE(vault_->ListRelationships(stranger_, child_a_).ok());
  ExpectDenialAudited("relationship.list", stranger_, "no rule allows relationship.read");
}

TEST_F(AccessControlTest, RestrictedRecordsAreForDesignatedPersonsOnly) {
  ASSERT_OK_AND_ASSIGN(RecordView v, vault_->GetRecord(dsl_, restricted_));
  EXPECT_EQ(v.version.content.summary, "Police information");
  EXPECT_NE(LastEvent().detail.find("designated-persons"), std::string::npos);
  EXPECT_EQ(ChronologyIds(dsl_, child_a_), (std::vector<domain::RecordId>{general_, sensitive_, restricted_}));
  EXPECT_NE(LastEvent().detail.find("withheld by tier 0"), std::string::npos);
  for (domain::StaffId who : {worker_, colleague_, manager_, dpo_, stranger_, kAdmin, auditor_}) {
    EXPECT_LOOKS_MISSING(vault_->GetRecord(who, restricted_), restricted_, vault_->GetRecord(who, kNoSuchRecord), kNoSuchRecord);
  }
  // The data protection officer sees people's details, not their case records (unless allocated).
  ASSERT_OK(vault_->GetPerson(dpo_, child_a_));
  EXPECT_NE(LastEvent().detail.find("dpo-person-details"), std::string::npos);
  EXPECT_LOOKS_MISSING(vault_->GetRecord(dpo_, general_), general_, vault_->GetRecord(dpo_, kNoSuchRecord), kNoSuchRecord);
}

TEST_F(AccessControlTest, TheAdministratorAllocatesButReadsNoCaseContent) {
  EXPECT_LOOKS_MISSING(vault_->GetPerson(kAdmin, child_a_), child_a_, vault_->GetPerson(kAdmin, kNoSuchPerson), kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->Chronology(kAdmin, child_a_, {}), child_a_, vault_->Chronology(kAdmin, kNoSuchPerson, {}), kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->GetRecord(kAdmin, general_), general_, vault_->GetRecord(kAdmin, kNoSuchRecord), kNoSuchRecord);
  ASSERT_OK_AND_ASSIGN(auto found, vault_->FindPeople(kAdmin, QueryFor("Okafor", "2018-04-02")));
  EXPECT_TRUE(found.empty());
  // Allocating is what administrators do, by id.
  ASSERT_OK(vault_->Allocate(kAdmin, Allocation(child_c_, stranger_, domain::AllocationRole::kOther, "")));
  EXPECT_EQ(LastEvent().action, "allocation.create");
  ASSERT_OK_AND_ASSIGN(auto allocations, vault_->ListAllocations(kAdmin, child_a_));
  EXPECT_EQ(allocations.size(), 1u);
  ASSERT_OK(vault_->GetPerson(stranger_, child_c_));
}

TEST_F(AccessControlTest, TheAuditorChecksTheLogButReadsNoCaseContent) {
  EXPECT_LOOKS_MISSING(vault_->GetPerson(auditor_, child_a_), child_a_, vault_->GetPerson(auditor_, kNoSuchPerson), kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->Chronology(auditor_, child_a_, {}), child_a_, vault_->Chronology(auditor_, kNoSuchPerson, {}),
                       kNoSuchPerson);
  ASSERT_OK(vault_->Authorize(auditor_, policy::Action::kAuditRead, "audit.head"));
  audit::AuditEvent ok = LastEvent();
  EXPECT_EQ(ok.action, "audit.head");
  EXPECT_EQ(ok.outcome, "ok");
  EXPECT_NE(ok.detail.find("allow by rule audit-log"), std::string::npos) << ok.detail;
  Status refused = vault_->Authorize(stranger_, policy::Action::kAuditRead, "audit.head");
  EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied);
  ExpectDenialAudited("audit.head", stranger_, "no rule allows audit.read");
}

TEST_F(AccessControlTest, AVolunteerSeesGeneralInformationAboutTheirRoomOnly) {
  ASSERT_OK(vault_->GetPerson(volunteer_, child_b_));
  EXPECT_NE(LastEvent().detail.find("volunteer-group"), std::string::npos);
  EXPECT_EQ(ChronologyIds(volunteer_, child_b_), (std::vector<domain::RecordId>{b_general_}));
  EXPECT_LOOKS_MISSING(vault_->GetRecord(volunteer_, b_sensitive_), b_sensitive_, vault_->GetRecord(volunteer_, kNoSuchRecord),
                       kNoSuchRecord);
  // A concern they record reaches the record, but they cannot read it back.
  ASSERT_OK_AND_ASSIGN(domain::RecordId concern,
                       vault_->AddRecord(volunteer_, Note(child_b_, "Said something worrying", kNow, SensitivityTier::kSensitive)));
  EXPECT_LOOKS_MISSING(vault_->GetRecord(volunteer_, concern), concern, vault_->GetRecord(volunteer_, kNoSuchRecord), kNoSuchRecord);
  EXPECT_EQ(ChronologyIds(volunteer_, child_b_), (std::vector<domain::RecordId>{b_general_}));
  EXPECT_NE(LastEvent().detail.find("withheld by tier 2"), std::string::npos) << LastEvent().detail;
  ASSERT_OK(vault_->GetRecord(dsl_, concern));
  // Other children are not theirs.
  EXPECT_LOOKS_MISSING(vault_->GetPerson(volunteer_, child_a_), child_a_, vault_->GetPerson(volunteer_, kNoSuchPerson), kNoSuchPerson);
}

// ---- changes count from the next call -----------------------------------------------------------

TEST_F(AccessControlTest, AnAllocationChangeCountsFromTheVeryNextCall) {
  EXPECT_FALSE(vault_->GetPerson(stranger_, child_c_).ok());
  ASSERT_OK_AND_ASSIGN(domain::AllocationId id,
                       vault_->Allocate(kAdmin, Allocation(child_c_, stranger_, domain::AllocationRole::kOther, "")));
  ASSERT_OK(vault_->GetPerson(stranger_, child_c_));
  clock_.Advance(kMinute);
  ASSERT_OK(vault_->EndAllocation(kAdmin, id));
  EXPECT_LOOKS_MISSING(vault_->GetPerson(stranger_, child_c_), child_c_, vault_->GetPerson(stranger_, kNoSuchPerson), kNoSuchPerson);
  ASSERT_FALSE(vault_->GetPerson(stranger_, child_c_).ok());
  ExpectDenialAudited("person.read", stranger_, "no rule allows person.read for practitioner with relation none");
}

TEST_F(AccessControlTest, AChangeMadeByAnotherProcessCountsFromTheVeryNextCall) {
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));  // this process has its facts loaded
  EXPECT_FALSE(vault_->GetPerson(stranger_, child_c_).ok());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Vault> other, Vault::Open(dir_.Str("data"), clock_));
  ASSERT_OK_AND_ASSIGN(domain::AllocationId id,
                       other->Allocate(kAdmin, Allocation(child_c_, stranger_, domain::AllocationRole::kOther, "")));
  ASSERT_OK(vault_->GetPerson(stranger_, child_c_));
  clock_.Advance(kMinute);
  ASSERT_OK(other->EndAllocation(kAdmin, id));
  EXPECT_FALSE(vault_->GetPerson(stranger_, child_c_).ok());
  // A restriction and its lifting.
  ASSERT_OK_AND_ASSIGN(int64_t restriction, other->RestrictPerson(dsl_, child_a_, worker_, "Related to the family"));
  EXPECT_FALSE(vault_->GetPerson(worker_, child_a_).ok());
  ASSERT_OK(other->LiftRestriction(dsl_, restriction));
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));
  // A role change, and disabling an account.
  ASSERT_OK(other->UpdateStaff(kAdmin, stranger_, StaffRole::kDesignatedSafeguardingLead, "Family Support", true));
  ASSERT_OK(vault_->GetRecord(stranger_, restricted_));
  ASSERT_OK(other->UpdateStaff(kAdmin, stranger_, StaffRole::kPractitioner, "Family Support", true));
  EXPECT_FALSE(vault_->GetRecord(stranger_, restricted_).ok());
  // Training recorded elsewhere.
  domain::StaffId newcomer = Add(StaffRole::kSocialWorker, "Assessment");
  ASSERT_OK(vault_->Allocate(kAdmin, Allocation(child_a_, newcomer, domain::AllocationRole::kOther, "")));
  EXPECT_FALSE(vault_->GetPerson(newcomer, child_a_).ok());
  ASSERT_OK(other->RecordTraining(kAdmin, {0, newcomer, "confidentiality", kNow - kDay, std::nullopt, 0, 0}));
  ASSERT_OK(vault_->GetPerson(newcomer, child_a_));
}

// ---- searching ----------------------------------------------------------------------------------

TEST_F(AccessControlTest, ASearchLeavesOutPeopleTheSearcherMayNotReadAndRecordsTheAttempt) {
  const uint64_t start = AuditCount();
  ASSERT_OK_AND_ASSIGN(auto none, vault_->FindPeople(stranger_, QueryFor("Okafor", "2018-04-02")));
  EXPECT_TRUE(none.empty());
  std::vector<audit::AuditEvent> events = EventsSince(start);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "person.search.match");
  EXPECT_EQ(events[0].person_id, child_a_);
  EXPECT_EQ(events[0].outcome, "denied");
  EXPECT_NE(events[0].detail.find("no rule allows person.read"), std::string::npos) << events[0].detail;
  EXPECT_EQ(events[1].action, "person.search");
  EXPECT_NE(events[1].detail.find("matches 0"), std::string::npos);
  // The allocated worker finds the child.
  ASSERT_OK_AND_ASSIGN(auto found, vault_->FindPeople(worker_, QueryFor("Okafor", "2018-04-02")));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, child_a_);
  // The mother's details are searchable by the child's worker (adults take their children's relation).
  ASSERT_OK_AND_ASSIGN(auto mum, vault_->FindPeople(worker_, QueryFor("Okafor", "1990-01-01")));
  ASSERT_EQ(mum.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto mum_for_stranger, vault_->FindPeople(stranger_, QueryFor("Okafor", "1990-01-01")));
  EXPECT_TRUE(mum_for_stranger.empty());
}

// ---- restrictions -------------------------------------------------------------------------------

TEST_F(AccessControlTest, ARestrictionHidesAChildEvenFromTheAllocatedWorkerAndTheDesignatedLead) {
  ASSERT_OK_AND_ASSIGN(int64_t from_worker, vault_->RestrictPerson(dsl_, child_a_, worker_, "The worker is related to the family"));
  EXPECT_LOOKS_MISSING(vault_->GetPerson(worker_, child_a_), child_a_, vault_->GetPerson(worker_, kNoSuchPerson), kNoSuchPerson);
  ASSERT_FALSE(vault_->GetPerson(worker_, child_a_).ok());
  ExpectDenialAudited("person.read", worker_, "deny by gate restricted-person");
  EXPECT_LOOKS_MISSING(vault_->Chronology(worker_, child_a_, {}), child_a_, vault_->Chronology(worker_, kNoSuchPerson, {}), kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->GetRecord(worker_, general_), general_, vault_->GetRecord(worker_, kNoSuchRecord), kNoSuchRecord);
  ASSERT_FALSE(vault_->GetRecord(worker_, general_).ok());
  ExpectDenialAudited("record.read", worker_, "restricted-person");
  ASSERT_OK_AND_ASSIGN(auto found, vault_->FindPeople(worker_, QueryFor("Okafor", "2018-04-02")));
  EXPECT_TRUE(found.empty());
  ASSERT_OK_AND_ASSIGN(auto caseload, vault_->Caseload(worker_));
  EXPECT_TRUE(caseload.empty());
  // Not even break-glass gets round it.
  EXPECT_FALSE(vault_->BreakGlass(worker_, child_a_, "Emergency").ok());
  // A restriction of the designated lead holds too: no role overrides it.
  ASSERT_OK_AND_ASSIGN(int64_t from_dsl, vault_->RestrictPerson(kAdmin, child_a_, dsl_, "The lead is a neighbour"));
  EXPECT_LOOKS_MISSING(vault_->GetPerson(dsl_, child_a_), child_a_, vault_->GetPerson(dsl_, kNoSuchPerson), kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->GetRecord(dsl_, restricted_), restricted_, vault_->GetRecord(dsl_, kNoSuchRecord), kNoSuchRecord);
  ASSERT_FALSE(vault_->GetRecord(dsl_, restricted_).ok());
  ExpectDenialAudited("record.read", dsl_, "deny by gate restricted-person");
  ASSERT_OK_AND_ASSIGN(auto restrictions, vault_->ListRestrictions(dpo_, child_a_));
  ASSERT_EQ(restrictions.size(), 2u);
  EXPECT_EQ(restrictions[0].reason, "The worker is related to the family");
  // Lifting restores access at once; the other restriction still holds.
  ASSERT_OK(vault_->LiftRestriction(kAdmin, from_worker));
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));
  EXPECT_FALSE(vault_->GetPerson(dsl_, child_a_).ok());
  ASSERT_OK(vault_->LiftRestriction(dpo_, from_dsl));
  ASSERT_OK(vault_->GetRecord(dsl_, restricted_));
  // Staff without restriction.manage cannot lift or list them; an unknown id looks the same.
  EXPECT_LOOKS_MISSING(vault_->ListRestrictions(worker_, child_a_), child_a_, vault_->ListRestrictions(worker_, kNoSuchPerson),
                       kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->LiftRestriction(worker_, from_worker), from_worker, vault_->LiftRestriction(worker_, 4242), 4242);
}

// ---- training -----------------------------------------------------------------------------------

TEST_F(AccessControlTest, StaffWithoutCurrentTrainingAreDeniedUntilItIsRecorded) {
  const domain::StaffId newcomer = Add(StaffRole::kSocialWorker, "Assessment");
  ASSERT_OK(vault_->Allocate(kAdmin, Allocation(child_a_, newcomer, domain::AllocationRole::kAllocatedSocialWorker, "")));
  EXPECT_LOOKS_MISSING(vault_->GetPerson(newcomer, child_a_), child_a_, vault_->GetPerson(newcomer, kNoSuchPerson), kNoSuchPerson);
  ASSERT_FALSE(vault_->GetPerson(newcomer, child_a_).ok());
  ExpectDenialAudited("person.read", newcomer, "deny by gate training-not-current");
  // They can still see what was done under their own account.
  ASSERT_OK(vault_->AccessLogForStaff(newcomer, newcomer, kNow - kDay, kNow + kDay, 100));
  // Another course does not count.
  ASSERT_NO_FATAL_FAILURE(Train(newcomer, std::nullopt, "induction"));
  EXPECT_FALSE(vault_->GetPerson(newcomer, child_a_).ok());
  // Confidentiality training, in date until tomorrow: access at once.
  ASSERT_NO_FATAL_FAILURE(Train(newcomer, kNow + kDay));
  ASSERT_OK(vault_->GetPerson(newcomer, child_a_));
  ASSERT_OK(vault_->GetRecord(newcomer, sensitive_));
  // Two days on it has lapsed.
  clock_.Advance(2 * kDay);
  EXPECT_LOOKS_MISSING(vault_->GetPerson(newcomer, child_a_), child_a_, vault_->GetPerson(newcomer, kNoSuchPerson), kNoSuchPerson);
  ASSERT_FALSE(vault_->GetPerson(newcomer, child_a_).ok());
  ExpectDenialAudited("person.read", newcomer, "deny by gate training-not-current");
  ASSERT_OK_AND_ASSIGN(policy::Decision why,
                       vault_->ExplainAccess(dsl_, newcomer, policy::Action::kRecordRead, 0, sensitive_));
  EXPECT_FALSE(why.allowed);
  EXPECT_EQ(why.rule_id, "training-not-current");
  // A refresher restores it.
  ASSERT_NO_FATAL_FAILURE(Train(newcomer, clock_.NowMicros() + 365 * kDay, "confidentiality", clock_.NowMicros() - kHour));
  ASSERT_OK(vault_->GetPerson(newcomer, child_a_));
}

TEST_F(AccessControlTest, InFlagModeUntrainedStaffReadAndEachAccessIsFlagged) {
  vault_.reset();
  const std::string shipped = confide::testing::ReadFileForTest(confide::testing::SourceDir() / "config/policy/access-policy.toml");
  const std::string deny_line = "\ntraining = \"deny\"\n";
  const size_t at = shipped.find(deny_line);
  ASSERT_NE(at, std::string::npos) << "the shipped policy no longer says training = \"deny\"";
  std::string flagged = shipped;
  flagged.replace(at, deny_line.size(), "\ntraining = \"flag\"\n");
  {
    std::ofstream out(dir_.Str("data/access-policy.toml"), std::ios::trunc);
    out << flagged;
  }
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  EXPECT_EQ(vault_->access_policy().training_mode(), policy::TrainingMode::kFlag);
  const domain::StaffId newcomer = Add(StaffRole::kSocialWorker, "Assessment");
  ASSERT_OK(vault_->Allocate(kAdmin, Allocation(child_a_, newcomer, domain::AllocationRole::kAllocatedSocialWorker, "")));
  ASSERT_OK(vault_->GetPerson(newcomer, child_a_));
  audit::AuditEvent e = LastEvent();
  EXPECT_EQ(e.action, "person.read");
  EXPECT_EQ(e.outcome, "flagged");
  EXPECT_NE(e.detail.find("allow by rule allocated-staff"), std::string::npos) << e.detail;
  EXPECT_NE(e.detail.find("flagged by gate training-not-current"), std::string::npos) << e.detail;
  // Flagging never widens access: what the rules deny stays denied.
  EXPECT_FALSE(vault_->GetRecord(newcomer, restricted_).ok());
  // Trained staff are not flagged.
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));
  EXPECT_EQ(LastEvent().outcome, "ok");
  ASSERT_OK_AND_ASSIGN(auto anomalies, vault_->AccessAnomalies(dpo_, kNow - kMinute, kNow + kMinute));
  EXPECT_TRUE(std::any_of(anomalies.begin(), anomalies.end(), [&](const Anomaly& a) {
    return a.kind == "flagged" && a.staff_id == newcomer && a.person_id == child_a_;
  }));
}

// ---- break-glass --------------------------------------------------------------------------------

TEST_F(AccessControlTest, BreakGlassNeedsAReasonLastsItsTimeAndNeverReachesRestrictedRecords) {
  EXPECT_FALSE(vault_->GetPerson(stranger_, child_a_).ok());
  EXPECT_EQ(vault_->BreakGlass(stranger_, child_a_, "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->BreakGlass(stranger_, child_a_, "   ").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->BreakGlass(stranger_, mum_, "Mother arrived distressed").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(vault_->GetPerson(stranger_, child_a_).ok());
  // Volunteers and designated persons have no break-glass; to a volunteer it looks like no child.
  EXPECT_LOOKS_MISSING(vault_->BreakGlass(volunteer_, child_a_, "Emergency"), child_a_,
                       vault_->BreakGlass(volunteer_, kNoSuchPerson, "Emergency"), kNoSuchPerson);

  const std::string reason = "Child brought to the office after hours; allocated worker not reachable";
  ASSERT_OK_AND_ASSIGN(domain::BreakGlassGrant grant, vault_->BreakGlass(stranger_, child_a_, reason));
  EXPECT_EQ(grant.expires_at, kNow + 60 * kMinute);
  audit::AuditEvent start = LastEvent();
  EXPECT_EQ(start.action, "break_glass.start");
  EXPECT_EQ(start.outcome, "flagged");
  EXPECT_NE(start.detail.find("break-glass-start"), std::string::npos);
  EXPECT_EQ(start.detail.find(reason), std::string::npos) << "the reason is sealed, not in the log";

  ASSERT_OK(vault_->GetPerson(stranger_, child_a_));
  ASSERT_OK(vault_->GetRecord(stranger_, general_));
  ASSERT_OK(vault_->GetRecord(stranger_, sensitive_));
  EXPECT_EQ(LastEvent().outcome, "flagged");
  EXPECT_NE(LastEvent().detail.find("allow by rule break-glass-read, flagged"), std::string::npos) << LastEvent().detail;
  EXPECT_EQ(ChronologyIds(stranger_, child_a_), (std::vector<domain::RecordId>{general_, sensitive_}));
  EXPECT_LOOKS_MISSING(vault_->GetRecord(stranger_, restricted_), restricted_, vault_->GetRecord(stranger_, kNoSuchRecord), kNoSuchRecord);

  // The designated lead sees it, with the reason; the practitioner may not list grants.
  ASSERT_OK_AND_ASSIGN(auto grants, vault_->ListBreakGlass(dsl_, kNow - kHour));
  ASSERT_EQ(grants.size(), 1u);
  EXPECT_EQ(grants[0].staff_id, stranger_);
  EXPECT_EQ(grants[0].person_id, child_a_);
  EXPECT_EQ(grants[0].reason, reason);
  EXPECT_EQ(vault_->ListBreakGlass(stranger_, kNow - kHour).status().code(), StatusCode::kPermissionDenied);

  clock_.Advance(59 * kMinute);
  ASSERT_OK(vault_->GetPerson(stranger_, child_a_));
  clock_.Advance(1 * kMinute);
  EXPECT_LOOKS_MISSING(vault_->GetPerson(stranger_, child_a_), child_a_, vault_->GetPerson(stranger_, kNoSuchPerson), kNoSuchPerson);
  EXPECT_FALSE(vault_->GetRecord(stranger_, general_).ok());
  ASSERT_OK_AND_ASSIGN(auto later, vault_->ListBreakGlass(dsl_, kNow - kHour));
  EXPECT_EQ(later.size(), 1u) << "an expired grant stays on the list";
}

// ---- access-log review --------------------------------------------------------------------------

TEST_F(AccessControlTest, TheAnomalyReportFindsWhatReviewersLookFor) {
  clock_.Advance(kMinute);
  const UnixMicros from = clock_.NowMicros();  // after the set-up's accesses
  ASSERT_FALSE(vault_->GetPerson(stranger_, child_a_).ok());                       // denied
  ASSERT_OK(vault_->GetPerson(colleague_, child_a_));                              // outside_allocation (team)
  ASSERT_OK(vault_->BreakGlass(stranger_, child_c_, "Found alone at the bus stop"));  // break_glass
  for (domain::PersonId p : {child_a_, child_b_, child_c_}) ASSERT_OK(vault_->GetPerson(dsl_, p));  // many_children
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));  // allocated, in hours: nothing to report
  const uint64_t in_hours_seq = AuditCount() - 1;
  clock_.Set(1'795'572'000'000'000);  // 2026-11-25T02:00:00Z, a Wednesday: 02:00 in the UK (GMT)
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));
  const uint64_t night_seq = AuditCount() - 1;
  const UnixMicros to = clock_.NowMicros() + kMinute;

  AnomalyThresholds thresholds;
  thresholds.distinct_children = 3;
  EXPECT_EQ(vault_->AccessAnomalies(worker_, from, to, thresholds).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(std::vector<Anomaly> found, vault_->AccessAnomalies(dpo_, from, to, thresholds));
  auto has = [&](const char* kind, domain::StaffId staff, domain::PersonId person) {
    return std::any_of(found.begin(), found.end(),
                       [&](const Anomaly& a) { return a.kind == kind && a.staff_id == staff && a.person_id == person; });
  };
  EXPECT_TRUE(has("denied", stranger_, child_a_));
  EXPECT_TRUE(has("outside_allocation", colleague_, child_a_));
  EXPECT_TRUE(has("break_glass", stranger_, child_c_));
  EXPECT_TRUE(has("many_children", dsl_, 0));
  EXPECT_TRUE(has("out_of_hours", worker_, child_a_));
  EXPECT_FALSE(has("outside_allocation", worker_, child_a_));
  for (const Anomaly& a : found) {
    EXPECT_NE(a.seq, in_hours_seq) << a.kind << ": the allocated worker's access in working hours is not an anomaly";
    if (a.kind == "out_of_hours") {
      EXPECT_EQ(a.seq, night_seq);
      EXPECT_NE(a.detail.find("at 2:00 UK time"), std::string::npos) << a.detail;
    }
    if (a.kind == "many_children") {
      EXPECT_NE(a.detail.find("3 people"), std::string::npos) << a.detail;
    }
  }
  // With the default threshold (20 children) three are not many.
  ASSERT_OK_AND_ASSIGN(std::vector<Anomaly> defaults, vault_->AccessAnomalies(dpo_, from, to));
  EXPECT_FALSE(std::any_of(defaults.begin(), defaults.end(), [](const Anomaly& a) { return a.kind == "many_children"; }));
}

TEST_F(AccessControlTest, OutOfHoursIsJudgedInUkTimeInSummerToo) {
  // 2027-07-14 is a Wednesday in British Summer Time (UTC+1).
  clock_.Set(1'815'546'600'000'000);  // 06:30 UTC = 07:30 BST: working hours
  const UnixMicros from = clock_.NowMicros() - kMinute;
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));
  const uint64_t morning = AuditCount() - 1;
  clock_.Set(1'815'589'800'000'000);  // 18:30 UTC = 19:30 BST: after hours
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));
  const uint64_t evening = AuditCount() - 1;
  ASSERT_OK_AND_ASSIGN(std::vector<Anomaly> found, vault_->AccessAnomalies(auditor_, from, clock_.NowMicros() + kMinute));
  std::vector<Anomaly> late;
  for (const auto& a : found) {
    if (a.kind == "out_of_hours") late.push_back(a);
  }
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].seq, evening);
  EXPECT_NE(late[0].seq, morning);
  EXPECT_EQ(late[0].staff_id, worker_);
  EXPECT_NE(late[0].detail.find("at 19:00 UK time"), std::string::npos) << late[0].detail;
}

TEST_F(AccessControlTest, AChildsAccessLogShowsWhoLookedAndWhy) {
  const UnixMicros from = clock_.NowMicros();
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));
  ASSERT_OK(vault_->GetPerson(colleague_, child_a_));
  ASSERT_FALSE(vault_->GetPerson(stranger_, child_a_).ok());
  const UnixMicros to = clock_.NowMicros() + kMinute;
  ASSERT_OK_AND_ASSIGN(std::vector<AccessEvent> log, vault_->AccessLogForPerson(dsl_, child_a_, from, to, 100));
  auto find = [&](domain::StaffId actor, const char* action) -> const AccessEvent* {
    for (const auto& e : log) {
      if (e.actor == actor && e.action == action) return &e;
    }
    return nullptr;
  };
  const AccessEvent* worker_read = find(worker_, "person.read");
  ASSERT_NE(worker_read, nullptr);
  EXPECT_EQ(worker_read->person_id, child_a_);
  EXPECT_EQ(worker_read->outcome, "ok");
  EXPECT_NE(worker_read->detail.find("allow by rule allocated-staff"), std::string::npos) << worker_read->detail;
  EXPECT_NE(worker_read->detail.find("Staff allocated to a child"), std::string::npos) << "the policy's words are kept";
  const AccessEvent* colleague_read = find(colleague_, "person.read");
  ASSERT_NE(colleague_read, nullptr);
  EXPECT_NE(colleague_read->detail.find("team-general"), std::string::npos);
  const AccessEvent* refused = find(stranger_, "person.read");
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->outcome, "denied");
  for (const auto& e : log) EXPECT_EQ(e.person_id, child_a_);
  // The DPO and auditors may ask too; a practitioner, even the allocated worker, may not, and to
  // them the child might as well not exist.
  ASSERT_OK(vault_->AccessLogForPerson(dpo_, child_a_, from, to, 100));
  ASSERT_OK(vault_->AccessLogForPerson(auditor_, child_a_, from, to, 100));
  EXPECT_LOOKS_MISSING(vault_->AccessLogForPerson(stranger_, child_a_, from, to, 100), child_a_,
                       vault_->AccessLogForPerson(stranger_, kNoSuchPerson, from, to, 100), kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->AccessLogForPerson(worker_, child_a_, from, to, 100), child_a_,
                       vault_->AccessLogForPerson(worker_, kNoSuchPerson, from, to, 100), kNoSuchPerson);
  ASSERT_FALSE(vault_->AccessLogForPerson(worker_, child_a_, from, to, 100).ok());
  ExpectDenialAudited("access_log.person", worker_, "no rule allows access_log.read");
}

TEST_F(AccessControlTest, EveryoneSeesTheirOwnAccessLogAndOnlyReviewersSeeOthers) {
  const UnixMicros from = clock_.NowMicros();
  ASSERT_FALSE(vault_->GetPerson(stranger_, child_a_).ok());
  ASSERT_OK(vault_->GetPerson(worker_, child_a_));
  const UnixMicros to = clock_.NowMicros() + kMinute;
  for (domain::StaffId who : {stranger_, worker_, volunteer_, kAdmin, auditor_, dsl_}) {
    auto own = vault_->AccessLogForStaff(who, who, from, to, 100);
    ASSERT_OK(own);
    for (const auto& e : *own) EXPECT_EQ(e.actor, who);
  }
  ASSERT_OK_AND_ASSIGN(auto strangers_own, vault_->AccessLogForStaff(stranger_, stranger_, from, to, 100));
  // Their own refused attempt is there, reading as a missing id would (not as "denied").
  EXPECT_TRUE(std::any_of(strangers_own.begin(), strangers_own.end(),
                          [&](const AccessEvent& e) { return e.action == "person.read" && e.outcome == "not_found"; }));
  EXPECT_EQ(vault_->AccessLogForStaff(stranger_, worker_, from, to, 100).status().code(), StatusCode::kPermissionDenied);
  ExpectDenialAudited("access_log.staff", stranger_, "no rule allows access_log.read");
  EXPECT_EQ(vault_->AccessLogForStaff(manager_, worker_, from, to, 100).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(auto reviewed, vault_->AccessLogForStaff(dpo_, worker_, from, to, 100));
  EXPECT_TRUE(std::any_of(reviewed.begin(), reviewed.end(), [&](const AccessEvent& e) {
    return e.action == "person.read" && e.person_id == child_a_ && e.detail.find("allocated-staff") != std::string::npos;
  }));
}

// ---- explanations -------------------------------------------------------------------------------

TEST_F(AccessControlTest, ExplainAccessGivesTheDecisionAndItsWords) {
  ASSERT_OK_AND_ASSIGN(policy::Decision yes, vault_->ExplainAccess(dsl_, worker_, policy::Action::kRecordRead, 0, sensitive_));
  EXPECT_TRUE(yes.allowed);
  EXPECT_EQ(yes.rule_id, "allocated-staff");
  EXPECT_NE(yes.Explain().find("Staff allocated to a child see"), std::string::npos) << yes.Explain();
  audit::AuditEvent e = LastEvent();
  EXPECT_EQ(e.action, "policy.explain");
  EXPECT_EQ(e.record_id, sensitive_);
  EXPECT_NE(e.detail.find("about staff " + std::to_string(worker_)), std::string::npos) << e.detail;

  ASSERT_OK_AND_ASSIGN(policy::Decision no, vault_->ExplainAccess(manager_, colleague_, policy::Action::kRecordRead, 0, sensitive_));
  EXPECT_FALSE(no.allowed);
  EXPECT_EQ(no.rule_id, "default-deny");
  EXPECT_NE(no.AuditText().find("no rule allows record.read of a sensitive record for social_worker with relation team"),
            std::string::npos)
      << no.AuditText();

  ASSERT_OK_AND_ASSIGN(int64_t restriction, vault_->RestrictPerson(dsl_, child_a_, worker_, "Related to the family"));
  ASSERT_OK_AND_ASSIGN(policy::Decision hidden, vault_->ExplainAccess(dsl_, worker_, policy::Action::kPersonRead, child_a_, 0));
  EXPECT_FALSE(hidden.allowed);
  EXPECT_EQ(hidden.rule_id, "restricted-person");
  ASSERT_OK(vault_->LiftRestriction(dsl_, restriction));

  // Anyone may ask about themself; only the policy's explainers about others.
  ASSERT_OK_AND_ASSIGN(policy::Decision mine, vault_->ExplainAccess(worker_, worker_, policy::Action::kPersonRead, child_a_, 0));
  EXPECT_TRUE(mine.allowed);
  EXPECT_EQ(vault_->ExplainAccess(stranger_, worker_, policy::Action::kPersonRead, 0, 0).status().code(),
            StatusCode::kPermissionDenied);
  // Asking about themself is no way to learn that a hidden child, or a record about them, exists.
  EXPECT_LOOKS_MISSING(vault_->ExplainAccess(stranger_, stranger_, policy::Action::kPersonRead, child_a_, 0), child_a_,
                       vault_->ExplainAccess(stranger_, stranger_, policy::Action::kPersonRead, kNoSuchPerson, 0), kNoSuchPerson);
  EXPECT_LOOKS_MISSING(vault_->ExplainAccess(stranger_, stranger_, policy::Action::kRecordRead, 0, general_), general_,
                       vault_->ExplainAccess(stranger_, stranger_, policy::Action::kRecordRead, 0, kNoSuchRecord), kNoSuchRecord);
}

}  // namespace
}  // namespace confide::service

namespace confide::service {
namespace {

// What a refusal tells the refused: the call's answer is the same for a hidden person or record as
// for none, and so must be what they can read back in their own access log.
TEST_F(AccessControlTest, TheOwnAccessLogDoesNotRevealHiddenPeopleOrRecords) {
  // Reading only one's own log: refusals read exactly as missing ids did, and search matches the
  // searcher was not shown are not shown here either.
  const UnixMicros from = clock_.NowMicros();
  ASSERT_OK_AND_ASSIGN(auto none, vault_->FindPeople(stranger_, QueryFor("Okafor", "2018-04-02")));
  ASSERT_TRUE(none.empty());
  ASSERT_FALSE(vault_->GetRecord(stranger_, restricted_).ok());
  ASSERT_FALSE(vault_->GetRecord(stranger_, kNoSuchRecord).ok());
  ASSERT_OK_AND_ASSIGN(auto own, vault_->AccessLogForStaff(stranger_, stranger_, from, clock_.NowMicros() + kMinute, 100));
  std::vector<AccessEvent> reads;
  for (const auto& e : own) {
    EXPECT_NE(e.person_id, child_a_) << e.action << " shows the hidden child's id";
    if (e.action == "record.read") reads.push_back(e);
  }
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].outcome, reads[1].outcome);
  EXPECT_EQ(reads[0].detail, reads[1].detail);
}

}  // namespace
}  // namespace confide::service
