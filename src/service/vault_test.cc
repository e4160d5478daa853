#include "service/vault.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <thread>

#include "domain/civil_date.h"
#include "service/audit_deferral.h"
#include "service/record_export.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using confide::testing::TempDir;
using domain::PersonKind;
using domain::RecordKind;
using domain::SensitivityTier;
namespace fs = std::filesystem;

constexpr UnixMicros kNow = 1'795'305'600'000'000;  // 2026-11-21T00:00:00Z
constexpr UnixMicros kDay = 86'400'000'000;

domain::CivilDate Date(const char* iso) { return domain::CivilDate::Parse(iso).value(); }

domain::PersonDetails Child(const char* given, const char* family, const char* dob, const char* nhs = nullptr) {
  domain::PersonDetails d;
  d.given_names = given;
  d.family_name = family;
  d.date_of_birth = Date(dob);
  d.address = "12 Larch Close, Northtown";
  if (nhs) d.nhs_number = domain::NhsNumber::Parse(nhs).value();
  return d;
}

RecordDraft Note(domain::PersonId child, const char* summary, UnixMicros occurred,
                 SensitivityTier tier = SensitivityTier::kGeneral, RecordKind kind = RecordKind::kCaseNote) {
  RecordDraft d;
  d.person_id = child;
  d.kind = kind;
  d.tier = tier;
  d.occurred_at = occurred;
  d.content.summary = summary;
  d.content.text = std::string("Details of ") + summary;
  if (kind == RecordKind::kSafeguardingConcern) {
    d.content.concern = domain::SafeguardingConcern{
        {{"Bruise on the left forearm", domain::StatementBasis::kFact},
         {"Pattern suggests gripping", domain::StatementBasis::kProfessionalOpinion}},
        "Cloakroom", "Key person", "He grabbed me", {}, {{"DSL told at 10:30", domain::StatementBasis::kFact}}};
  }
  return d;
}

class VaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions opts{"Test Council", domain::OrganisationKind::kLocalAuthority, {"Ada Admin", "ada@example.org"}};
    auto vault = Vault::Init(dir_.Str("data"), opts, clock_);
    ASSERT_OK(vault);
    vault_ = std::move(vault).value();
    // A designated safeguarding lead with current training: the vault's own behaviour is tested
    // here with need-to-know out of the way (access_control_test.cc tests the decisions).
    auto worker = vault_->AddStaff(1, domain::StaffRole::kDesignatedSafeguardingLead, "Team A", {"Sam Worker", ""});
    ASSERT_OK(worker);
    worker_ = *worker;
    ASSERT_OK(vault_->RecordTraining(1, {0, worker_, "confidentiality", kNow - 30 * kDay, std::nullopt, 0, 0}));
    ASSERT_OK(vault_->RecordTraining(1, {0, 1, "confidentiality", kNow - 30 * kDay, std::nullopt, 0, 0}));
    auto dpo = vault_->AddStaff(1, domain::StaffRole::kDataProtectionOfficer, "Governance", {"Dee Protection", ""});
    ASSERT_OK(dpo);
    dpo_ = *dpo;
    ASSERT_OK(vault_->RecordTraining(1, {0, dpo_, "confidentiality", kNow - 30 * kDay, std::nullopt, 0, 0}));
    auto child = vault_->AddPerson(worker_, PersonKind::kChild, Child("Amelia", "O'Brien", "2018-04-02", "9990000018"));
    ASSERT_OK(child);
    child_ = *child;
  }

  uint64_t AuditCount() {
    auto head = vault_->LatestAuditHead();
    return head.ok() ? head->tree_size : 0;
  }

  std::vector<std::string> ActionsSince(uint64_t from) {
    std::vector<std::string> out;
    for (uint64_t s = from; s < AuditCount(); ++s) out.push_back(vault_->GetAuditEntry(s)->event.action);
    return out;
  }

  TempDir dir_;
  FakeClock clock_{kNow};
  domain::StaffId dpo_ = 0;  // destroys data (crypto-shredding)
  std::unique_ptr<Vault> vault_;
  domain::StaffId worker_ = 0;
  domain::PersonId child_ = 0;
};

