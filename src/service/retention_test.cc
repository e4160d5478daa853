// Retention runs over a real vault: who falls due, reviews, legal holds, destruction by
// crypto-shredding with a signed certificate, and what is left afterwards.
#include "service/retention.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "crypto/signing.h"
#include "service/subject_access.h"
#include "service/vault_test_base.h"
#include "store/sqlite/sqlite_db.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using domain::CivilDate;
using domain::PersonKind;

CivilDate Date(const char* s) { return CivilDate::Parse(s).value(); }

class RetentionTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    worker_ = AddTrained(domain::StaffRole::kSocialWorker, "Assessment");
    dpo_ = AddTrained(domain::StaffRole::kDataProtectionOfficer, "Governance");
    manager_ = AddTrained(domain::StaffRole::kManager, "Assessment");
    dsl_ = AddTrained(domain::StaffRole::kDesignatedSafeguardingLead, "Safeguarding");
    ASSERT_OK_AND_ASSIGN(retention_, Retention::Create(*vault_));

    // A care leaver born in 1950: looked after, so kept until the 75th birthday (1 March 2025).
    domain::PersonDetails old = Details("Olive", "Oldfield", "1950-03-01");
    old.status.looked_after = true;
    old.status.looked_after_by = "Northtown Council";
    ASSERT_OK_AND_ASSIGN(old_child_, vault_->AddPerson(worker_, PersonKind::kChild, old));
    // A child of today: nothing due for decades.
    ASSERT_OK_AND_ASSIGN(young_child_, vault_->AddPerson(worker_, PersonKind::kChild, Details("Yara", "Young", "2019-06-01")));
    // Olive's mother: kept as long as Olive's records.
    ASSERT_OK_AND_ASSIGN(mother_, vault_->AddPerson(worker_, PersonKind::kAdult, Details("Maud", "Oldfield", "1925-01-01")));
    Allocate(old_child_, worker_);
    Allocate(young_child_, worker_);
    domain::RelationshipDetails rel;
    rel.kind = domain::RelationshipKind::kMother;
    rel.parental_responsibility = true;
    ASSERT_OK(vault_->AddRelationship(dsl_, old_child_, mother_, rel).status());
    RecordDraft note;
    note.person_id = old_child_;
    note.occurred_at = kNow - 400 * kDay;
    note.content.summary = "Olive asked for her care records";
    ASSERT_OK_AND_ASSIGN(old_record_, vault_->AddRecord(worker_, note));
  }

  const RetentionItem* Find(const RetentionReport& r, domain::PersonId id) {
    for (const auto& item : r.items) {
      if (item.person_id == id) return &item;
    }
    return nullptr;
  }

  CivilDate Today() const { return CivilDate::FromUnixMicros(kNow); }

  domain::StaffId worker_ = 0, dpo_ = 0, manager_ = 0, dsl_ = 0;
  domain::PersonId old_child_ = 0, young_child_ = 0, mother_ = 0;
  domain::RecordId old_record_ = 0;
  std::unique_ptr<Retention> retention_;
};

TEST_F(RetentionTest, ADryRunListsWhoIsDueAndWhyAndChangesNothing) {
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), false));
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.people, 3u);
  EXPECT_EQ(r.not_due, 1u);  // Yara
  const RetentionItem* olive = Find(r, old_child_);
  ASSERT_NE(olive, nullptr);
  EXPECT_EQ(olive->outcome.class_id, "looked_after_child");
  EXPECT_EQ(olive->outcome.destroy_on, Date("2025-03-01"));
  EXPECT_EQ(olive->state, RetentionState::kAwaitingReview);
  EXPECT_NE(olive->outcome.explanation.find("75"), std::string::npos) << olive->outcome.explanation;
  const RetentionItem* maud = Find(r, mother_);
  ASSERT_NE(maud, nullptr);
  EXPECT_EQ(maud->outcome.class_id, "family_member");
  EXPECT_EQ(maud->outcome.destroy_on, Date("2025-03-01"));
  EXPECT_EQ(Find(r, young_child_), nullptr);
  EXPECT_EQ(LastEvent().action, "retention.dry_run");
  // Nothing was destroyed, even though Olive is due: nobody has reviewed her.
  ASSERT_OK_AND_ASSIGN(RetentionReport applied, retention_->Run(dpo_, Today(), true));
  EXPECT_TRUE(applied.certificate_id.empty());
  EXPECT_OK(vault_->GetPerson(worker_, old_child_));
}

TEST_F(RetentionTest, PlanningAheadShowsWhoFallsDueLater) {
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Date("2044-06-01"), false));
  const RetentionItem* yara = Find(r, young_child_);
  ASSERT_NE(yara, nullptr);
  EXPECT_EQ(yara->outcome.class_id, "child");
  EXPECT_EQ(yara->outcome.destroy_on, Date("2044-06-01"));
  EXPECT_EQ(yara->state, RetentionState::kAwaitingReview);
}

TEST_F(RetentionTest, OnlyTheDataProtectionOfficerRunsTheScheduleOrReviews) {
  EXPECT_EQ(retention_->Run(manager_, Today(), false).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(retention_->Run(worker_, Today(), true).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(retention_->Review(worker_, old_child_, ReviewDecision::kDestroy, std::nullopt, "due", Today()).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(retention_->PlaceHold(manager_, {0, std::nullopt, "", "Inquiry", 0, 0, std::nullopt, 0}).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(RetentionTest, AReviewNeedsAReasonAndAPersonWhoIsDue) {
  EXPECT_EQ(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, " ", Today()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(retention_->Review(dpo_, young_child_, ReviewDecision::kDestroy, std::nullopt, "tidy up", Today()).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(retention_->Review(dpo_, old_child_, ReviewDecision::kRetain, std::nullopt, "keep", Today()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(retention_->Review(dpo_, old_child_, ReviewDecision::kRetain, Date("2020-01-01"), "keep", Today()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(RetentionTest, ApprovedAndDueIsDestroyedBeyondEveryPathWithASignedCertificate) {
  // The wrapped data key as stored, to look for in the database files afterwards.
  ASSERT_OK_AND_ASSIGN(domain::Person olive, vault_->GetPerson(worker_, old_child_));
  Bytes wrapped;
  {
    ASSERT_OK_AND_ASSIGN(auto uow, vault_->StoreForTest().Begin(store::TransactionMode::kRead));
    ASSERT_OK_AND_ASSIGN(auto key, uow->keys().GetSubjectKey(olive.subject_id));
    ASSERT_TRUE(key.has_value());
    wrapped = key->wrapped_key;
  }
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Reached the 75th birthday; no open matters",
                               Today()).status());
  ASSERT_OK(retention_->Review(dpo_, mother_, ReviewDecision::kDestroy, std::nullopt, "Follows Olive's records", Today()).status());
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  ASSERT_FALSE(r.certificate_id.empty());
  EXPECT_EQ(Find(r, old_child_)->state, RetentionState::kDestroyed);
  EXPECT_EQ(Find(r, mother_)->state, RetentionState::kDestroyed);

  // No path decrypts them: person, record, history, chronology, search, consents.
  EXPECT_EQ(vault_->GetPerson(worker_, old_child_).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(vault_->GetRecord(worker_, old_record_).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(vault_->GetRecordHistory(worker_, old_record_).ok());
  EXPECT_FALSE(vault_->Chronology(worker_, old_child_, {}).ok());
  EXPECT_FALSE(vault_->GetPerson(worker_, mother_).ok());
  ASSERT_OK_AND_ASSIGN(auto found, vault_->FindPeople(worker_, {"Oldfield", "Olive", Date("1950-03-01"), {}, "", ""}));
  EXPECT_TRUE(found.empty());
  // Yara is untouched.
  EXPECT_OK(vault_->GetPerson(worker_, young_child_));

  // The certificate: signed, the ids, classes and counts, and nobody's name.
  ASSERT_OK_AND_ASSIGN(DestructionCertificate cert, retention_->GetCertificate(dpo_, r.certificate_id));
  EXPECT_TRUE(cert.signature_valid);
  EXPECT_TRUE(crypto::VerifySignature(vault_->organisation_public_key(), AsBytes(cert.body), cert.signature));
  const nlohmann::json body = nlohmann::json::parse(cert.body);
  EXPECT_EQ(body["count"], 2);
  ASSERT_EQ(body["destroyed"].size(), 2u);
  EXPECT_EQ(body["destroyed"][0]["person_id"], old_child_);
  EXPECT_EQ(body["destroyed"][0]["class"], "looked_after_child");
  EXPECT_EQ(body["destroyed"][0]["records"], 1);
  EXPECT_EQ(body["destroyed"][0]["due_on"], "2025-03-01");
  EXPECT_EQ(body["destroyed"][1]["class"], "family_member");
  for (const char* name : {"Olive", "Oldfield", "Maud", "1950-03-01", "75th birthday"}) {
    EXPECT_EQ(cert.body.find(name), std::string::npos) << name;
  }
  // A tampered certificate no longer verifies.
  DestructionCertificate forged = cert;
  forged.body[forged.body.find("\"count\":2")] = ' ';
  EXPECT_FALSE(crypto::VerifySignature(vault_->organisation_public_key(), AsBytes(forged.body), cert.signature));

  // The audit log still verifies, and its tombstones name ids and classes only.
  ASSERT_OK_AND_ASSIGN(audit::VerifyReport report, vault_->VerifyAudit());
  EXPECT_TRUE(report.ok());
  ASSERT_OK_AND_ASSIGN(auto log, vault_->AccessLogForPerson(dpo_, old_child_, 0, kNow + kDay, 100));
  bool tombstone = false;
  for (const auto& e : log) {
    if (e.action == "retention.destroy") {
      tombstone = true;
      // Ids only: not even the class (it can say someone was adopted).
      EXPECT_EQ(e.detail, "certificate=" + r.certificate_id);
    }
  }
  EXPECT_TRUE(tombstone);

  // The wrapped key is gone from the database file and its write-ahead log, not just unlinked.
  vault_.reset();
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(dir_.Str("data/confide.db") + suffix, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(std::string(wrapped.begin(), wrapped.end())), std::string::npos) << "confide.db" << suffix;
  }
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  EXPECT_FALSE(vault_->GetRecord(worker_, old_record_).ok());
  // A second run finds them destroyed already, and does not list them again.
  ASSERT_OK_AND_ASSIGN(retention_, Retention::Create(*vault_));
  ASSERT_OK_AND_ASSIGN(RetentionReport again, retention_->Run(dpo_, Today(), true));
  EXPECT_EQ(again.destroyed_before, 2u);
  EXPECT_EQ(again.people, 1u);
  EXPECT_TRUE(again.certificate_id.empty());
}

TEST_F(RetentionTest, HeldRecordsSurviveUntilTheHoldIsLifted) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  ASSERT_OK_AND_ASSIGN(int64_t inquiry,
                       retention_->PlaceHold(dpo_, {0, std::nullopt, "looked_after_child", "Inquiry into children's homes",
                                                    0, 0, std::nullopt, 0}));
  ASSERT_OK_AND_ASSIGN(int64_t own, retention_->PlaceHold(dpo_, {0, old_child_, "", "Claim by Olive's solicitor", 0, 0,
                                                                 std::nullopt, 0}));
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  EXPECT_TRUE(r.certificate_id.empty());
  const RetentionItem* olive = Find(r, old_child_);
  ASSERT_NE(olive, nullptr);
  EXPECT_EQ(olive->state, RetentionState::kHeld);
  EXPECT_EQ(olive->hold_ids, (std::vector<int64_t>{inquiry, own}));
  EXPECT_OK(vault_->GetRecord(worker_, old_record_));
  // The person's hold reason is theirs (sealed); the inquiry's is in clear.
  ASSERT_OK_AND_ASSIGN(auto holds, retention_->ListHolds(dpo_, false));
  ASSERT_EQ(holds.size(), 2u);
  EXPECT_EQ(holds[1].reason, "Claim by Olive's solicitor");

  ASSERT_OK(retention_->LiftHold(dpo_, inquiry));
  EXPECT_EQ(retention_->LiftHold(dpo_, inquiry).code(), StatusCode::kConflict);
  ASSERT_OK_AND_ASSIGN(r, retention_->Run(dpo_, Today(), true));
  EXPECT_EQ(Find(r, old_child_)->state, RetentionState::kHeld);  // still the person's own hold
  ASSERT_OK(retention_->LiftHold(dpo_, own));
  ASSERT_OK_AND_ASSIGN(r, retention_->Run(dpo_, Today(), true));
  EXPECT_FALSE(r.certificate_id.empty());
  EXPECT_FALSE(vault_->GetRecord(worker_, old_record_).ok());
  // The lifted hold on a destroyed person is listed without its reason, which went with them.
  ASSERT_OK_AND_ASSIGN(holds, retention_->ListHolds(dpo_, true));
  EXPECT_EQ(holds[1].reason, "(destroyed with the person's records)");
}

TEST_F(RetentionTest, AHoldOnEveryoneStopsEveryDestruction) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  ASSERT_OK(retention_->PlaceHold(dpo_, {0, std::nullopt, "", "Moratorium on destruction", 0, 0, std::nullopt, 0}).status());
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  EXPECT_TRUE(r.certificate_id.empty());
  EXPECT_EQ(Find(r, old_child_)->state, RetentionState::kHeld);
  EXPECT_EQ(retention_->PlaceHold(dpo_, {0, old_child_, "child", "both", 0, 0, std::nullopt, 0}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(retention_->PlaceHold(dpo_, {0, std::nullopt, "no_such_class", "x", 0, 0, std::nullopt, 0}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(RetentionTest, KeepingLongerDefersDestructionToTheNewDate) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kRetain, Date("2027-06-30"), "A complaint is open", Today())
                .status());
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  EXPECT_EQ(Find(r, old_child_)->state, RetentionState::kRetained);
  EXPECT_EQ(Find(r, old_child_)->retain_until, Date("2027-06-30"));
  EXPECT_OK(vault_->GetRecord(worker_, old_record_));
  // When that date comes, it needs reviewing again.
  ASSERT_OK_AND_ASSIGN(r, retention_->Run(dpo_, Date("2027-07-01"), false));
  EXPECT_EQ(Find(r, old_child_)->state, RetentionState::kAwaitingReview);
  ASSERT_OK_AND_ASSIGN(auto reviews, retention_->ListReviews(dpo_, old_child_));
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].reason, "A complaint is open");
  EXPECT_EQ(reviews[0].due_on, Date("2025-03-01"));
}

TEST_F(RetentionTest, AClassGivenExplicitlyWinsAndAnApprovalForAnotherDateLapses) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  // Then it turns out Olive was adopted: 100 years from the order.
  ASSERT_OK(retention_->AssignClass(dpo_, old_child_, "adoption", Date("1952-07-14"), "Adoption order found in the archive")
                .status());
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  EXPECT_TRUE(r.certificate_id.empty());
  EXPECT_EQ(Find(r, old_child_), nullptr);  // not due until 2052
  ASSERT_OK_AND_ASSIGN(r, retention_->Run(dpo_, Date("2052-07-14"), false));
  const RetentionItem* olive = Find(r, old_child_);
  ASSERT_NE(olive, nullptr);
  EXPECT_TRUE(olive->outcome.assigned);
  EXPECT_EQ(olive->outcome.destroy_on, Date("2052-07-14"));
  EXPECT_EQ(olive->state, RetentionState::kAwaitingReview);  // the old approval was for 2025
  ASSERT_OK_AND_ASSIGN(auto classes, retention_->ListAssignments(dpo_, old_child_));
  ASSERT_EQ(classes.size(), 1u);
  EXPECT_EQ(classes[0].class_id, "adoption");
  EXPECT_EQ(classes[0].trigger_date, Date("1952-07-14"));

  EXPECT_EQ(retention_->AssignClass(dpo_, young_child_, "no_such_class", std::nullopt, "x").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(retention_->AssignClass(dpo_, young_child_, "foster_carer", std::nullopt, "x").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(retention_->AssignClass(dpo_, young_child_, "adoption", Date("2030-01-01"), "x").status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(RetentionTest, AFamilyMemberOfADestroyedChildStillFallsDue) {
  // Maud is linked to Olive only; Olive is destroyed first, alone.
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  ASSERT_FALSE(r.certificate_id.empty());
  ASSERT_OK_AND_ASSIGN(r, retention_->Run(dpo_, Today(), false));
  const RetentionItem* maud = Find(r, mother_);
  ASSERT_NE(maud, nullptr);
  EXPECT_EQ(maud->outcome.class_id, "family_member");
  ASSERT_TRUE(maud->outcome.destroy_on.has_value()) << maud->outcome.explanation;
  EXPECT_EQ(maud->state, RetentionState::kAwaitingReview);
}

TEST_F(RetentionTest, AnApprovalBeforeTheDateDestroysNothingUntilTheDate) {
  // Born 20 December 2001: a child's records are kept to the 25th birthday, 20 December 2026,
  // reviewed from 20 June. Today (24 November) the review window is open; the date has not come.
  ASSERT_OK_AND_ASSIGN(domain::PersonId zara, vault_->AddPerson(worker_, PersonKind::kChild, Details("Zara", "Nearly", "2001-12-20")));
  ASSERT_OK(retention_->Review(dpo_, zara, ReviewDecision::kDestroy, std::nullopt, "Nothing open", Today()).status());
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  ASSERT_NE(Find(r, zara), nullptr);
  EXPECT_EQ(Find(r, zara)->state, RetentionState::kApproved);
  EXPECT_TRUE(r.certificate_id.empty());
  EXPECT_OK(vault_->GetPerson(dsl_, zara));
  // And nobody can run "as of" the date to get there early.
  EXPECT_EQ(retention_->Run(dpo_, Date("2026-12-20"), true).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(retention_->Review(dpo_, zara, ReviewDecision::kDestroy, std::nullopt, "x", Date("2026-12-21")).status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(r, retention_->Run(dpo_, Date("2026-12-20"), false));  // planning ahead is fine
  EXPECT_EQ(Find(r, zara)->state, RetentionState::kDue);
}

TEST_F(RetentionTest, AFamilyMemberIsKeptWhileTheirChildIsHeldOrKept) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  ASSERT_OK(retention_->Review(dpo_, mother_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  ASSERT_OK_AND_ASSIGN(int64_t hold, retention_->PlaceHold(dpo_, {0, old_child_, "", "Olive's claim", 0, 0, std::nullopt, 0}));
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  EXPECT_TRUE(r.certificate_id.empty());
  EXPECT_EQ(Find(r, mother_)->state, RetentionState::kHeld);
  EXPECT_EQ(Find(r, mother_)->hold_ids, std::vector<int64_t>{hold});
  // Olive kept longer instead: her mother waits for her.
  ASSERT_OK(retention_->LiftHold(dpo_, hold));
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kRetain, Date("2028-01-01"), "Complaint", Today()).status());
  ASSERT_OK_AND_ASSIGN(r, retention_->Run(dpo_, Today(), true));
  EXPECT_TRUE(r.certificate_id.empty());
  EXPECT_EQ(Find(r, mother_)->state, RetentionState::kApproved);
  EXPECT_OK(vault_->GetPerson(worker_, mother_));
}

TEST_F(RetentionTest, SomeoneHiddenFromTheOfficerIsNeitherListedNorDestroyedByTheirRun) {
  const domain::StaffId other_dpo = AddTrained(domain::StaffRole::kDataProtectionOfficer, "Governance");
  ASSERT_OK(retention_->Review(other_dpo, old_child_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  ASSERT_OK(retention_->PlaceHold(other_dpo, {0, old_child_, "", "Sealed reason", 0, 0, std::nullopt, 0}).status());
  ASSERT_OK(vault_->RestrictPerson(kAdmin, old_child_, dpo_, "Olive is the officer's relative").status());
  ASSERT_OK_AND_ASSIGN(RetentionReport r, retention_->Run(dpo_, Today(), true));
  EXPECT_EQ(Find(r, old_child_), nullptr);
  EXPECT_EQ(r.hidden, 1u);
  EXPECT_TRUE(r.certificate_id.empty());
  ASSERT_OK_AND_ASSIGN(auto holds, retention_->ListHolds(dpo_, true));
  EXPECT_TRUE(holds.empty());
  EXPECT_EQ(retention_->Review(dpo_, old_child_, ReviewDecision::kRetain, Date("2030-01-01"), "x", Today()).status().code(),
            StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto others, retention_->ListHolds(other_dpo, true));
  ASSERT_EQ(others.size(), 1u);
  EXPECT_EQ(retention_->LiftHold(dpo_, others[0].id).code(), StatusCode::kNotFound);
}

TEST_F(RetentionTest, AHoldOnAClassThePolicyNoLongerHasCoversEveryone) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  ASSERT_OK(retention_->PlaceHold(dpo_, {0, std::nullopt, "adoption", "Adoption files inquiry", 0, 0, std::nullopt, 0}).status());
  governance::GovernancePolicy edited = retention_->policy();
  auto& classes = edited.retention.classes;
  classes.erase(std::remove_if(classes.begin(), classes.end(), [](const auto& c) { return c.id == "adoption"; }), classes.end());
  Retention after_edit(*vault_, edited);
  ASSERT_OK_AND_ASSIGN(RetentionReport r, after_edit.Run(dpo_, Today(), true));
  EXPECT_TRUE(r.certificate_id.empty());
  EXPECT_EQ(Find(r, old_child_)->state, RetentionState::kHeld);
}

TEST_F(RetentionTest, AReviewCopiedFromAnEarlierRowIsRefused) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Due", Today()).status());
  clock_.Advance(kDay);
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kRetain, Date("2030-01-01"), "Claim received", Today()).status());
  {
    ASSERT_OK_AND_ASSIGN(auto conn, store::sqlite::Connection::Open(dir_.Str("data/confide.db"), false));
    ASSERT_OK(conn->Exec("INSERT INTO retention_reviews(person_id, decision, reviewed_by, reviewed_at, sealed) "
                         "SELECT person_id, decision, reviewed_by, reviewed_at, sealed FROM retention_reviews WHERE id = 1"));
  }
  EXPECT_EQ(retention_->Run(dpo_, Today(), true).status().code(), StatusCode::kCorruption);
  EXPECT_OK(vault_->GetRecord(worker_, old_record_));
}

TEST_F(RetentionTest, ADecisionFlippedInTheDatabaseIsCaught) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kRetain, Date("2030-01-01"), "Keep", Today()).status());
  {
    ASSERT_OK_AND_ASSIGN(auto conn, store::sqlite::Connection::Open(dir_.Str("data/confide.db"), false));
    ASSERT_OK(conn->Exec("DROP TRIGGER retention_reviews_fixed"));
    ASSERT_OK(conn->Exec("UPDATE retention_reviews SET decision = 'destroy'"));
  }
  EXPECT_EQ(retention_->Run(dpo_, Today(), true).status().code(), StatusCode::kCorruption);
  EXPECT_OK(vault_->GetRecord(worker_, old_record_));
}

// Destroying information to keep it from a requester is an offence (DPA 2018 s.173): an open
// subject access request holds the person like a legal hold until it is answered or closed.
TEST_F(RetentionTest, AnOpenSubjectAccessRequestHoldsDestructionUntilItIsClosed) {
  ASSERT_OK(retention_->Review(dpo_, old_child_, ReviewDecision::kDestroy, std::nullopt, "Past the 75th birthday", Today()).status());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SubjectAccess> sar, SubjectAccess::Create(*vault_));
  SubjectAccessIntake in;
  in.person_id = old_child_;
  in.received_on = Today();
  in.requester = SarRequester::kSubject;
  in.requester_name = "Olive Oldfield";
  in.request_text = "My care records";
  in.identity_confirmed = true;
  in.identity_method = "Seen at the office";
  ASSERT_OK_AND_ASSIGN(int64_t request, sar->Open(dpo_, in));

  ASSERT_OK_AND_ASSIGN(RetentionReport held, retention_->Run(dpo_, Today(), true));
  ASSERT_NE(Find(held, old_child_), nullptr);
  EXPECT_EQ(Find(held, old_child_)->state, RetentionState::kHeld);
  EXPECT_EQ(Find(held, old_child_)->subject_access_ids, std::vector<int64_t>{request});
  EXPECT_TRUE(Find(held, old_child_)->hold_ids.empty());
  EXPECT_OK(vault_->GetPerson(worker_, old_child_).status());

  ASSERT_OK(sar->AddStep(dpo_, request, SarStepInput{SarStepKind::kClosed, Today(), "Withdrawn by Olive", 0}).status());
  ASSERT_OK_AND_ASSIGN(RetentionReport after, retention_->Run(dpo_, Today(), true));
  ASSERT_NE(Find(after, old_child_), nullptr);
  EXPECT_EQ(Find(after, old_child_)->state, RetentionState::kDestroyed);
  // The request is still in the register, by its clear columns, with the finished ones.
  ASSERT_OK_AND_ASSIGN(std::vector<SubjectAccessCase> all, sar->List(dpo_, true));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].state, "destroyed");
  ASSERT_OK_AND_ASSIGN(std::vector<SubjectAccessCase> open, sar->List(dpo_, false));
  EXPECT_TRUE(open.empty());
}


}  // namespace
}  // namespace confide::service