TEST_F(VaultTest, InitCreatesAnOwnerOnlyKeyFileAndRefusesToRunTwice) {
  struct stat st{};
  ASSERT_EQ(::stat(vault_->config().kek_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  ASSERT_EQ(::stat(vault_->config().database_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0);
  auto again = Vault::Init(dir_.Str("data"), {"Other", domain::OrganisationKind::kSchool, {"X", ""}}, clock_);
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
}

TEST_F(VaultTest, InitWithBadInputCreatesNothing) {
  auto bad = Vault::Init(dir_.Str("other"), {"", domain::OrganisationKind::kSchool, {"X", ""}}, clock_);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(fs::exists(dir_.Str("other")));
}

TEST_F(VaultTest, OpenWithoutTheKeyFileOrWithAnotherKeyIsRefused) {
  vault_.reset();
  const std::string key = dir_.Str("data/keys/kek.key");
  fs::rename(key, key + ".moved");
  auto missing = Vault::Open(dir_.Str("data"), clock_);
  EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.status().message().find("missing"), std::string::npos);
  ASSERT_OK(crypto::CreateKeyFile(key));  // a different, valid key
  auto wrong = Vault::Open(dir_.Str("data"), clock_);
  EXPECT_EQ(wrong.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(wrong.status().message().find("wrong key"), std::string::npos);
  fs::remove(key);
  fs::rename(key + ".moved", key);
  ASSERT_OK(Vault::Open(dir_.Str("data"), clock_));
}

TEST_F(VaultTest, PersonRoundTripsThroughEncryptionAndSignature) {
  ASSERT_OK_AND_ASSIGN(domain::Person p, vault_->GetPerson(worker_, child_));
  EXPECT_EQ(p.details.given_names, "Amelia");
  EXPECT_EQ(p.details.family_name, "O'Brien");
  EXPECT_EQ(p.details.nhs_number->Formatted(), "999 000 0018");
  EXPECT_EQ(p.details.address, "12 Larch Close, Northtown");
  EXPECT_EQ(p.version, 1);
}

TEST_F(VaultTest, InvalidPersonIsRejectedAndChangesNothing) {
  const uint64_t before = AuditCount();
  domain::PersonDetails no_dob = Child("A", "B", "2018-01-01");
  no_dob.date_of_birth.reset();
  EXPECT_EQ(vault_->AddPerson(worker_, PersonKind::kChild, no_dob).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->AddPerson(worker_, PersonKind::kChild, Child("A", "", "2018-01-01")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->AddPerson(worker_, PersonKind::kChild, Child("A", "B", "2030-01-01")).status().code(),
            StatusCode::kInvalidArgument);
  domain::PersonDetails bad_upn = Child("A", "B", "2018-01-01");
  bad_upn.unique_pupil_number = "C801200005001";  // check letter should be B
  EXPECT_EQ(vault_->AddPerson(worker_, PersonKind::kChild, bad_upn).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AuditCount(), before);
  ASSERT_OK_AND_ASSIGN(auto found, vault_->FindPeople(worker_, {"B", "", Date("2018-01-01"), {}, "", ""}));
  EXPECT_TRUE(found.empty());
}

TEST_F(VaultTest, FindToleratesCaseSpacingPunctuationAndNameVariants) {
  ASSERT_OK(vault_->AddPerson(worker_, PersonKind::kChild, Child("Muhammad", "Smith-Jones", "2019-06-30")));
  ASSERT_OK(vault_->AddPerson(worker_, PersonKind::kChild, Child("Zoë", "Kowalski", "2017-01-15")));
  auto find = [&](const char* family, const char* given, const char* dob) {
    auto r = vault_->FindPeople(worker_, {family, given, Date(dob), {}, "", ""});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->size() : 0u;
  };
  EXPECT_EQ(find("obrien", "", "2018-04-02"), 1u);
  EXPECT_EQ(find("  O BRIEN ", "amelia", "2018-04-02"), 1u);
  EXPECT_EQ(find("smith jones", "Mohammed", "2019-06-30"), 1u);
  EXPECT_EQ(find("Jones", "mohamed", "2019-06-30"), 1u);  // one part of a double-barrelled name
  EXPECT_EQ(find("KOWALSKI", "zoe", "2017-01-15"), 1u);
  EXPECT_EQ(find("obrien", "", "2018-04-03"), 0u);        // the date of birth must match
  EXPECT_EQ(find("obrien", "Beatrice", "2018-04-02"), 0u);
  EXPECT_EQ(vault_->FindPeople(worker_, {"obrien", "", std::nullopt, {}, "", ""}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(VaultTest, FindByNhsNumberAndOtherIdentifiers) {
  domain::PersonDetails d = Child("Kai", "Lee", "2020-02-29");
  d.unique_pupil_number = "B801200005001";
  d.la_child_id = "NS-00042";
  ASSERT_OK_AND_ASSIGN(domain::PersonId kai, vault_->AddPerson(worker_, PersonKind::kChild, d));
  ASSERT_OK_AND_ASSIGN(auto by_nhs, vault_->FindPeople(worker_, {"", "", {}, domain::NhsNumber::Parse("999 000 0018").value(), "", ""}));
  ASSERT_EQ(by_nhs.size(), 1u);
  EXPECT_EQ(by_nhs[0].id, child_);
  ASSERT_OK_AND_ASSIGN(auto by_upn, vault_->FindPeople(worker_, {"", "", {}, {}, "b801 2000 05001", ""}));
  ASSERT_EQ(by_upn.size(), 1u);
  EXPECT_EQ(by_upn[0].id, kai);
  ASSERT_OK_AND_ASSIGN(auto by_la, vault_->FindPeople(worker_, {"", "", {}, {}, "", "ns00042"}));
  ASSERT_EQ(by_la.size(), 1u);
  EXPECT_EQ(by_la[0].id, kai);
}

TEST_F(VaultTest, AnAmendmentIsANewSignedVersionThatKeepsTheOld) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId id,
                       vault_->AddRecord(worker_, Note(child_, "Concern at drop-off", kNow - kDay,
                                                       SensitivityTier::kSensitive, RecordKind::kSafeguardingConcern)));
  clock_.Advance(3600LL * 1000 * 1000);
  RecordAmendment a;
  a.record_id = id;
  a.expected_current = 1;
  a.content = Note(child_, "Concern at drop-off (corrected)", kNow - kDay).content;
  a.content.concern = Note(child_, "", 0, SensitivityTier::kGeneral, RecordKind::kSafeguardingConcern).content.concern;
  a.reason = "Measured the bruise";
  ASSERT_OK_AND_ASSIGN(domain::VersionNumber v, vault_->AmendRecord(worker_, a));
  EXPECT_EQ(v, 2);
  ASSERT_OK_AND_ASSIGN(auto history, vault_->GetRecordHistory(worker_, id));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].content.summary, "Concern at drop-off");
  EXPECT_EQ(history[0].amendment_reason, "");
  EXPECT_EQ(history[1].content.summary, "Concern at drop-off (corrected)");
  EXPECT_EQ(history[1].amendment_reason, "Measured the bruise");
  EXPECT_EQ(history[1].recorded_at, kNow + 3600LL * 1000 * 1000);
  EXPECT_EQ(history[1].content.concern->childs_words, "He grabbed me");
  EXPECT_EQ(history[1].content.concern->what_happened[1].basis, domain::StatementBasis::kProfessionalOpinion);
  ASSERT_OK_AND_ASSIGN(RecordView old, vault_->GetRecord(worker_, id, 1));
  EXPECT_EQ(old.current_version, 2);
  EXPECT_EQ(old.version.content.summary, "Concern at drop-off");
}

TEST_F(VaultTest, AmendmentsNeedAReasonAndTheCurrentVersion) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId id, vault_->AddRecord(worker_, Note(child_, "Home visit", kNow - kDay)));
  RecordAmendment a;
  a.record_id = id;
  a.content = Note(child_, "Home visit (2)", kNow - kDay).content;
  a.reason = "  ";
  EXPECT_EQ(vault_->AmendRecord(worker_, a).status().code(), StatusCode::kInvalidArgument);
  a.reason = "typo";
  a.expected_current = 1;
  ASSERT_OK(vault_->AmendRecord(worker_, a));
  // A second writer who last saw version 1 is told, not silently overwritten.
  EXPECT_EQ(vault_->AmendRecord(worker_, a).status().code(), StatusCode::kConflict);
}

TEST_F(VaultTest, RecordsAreKeptAboutChildrenOnly) {
  domain::PersonDetails adult = Child("Pat", "O'Brien", "1990-01-01");
  ASSERT_OK_AND_ASSIGN(domain::PersonId mum, vault_->AddPerson(worker_, PersonKind::kAdult, adult));
  EXPECT_EQ(vault_->AddRecord(worker_, Note(mum, "x", kNow - kDay)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(vault_->AddRecord(worker_, Note(9999, "x", kNow - kDay)).status().code(), StatusCode::kNotFound);
  RecordDraft concern_without_details = Note(child_, "x", kNow - kDay);
  concern_without_details.kind = RecordKind::kSafeguardingConcern;
  EXPECT_EQ(vault_->AddRecord(worker_, concern_without_details).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(VaultTest, ChronologyIsInTimeOrderAndFilters) {
  ASSERT_OK(vault_->AddRecord(worker_, Note(child_, "third", kNow - 1 * kDay)));
  ASSERT_OK(vault_->AddRecord(worker_, Note(child_, "first", kNow - 30 * kDay, SensitivityTier::kRestricted)));
  ASSERT_OK(vault_->AddRecord(worker_, Note(child_, "second", kNow - 10 * kDay, SensitivityTier::kSensitive,
                                            RecordKind::kSafeguardingConcern)));
  ASSERT_OK_AND_ASSIGN(auto all, vault_->Chronology(worker_, child_, {}));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].summary, "first");
  EXPECT_EQ(all[1].summary, "second");
  EXPECT_EQ(all[2].summary, "third");
  ChronologyQuery concerns;
  concerns.kinds = {RecordKind::kSafeguardingConcern};
  ASSERT_OK_AND_ASSIGN(auto only_concerns, vault_->Chronology(worker_, child_, concerns));
  ASSERT_EQ(only_concerns.size(), 1u);
  EXPECT_EQ(only_concerns[0].summary, "second");
  ChronologyQuery recent;
  recent.from = kNow - 15 * kDay;
  recent.tiers = {SensitivityTier::kGeneral, SensitivityTier::kSensitive};
  ASSERT_OK_AND_ASSIGN(auto recent_items, vault_->Chronology(worker_, child_, recent));
  ASSERT_EQ(recent_items.size(), 2u);
  EXPECT_EQ(recent_items[0].summary, "second");
}

TEST_F(VaultTest, EveryReadAndWriteOfPersonalDataIsAudited) {
  const uint64_t start = AuditCount();
  ASSERT_OK_AND_ASSIGN(domain::RecordId id, vault_->AddRecord(worker_, Note(child_, "n", kNow - kDay)));
  ASSERT_OK(vault_->GetRecord(worker_, id));
  ASSERT_OK(vault_->GetPerson(worker_, child_));
  ASSERT_OK(vault_->Chronology(worker_, child_, {}));
  ASSERT_OK(vault_->FindPeople(worker_, {"obrien", "", Date("2018-04-02"), {}, "", ""}));
  EXPECT_EQ(ActionsSince(start), (std::vector<std::string>{"record.create", "record.read", "person.read", "chronology.read",
                                                           "person.search.match", "person.search"}));
  ASSERT_OK_AND_ASSIGN(audit::AuditEntry e, vault_->GetAuditEntry(start + 1));
  EXPECT_EQ(e.event.actor, worker_);
  EXPECT_EQ(e.event.person_id, child_);
  EXPECT_EQ(e.event.record_id, id);
  EXPECT_EQ(e.event.outcome, "ok");
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok());
}

TEST_F(VaultTest, AFailedLookupIsAuditedWithItsOutcomeAndNoData) {
  const uint64_t start = AuditCount();
  EXPECT_EQ(vault_->GetPerson(worker_, 424242).status().code(), StatusCode::kNotFound);
  ASSERT_EQ(AuditCount(), start + 1);
  ASSERT_OK_AND_ASSIGN(audit::AuditEntry e, vault_->GetAuditEntry(start));
  EXPECT_EQ(e.event.action, "person.read");
  EXPECT_EQ(e.event.outcome, "not_found");
  EXPECT_EQ(e.event.person_id, 424242);
}

TEST_F(VaultTest, OnlyActiveStaffMayAct) {
  EXPECT_EQ(vault_->GetPerson(0, child_).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(vault_->GetPerson(77, child_).status().code(), StatusCode::kPermissionDenied);
}

// A failed service call leaves nothing behind: fail the n-th write of a call for n = 1, 2, ...
// until the call succeeds; after every failure the data and the audit log are as before.
TEST_F(VaultTest, AFailedServiceCallLeavesNothingBehind) {
  auto& conn = static_cast<store::sqlite::SqliteStore&>(vault_->StoreForTest()).ConnectionForTest();
  for (int n = 1;; ++n) {
    const uint64_t audit_before = AuditCount();
    ASSERT_OK_AND_ASSIGN(auto before, vault_->Chronology(worker_, child_, {}));
    const uint64_t audit_mid = AuditCount();
    ASSERT_EQ(audit_mid, audit_before + 1);
    conn.FailNthWriteForTest(n);
    auto result = vault_->AddRecord(worker_, Note(child_, "fault trial", kNow - kDay, SensitivityTier::kSensitive,
                                                  RecordKind::kSafeguardingConcern));
    conn.FailNthWriteForTest(0);
    if (result.ok()) {
      EXPECT_GT(n, 3);  // the call makes several writes; each was tried as the failing one
      break;
    }
    ASSERT_EQ(result.status().code(), StatusCode::kIOError) << "n=" << n;
    EXPECT_EQ(AuditCount(), audit_mid) << "n=" << n;
    ASSERT_OK_AND_ASSIGN(auto after, vault_->Chronology(worker_, child_, {}));
    EXPECT_EQ(after.size(), before.size()) << "n=" << n;
    ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
    EXPECT_TRUE(report.ok()) << "n=" << n;
    ASSERT_LT(n, 100);
  }
  ASSERT_OK_AND_ASSIGN(auto final_items, vault_->Chronology(worker_, child_, {}));
  EXPECT_EQ(final_items.size(), 1u);
}

// A read is answered only once its audit event is durable: if the event cannot be written, the
// caller gets an error and no data, and the log is as before.
TEST_F(VaultTest, AReadWhoseAuditEventCannotBeWrittenReturnsNothing) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId id, vault_->AddRecord(worker_, Note(child_, "n", kNow - kDay)));
  auto& conn = static_cast<store::sqlite::SqliteStore&>(vault_->StoreForTest()).ConnectionForTest();
  const uint64_t before = AuditCount();
  conn.FailNthWriteForTest(1);
  auto read = vault_->GetRecord(worker_, id);
  conn.FailNthWriteForTest(0);
  EXPECT_EQ(read.status().code(), StatusCode::kIOError);
  EXPECT_EQ(AuditCount(), before);
  ASSERT_OK(vault_->GetRecord(worker_, id));
  EXPECT_EQ(ActionsSince(before), (std::vector<std::string>{"record.read"}));
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok());
}

// With an AuditDeferral installed (the HTTP server's way), a read returns as soon as its event is
// queued; the caller learns when it is durable. Here a write transaction holds the writer, so the
// event cannot be committed until it ends.
TEST_F(VaultTest, UnderAnAuditDeferralAReadReturnsAndItsCallerIsToldWhenTheEventIsDurable) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId id, vault_->AddRecord(worker_, Note(child_, "n", kNow - kDay)));
  const uint64_t before = AuditCount();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<store::UnitOfWork> writer, vault_->StoreForTest().Begin(store::TransactionMode::kWrite));
  std::promise<Status> durable;
  {
    AuditDeferral deferral;
    ASSERT_OK(vault_->GetRecord(worker_, id));
    EXPECT_TRUE(deferral.state()->tracked_any());
    deferral.state()->WhenDone([&](Status s) { durable.set_value(std::move(s)); });
  }
  std::future<Status> outcome = durable.get_future();
  EXPECT_EQ(outcome.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  writer.reset();
  EXPECT_OK(outcome.get());
  EXPECT_EQ(ActionsSince(before), (std::vector<std::string>{"record.read"}));
}

// ... and when the event cannot be written, the caller is told so (and must not release the data).
TEST_F(VaultTest, UnderAnAuditDeferralAFailedAuditWriteIsReportedToTheCaller) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId id, vault_->AddRecord(worker_, Note(child_, "n", kNow - kDay)));
  const uint64_t before = AuditCount();
  auto& conn = static_cast<store::sqlite::SqliteStore&>(vault_->StoreForTest()).ConnectionForTest();
  conn.FailNthWriteForTest(1);
  std::promise<Status> durable;
  {
    AuditDeferral deferral;
    (void)vault_->GetRecord(worker_, id);
    deferral.state()->WhenDone([&](Status s) { durable.set_value(std::move(s)); });
  }
  const Status outcome = durable.get_future().get();
  conn.FailNthWriteForTest(0);
  EXPECT_EQ(outcome.code(), StatusCode::kIOError);
  EXPECT_EQ(AuditCount(), before);
}

// Reads under a SharedSnapshot share one read transaction: a change committed by another thread
// meanwhile is not seen until the snapshot ends; a write on the same thread ends it at once.
TEST_F(VaultTest, ReadsUnderASharedSnapshotSeeOneStateUntilTheThreadWrites) {
  const uint64_t before = AuditCount();
  auto amend_elsewhere = [&](const char* family) {
    std::thread other([&] { ASSERT_OK(vault_->AmendPerson(worker_, child_, Child("Amelia", family, "2018-04-02"), "Name change")); });
    other.join();
  };
  {
    Vault::SharedSnapshot snapshot(*vault_);
    ASSERT_OK_AND_ASSIGN(domain::Person first, vault_->GetPerson(worker_, child_));
    EXPECT_EQ(first.details.family_name, "O'Brien");
    amend_elsewhere("Okafor");
    ASSERT_OK_AND_ASSIGN(domain::Person second, vault_->GetPerson(worker_, child_));
    EXPECT_EQ(second.details.family_name, "O'Brien");  // the same snapshot
    EXPECT_EQ(second.version, 1);
    // This thread writes: its next read sees that and everything before it.
    ASSERT_OK(vault_->AmendPerson(worker_, child_, Child("Amelia", "Osei", "2018-04-02"), "Name change"));
    ASSERT_OK_AND_ASSIGN(domain::Person third, vault_->GetPerson(worker_, child_));
    EXPECT_EQ(third.details.family_name, "Osei");
    EXPECT_EQ(third.version, 3);
  }
  amend_elsewhere("Owusu");
  ASSERT_OK_AND_ASSIGN(domain::Person after, vault_->GetPerson(worker_, child_));
  EXPECT_EQ(after.details.family_name, "Owusu");
  // Every read was audited on its own.
  const std::vector<std::string> actions = ActionsSince(before);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "person.read"), 4);
}

// A read that fails gives the shared snapshot up; the next read begins another and succeeds.
TEST_F(VaultTest, AFailedReadUnderASharedSnapshotDoesNotSpoilTheNext) {
  Vault::SharedSnapshot snapshot(*vault_);
  EXPECT_EQ(vault_->GetPerson(worker_, child_ + 1000).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(domain::Person p, vault_->GetPerson(worker_, child_));
  EXPECT_EQ(p.id, child_);
}

// Reads from many threads at once (read transactions side by side, their audit events committed
// in shared batches): every read is audited once, as its reader, and the log verifies.
TEST_F(VaultTest, ConcurrentReadsAreEachAuditedAndTheLogVerifies) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId id, vault_->AddRecord(worker_, Note(child_, "n", kNow - kDay)));
  const uint64_t before = AuditCount();
  constexpr int kThreads = 6, kReads = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kReads; ++i) {
        const bool ok = (t % 2 == 0) ? vault_->GetRecord(worker_, id).ok() : vault_->GetPerson(worker_, child_).ok();
        if (!ok) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  const std::vector<std::string> actions = ActionsSince(before);
  ASSERT_EQ(actions.size(), size_t{kThreads * kReads});
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "record.read"), kThreads / 2 * kReads);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "person.read"), kThreads / 2 * kReads);
  for (uint64_t s = before; s < AuditCount(); ++s) {
    ASSERT_OK_AND_ASSIGN(audit::AuditEntry e, vault_->GetAuditEntry(s));
    EXPECT_EQ(e.event.actor, worker_);
  }
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok());
}

TEST_F(VaultTest, CryptoShreddingMakesTheSubjectUnreadableAndKeepsTheAuditLogValid) {
  ASSERT_OK_AND_ASSIGN(domain::PersonId other, vault_->AddPerson(worker_, PersonKind::kChild, Child("Bo", "Ng", "2016-05-05")));
  ASSERT_OK_AND_ASSIGN(domain::RecordId rec, vault_->AddRecord(worker_, Note(child_, "about Amelia", kNow - kDay)));
  ASSERT_OK_AND_ASSIGN(domain::RecordId other_rec, vault_->AddRecord(worker_, Note(other, "about Bo", kNow - kDay)));
  ASSERT_OK(vault_->DestroySubjectKey(dpo_, child_));
  EXPECT_EQ(vault_->GetPerson(worker_, child_).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(vault_->GetRecord(worker_, rec).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(vault_->Chronology(worker_, child_, {}).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(auto found, vault_->FindPeople(worker_, {"obrien", "", Date("2018-04-02"), {}, "", ""}));
  EXPECT_TRUE(found.empty());
  // Others are untouched, and the log that recorded the shredding still verifies.
  ASSERT_OK_AND_ASSIGN(RecordView bo, vault_->GetRecord(worker_, other_rec));
  EXPECT_EQ(bo.version.content.summary, "about Bo");
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok());
  // Reopening (so no key is cached anywhere) changes nothing.
  vault_.reset();
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  EXPECT_FALSE(vault_->GetRecord(worker_, rec).ok());
  EXPECT_OK(vault_->GetRecord(worker_, other_rec));
}

TEST_F(VaultTest, KeyRotationRewrapsKeysWithoutReencryptingRecords) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId rec, vault_->AddRecord(worker_, Note(child_, "before rotation", kNow - kDay)));
  auto sealed_of = [&]() {
    auto& conn = static_cast<store::sqlite::SqliteStore&>(vault_->StoreForTest()).ConnectionForTest();
    auto s = conn.Prepare("SELECT sealed FROM record_versions WHERE record_id = ? AND version = 1");
    s.value()->Bind(1, int64_t{rec});
    EXPECT_TRUE(s.value()->Step().value());
    return s.value()->Blob(0);
  };
  const Bytes sealed_before = sealed_of();
  const std::string old_key_text = confide::testing::ReadFileForTest(vault_->config().kek_path);
  ASSERT_OK_AND_ASSIGN(std::string new_id, vault_->RotateKeyEncryptionKey(1));
  EXPECT_EQ(sealed_of(), sealed_before);
  EXPECT_NE(confide::testing::ReadFileForTest(vault_->config().kek_path), old_key_text);
  EXPECT_NE(confide::testing::ReadFileForTest(vault_->config().kek_path).find(new_id), std::string::npos);
  ASSERT_OK_AND_ASSIGN(RecordView v, vault_->GetRecord(worker_, rec));
  EXPECT_EQ(v.version.content.summary, "before rotation");
  vault_.reset();
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  ASSERT_OK(vault_->GetRecord(worker_, rec));
  ASSERT_OK(vault_->AddRecord(worker_, Note(child_, "after rotation", kNow - kDay)));
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok());
}

TEST_F(VaultTest, AnInterruptedKeyRotationIsCompletedOnOpen) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId rec, vault_->AddRecord(worker_, Note(child_, "r", kNow - kDay)));
  const std::string kek = vault_->config().kek_path;
  const std::string old_text = confide::testing::ReadFileForTest(kek);
  ASSERT_OK_AND_ASSIGN(std::string new_id, vault_->RotateKeyEncryptionKey(1));
  vault_.reset();
  // Put the files back as they were between the committed re-wrap and the file swap.
  fs::rename(kek, kek + ".next");
  for (const auto& e : fs::directory_iterator(fs::path(kek).parent_path())) {
    if (e.path().filename().string().find(".retired-") != std::string::npos) fs::rename(e.path(), kek);
  }
  EXPECT_EQ(confide::testing::ReadFileForTest(kek), old_text);
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  EXPECT_NE(confide::testing::ReadFileForTest(kek).find(new_id), std::string::npos);
  ASSERT_OK(vault_->GetRecord(worker_, rec));
}

TEST_F(VaultTest, ExportedRecordsVerifyOutsideConfideAndTamperingIsCaught) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId rec, vault_->AddRecord(worker_, Note(child_, "exported note", kNow - kDay)));
  ASSERT_OK_AND_ASSIGN(nlohmann::json exported, vault_->ExportRecord(worker_, rec));
  const Bytes pk(vault_->organisation_public_key().begin(), vault_->organisation_public_key().end());
  ASSERT_OK_AND_ASSIGN(VerifiedExport ok, VerifyRecordExport(exported.dump(), pk));
  EXPECT_EQ(ok.fields.at("summary"), "exported note");
  nlohmann::json changed = exported;
  changed["fields"]["summary"] = "ZXhwb3J0ZWQgbm90ZSE=";  // "exported note!"
  EXPECT_EQ(VerifyRecordExport(changed.dump(), pk).status().code(), StatusCode::kCorruption);
  nlohmann::json redated = exported;
  redated["header"]["occurred_at"] = kNow - 2 * kDay;
  EXPECT_EQ(VerifyRecordExport(redated.dump(), pk).status().code(), StatusCode::kCorruption);
  const crypto::PublicKey stranger = crypto::SigningKey::Generate().public_key();
  EXPECT_EQ(VerifyRecordExport(exported.dump(), Bytes(stranger.begin(), stranger.end())).status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(VerifyRecordExport("{not json", pk).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(VaultTest, RelationshipsAndAllocationsAreRecordedAndListed) {
  ASSERT_OK_AND_ASSIGN(domain::PersonId dad, vault_->AddPerson(worker_, PersonKind::kAdult, Child("Tom", "O'Brien", "1985-03-03")));
  domain::RelationshipDetails d{domain::RelationshipKind::kFather, true, false,
                                {domain::Restriction::kMustNotKnowAddress}, "Non-molestation order NM-1", true};
  ASSERT_OK(vault_->AddRelationship(worker_, child_, dad, d));
  EXPECT_EQ(vault_->AddRelationship(worker_, dad, child_, d).status().code(), StatusCode::kInvalidArgument);  // dad is no child
  ASSERT_OK_AND_ASSIGN(auto rels, vault_->ListRelationships(worker_, child_));
  ASSERT_EQ(rels.size(), 1u);
  EXPECT_TRUE(rels[0].HasRestriction(domain::Restriction::kMustNotKnowAddress));
  EXPECT_TRUE(rels[0].details.parental_responsibility);
  EXPECT_TRUE(rels[0].details.poses_risk) << "the mark is kept, sealed and signed with the rest";
  ASSERT_OK_AND_ASSIGN(domain::PersonId uncle, vault_->AddPerson(worker_, PersonKind::kAdult, Child("Ray", "O'Brien", "1980-04-04")));
  ASSERT_OK(vault_->AddRelationship(worker_, child_, uncle, {domain::RelationshipKind::kOther, false, false, {}, "", false}));
  ASSERT_OK_AND_ASSIGN(rels, vault_->ListRelationships(worker_, child_));
  ASSERT_EQ(rels.size(), 2u);
  EXPECT_FALSE(rels[1].details.poses_risk);
  domain::Allocation a;
  a.child_id = child_;
  a.staff_id = worker_;
  a.role = domain::AllocationRole::kAllocatedSocialWorker;
  a.starts_at = kNow - kDay;
  ASSERT_OK(vault_->Allocate(1, a));
  a.ends_at = a.starts_at - 1;
  EXPECT_EQ(vault_->Allocate(1, a).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(auto allocs, vault_->ListAllocations(worker_, child_));
  ASSERT_EQ(allocs.size(), 1u);
  EXPECT_TRUE(allocs[0].ActiveAt(kNow));
}

}  // namespace
}  // namespace confide::service

namespace confide::service {
namespace {

TEST_F(VaultTest, AmendingAPersonKeepsTheOldVersionAndTheOldNameStillFindsThem) {
  domain::PersonDetails d = Child("Amelia", "Okafor", "2018-04-02", "9990000018");
  EXPECT_EQ(vault_->AmendPerson(worker_, child_, d, " ").status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(domain::VersionNumber v, vault_->AmendPerson(worker_, child_, d, "Adopted; new surname"));
  EXPECT_EQ(v, 2);
  ASSERT_OK_AND_ASSIGN(domain::Person p, vault_->GetPerson(worker_, child_));
  EXPECT_EQ(p.details.family_name, "Okafor");
  EXPECT_EQ(p.version, 2);
  ASSERT_OK_AND_ASSIGN(auto by_new, vault_->FindPeople(worker_, {"okafor", "", Date("2018-04-02"), {}, "", ""}));
  ASSERT_OK_AND_ASSIGN(auto by_old, vault_->FindPeople(worker_, {"obrien", "", Date("2018-04-02"), {}, "", ""}));
  ASSERT_EQ(by_new.size(), 1u);
  ASSERT_EQ(by_old.size(), 1u);
  EXPECT_EQ(by_old[0].display_name, "Amelia Okafor");
  domain::PersonDetails adult_status = d;
  adult_status.date_of_birth.reset();
  EXPECT_EQ(vault_->AmendPerson(worker_, child_, adult_status, "x").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confide::service

namespace confide::service {
namespace {

// The data-key cache must never outlive a shredding done elsewhere: another process (here a second
// Vault on the same directory) destroys the key while this one has it cached.
TEST_F(VaultTest, AShreddingByAnotherProcessIsSeenDespiteTheKeyCache) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId rec, vault_->AddRecord(worker_, Note(child_, "cached", kNow - kDay)));
  ASSERT_OK(vault_->GetRecord(worker_, rec));  // the child's key is now cached here
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Vault> other, Vault::Open(dir_.Str("data"), clock_));
    ASSERT_OK(other->DestroySubjectKey(dpo_, child_));
  }
  EXPECT_EQ(vault_->GetRecord(worker_, rec).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(vault_->Chronology(worker_, child_, {}).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok());
}

}  // namespace
}  // namespace confide::service

namespace confide::service {
namespace {

void TamperWithDatabase(const std::string& db_path, const char* sql) {
  auto store = store::sqlite::SqliteStore::Open(db_path, false);
  ASSERT_OK(store);
  ASSERT_OK((*store)->ConnectionForTest().Exec(sql));
}

// Someone with write access cuts the log back; the next ordinary command must not sign a fresh
// head over the shortened log (which would make it verify again).
TEST_F(VaultTest, ALogCutBackIsNeverReSigned) {
  for (int i = 0; i < 5; ++i) ASSERT_OK(vault_->GetPerson(worker_, child_));
  const std::string db = vault_->config().database_path;
  vault_.reset();
  TamperWithDatabase(db,
                     "DROP TRIGGER audit_entries_no_delete; DROP TRIGGER audit_checkpoints_no_delete;"
                     "DELETE FROM audit_entries WHERE seq >= 4; DELETE FROM audit_checkpoints WHERE tree_size > 4;"
                     "DELETE FROM audit_latest_head;");
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  EXPECT_EQ(vault_->GetPerson(worker_, child_).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(vault_->AddRecord(worker_, Note(child_, "x", kNow - kDay)).status().code(), StatusCode::kCorruption);
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.entries, 4u);  // nothing was appended to the damaged log
}

TEST_F(VaultTest, AWipedLogIsRefusedAtOpenAndByVerify) {
  const std::string db = vault_->config().database_path;
  const Bytes pk(vault_->organisation_public_key().begin(), vault_->organisation_public_key().end());
  vault_.reset();
  TamperWithDatabase(db,
                     "DROP TRIGGER audit_entries_no_delete; DROP TRIGGER audit_checkpoints_no_delete;"
                     "DELETE FROM audit_entries; DELETE FROM audit_nodes; DELETE FROM audit_checkpoints;"
                     "DELETE FROM audit_latest_head;");
  EXPECT_EQ(Vault::Open(dir_.Str("data"), clock_).status().code(), StatusCode::kCorruption);
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, VerifyAuditWithPublicKey(dir_.Str("data"), pk));
  EXPECT_FALSE(report.ok());
}

}  // namespace
}  // namespace confide::service

namespace confide::service {
namespace {

// The clear current_version, tier and date columns are copies. Editing them must never show a
// superseded version, hide a record from the chronology, or slip past a filter.
TEST_F(VaultTest, EditedClearColumnsCannotRollBackOrHideARecord) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId amended, vault_->AddRecord(worker_, Note(child_, "original", kNow - 2 * kDay)));
  RecordAmendment a;
  a.record_id = amended;
  a.content = Note(child_, "corrected", kNow - 2 * kDay).content;
  a.reason = "correction";
  ASSERT_OK(vault_->AmendRecord(worker_, a));
  ASSERT_OK_AND_ASSIGN(domain::RecordId concern, vault_->AddRecord(worker_, Note(child_, "concern", kNow - kDay,
                                                  SensitivityTier::kSensitive, RecordKind::kSafeguardingConcern)));
  const std::string db = vault_->config().database_path;
  const std::string data = dir_.Str("data");
  vault_.reset();
  auto expect_corrupt_after = [&](const std::string& sql) {
    TamperWithDatabase(db, sql.c_str());
    auto vault = Vault::Open(data, clock_);
    ASSERT_OK(vault);
    ChronologyQuery general_only;
    general_only.tiers = {SensitivityTier::kGeneral};
    EXPECT_EQ((*vault)->Chronology(worker_, child_, {}).status().code(), StatusCode::kCorruption) << sql;
    EXPECT_EQ((*vault)->Chronology(worker_, child_, general_only).status().code(), StatusCode::kCorruption) << sql;
  };
  // Roll the amended record back to version 1: record show must refuse, not show the old text.
  expect_corrupt_after("UPDATE records SET current_version = 1 WHERE id = " + std::to_string(amended));
  {
    ASSERT_OK_AND_ASSIGN(auto vault, Vault::Open(data, clock_));
    EXPECT_EQ(vault->GetRecord(worker_, amended).status().code(), StatusCode::kCorruption);
    EXPECT_EQ(vault->GetRecord(worker_, amended, 1).status().code(), StatusCode::kCorruption);
  }
  TamperWithDatabase(db, ("UPDATE records SET current_version = 2 WHERE id = " + std::to_string(amended)).c_str());
  // Point the concern at a version that does not exist: it must not silently drop out.
  expect_corrupt_after("UPDATE records SET current_version = 5 WHERE id = " + std::to_string(concern));
  TamperWithDatabase(db, ("UPDATE records SET current_version = 1 WHERE id = " + std::to_string(concern)).c_str());
  // Relabel the concern as restricted in the clear copy: a tier filter must not hide it quietly.
  expect_corrupt_after("UPDATE records SET tier = 'restricted' WHERE id = " + std::to_string(concern));
}

}  // namespace
}  // namespace confide::service

namespace confide::service {
namespace {

// Killed between the two renames: the old key already retired, the new one still `.next`.
TEST_F(VaultTest, ARotationInterruptedBetweenTheRenamesIsCompletedOnOpen) {
  ASSERT_OK_AND_ASSIGN(domain::RecordId rec, vault_->AddRecord(worker_, Note(child_, "r", kNow - kDay)));
  const std::string kek = vault_->config().kek_path;
  ASSERT_OK_AND_ASSIGN(std::string new_id, vault_->RotateKeyEncryptionKey(1));
  vault_.reset();
  fs::rename(kek, kek + ".next");  // kek.key missing, kek.key.retired-<old> and kek.key.next present
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  EXPECT_NE(confide::testing::ReadFileForTest(kek).find(new_id), std::string::npos);
  EXPECT_FALSE(fs::exists(kek + ".next"));
  ASSERT_OK(vault_->GetRecord(worker_, rec));
  // A further rotation works normally afterwards.
  ASSERT_OK(vault_->RotateKeyEncryptionKey(1));
  ASSERT_OK(vault_->GetRecord(worker_, rec));
}

}  // namespace
}  // namespace confide::service

namespace confide::service {
namespace {

TEST_F(VaultTest, AProcessThatMissedARotationWrapsNoNewKeysUnderTheRetiredKey) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Vault> other, Vault::Open(dir_.Str("data"), clock_));
  ASSERT_OK(other->RotateKeyEncryptionKey(1));
  EXPECT_EQ(vault_->AddPerson(worker_, PersonKind::kChild, Child("Late", "Comer", "2019-09-09")).status().code(),
            StatusCode::kFailedPrecondition);
  vault_.reset();
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  ASSERT_OK(vault_->AddPerson(worker_, PersonKind::kChild, Child("Late", "Comer", "2019-09-09")));
}

TEST_F(VaultTest, ASearchMatchThatFailsItsIntegrityCheckSurfaces) {
  const std::string db = vault_->config().database_path;
  vault_.reset();
  TamperWithDatabase(db, "DROP TRIGGER person_versions_no_update; UPDATE person_versions SET signature = zeroblob(64);");
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  EXPECT_EQ(vault_->FindPeople(worker_, {"obrien", "", Date("2018-04-02"), {}, "", ""}).status().code(),
            StatusCode::kCorruption);
}

}  // namespace
}  // namespace confide::service
