// The sharing register over a real SQLite file: recipients are subjects of their own kind, rows
// are sealed once and then decisions, approvals and disclosures cannot change, nothing in the
// register can be deleted; a disclosure's package is written once and kept as it is; a version-3
// database is upgraded to version 4 (the subjects table rebuilt to admit recipients) with every
// subject, key and reference intact; and a version-4 database gains the packages' table (v5) with
// its disclosures untouched.
#include <gtest/gtest.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_test_fixture.h"

namespace confide::store::sqlite {
namespace {

using confide::testing::TempDir;
using Table = SharingRepository::Table;

class SqliteSharingStoreTest : public SqliteStoreFixture {
 protected:
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    auto uow = Write();
    ASSERT_OK(uow);
    auto a = AddStaff(**uow);
    ASSERT_OK(a);
    auto c = AddPerson(**uow, "child");
    ASSERT_OK(c);
    alice_ = *a;
    child_ = *c;
    ASSERT_OK((*uow)->Commit());
  }

  int64_t alice_ = 0, child_ = 0;
};

TEST_F(SqliteSharingStoreTest, TheRegisterIsKeptInOrderAndSealedOnce) {
  int64_t recipient = 0, request = 0, decision = 0, approval = 0, disclosure = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK_AND_ASSIGN(int64_t subject, uow->keys().CreateSubject("recipient", 5));
    ASSERT_OK_AND_ASSIGN(recipient, uow->sharing().InsertRecipient({0, subject, "police", std::nullopt, Bytes(32, 9), Bytes{0},
                                                                     std::nullopt, 0, alice_, 5}));
    ASSERT_OK(uow->sharing().UpdateSealed(Table::kRecipients, recipient, Bytes(30, 1)));
    ASSERT_OK(uow->sharing().SetRecipientVerified(recipient, 6, alice_));
    ASSERT_OK_AND_ASSIGN(request, uow->sharing().InsertRequest({0, child_, "incoming", "crime_prevention", "urgent", recipient,
                                                                 Bytes{0}, 7, alice_, 8}));
    ASSERT_OK(uow->sharing().UpdateSealed(Table::kRequests, request, Bytes(20, 2)));
    ASSERT_OK_AND_ASSIGN(decision, uow->sharing().InsertDecision({0, request, "escalate", "crime_prevention", 2, Bytes{0}, alice_, 9}));
    ASSERT_OK(uow->sharing().UpdateSealed(Table::kDecisions, decision, Bytes(20, 3)));
    ASSERT_OK_AND_ASSIGN(approval, uow->sharing().InsertApproval({0, request, "manager", alice_, 10, 11, Bytes{0}}));
    ASSERT_OK(uow->sharing().UpdateSealed(Table::kApprovals, approval, Bytes(20, 4)));
    ASSERT_OK_AND_ASSIGN(disclosure, uow->sharing().InsertDisclosure({0, request, decision, recipient, Bytes(16, 5), Bytes{0}, alice_, 12}));
    ASSERT_OK(uow->sharing().UpdateSealed(Table::kDisclosures, disclosure, Bytes(20, 6)));
    ASSERT_OK(uow->sharing().InsertInvestigation({0, request, disclosure, "shared without a lawful basis", 13, std::nullopt, 0}).status());
    ASSERT_OK(uow->sharing().InsertAgreement({0, "{}", 14, alice_, 15}).status());
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(auto r, uow->sharing().GetRecipient(recipient));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->kind, "police");
  EXPECT_EQ(r->public_key, Bytes(32, 9));
  EXPECT_EQ(r->sealed, Bytes(30, 1));
  EXPECT_EQ(r->verified_at, 6);
  ASSERT_OK_AND_ASSIGN(auto requests, uow->sharing().ListRequestsOfPerson(child_));
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].purpose, "crime_prevention");
  EXPECT_EQ(requests[0].urgency, "urgent");
  EXPECT_EQ(requests[0].recipient_id, recipient);
  ASSERT_OK_AND_ASSIGN(auto decisions, uow->sharing().ListDecisions(request));
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].approvals_missing, 2);
  ASSERT_OK_AND_ASSIGN(auto disclosures, uow->sharing().ListDisclosures(request));
  ASSERT_EQ(disclosures.size(), 1u);
  EXPECT_EQ(disclosures[0].package_id, Bytes(16, 5));
  ASSERT_OK_AND_ASSIGN(auto open, uow->sharing().ListOpenInvestigations());
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].disclosure_id, disclosure);

  // Sealed once: a decision, an approval or a disclosure does not change afterwards.
  EXPECT_FALSE(uow->sharing().UpdateSealed(Table::kDecisions, decision, Bytes(20, 9)).ok());
  EXPECT_FALSE(uow->sharing().UpdateSealed(Table::kApprovals, approval, Bytes(20, 9)).ok());
  EXPECT_FALSE(uow->sharing().UpdateSealed(Table::kDisclosures, disclosure, Bytes(20, 9)).ok());
  EXPECT_EQ(uow->sharing().UpdateSealed(Table::kRequests, 999, Bytes(20, 9)).code(), StatusCode::kNotFound);
  // Nothing is deleted.
  for (const char* sql : {"DELETE FROM recipients", "DELETE FROM sharing_agreements", "DELETE FROM sharing_requests",
                          "DELETE FROM sharing_decisions", "DELETE FROM sharing_approvals", "DELETE FROM disclosures",
                          "DELETE FROM sharing_investigations", "UPDATE sharing_decisions SET outcome = 'share'"}) {
    EXPECT_FALSE(conn().Exec(sql).ok()) << sql;
  }
}

TEST_F(SqliteSharingStoreTest, ADisclosurePackageIsWrittenOnceAndKeptAsItIs) {
  int64_t disclosure = 0, other = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK_AND_ASSIGN(int64_t request, uow->sharing().InsertRequest({0, child_, "outgoing", "safeguarding", "urgent", std::nullopt,
                                                                         Bytes(20, 2), 7, alice_, 8}));
    ASSERT_OK_AND_ASSIGN(int64_t decision, uow->sharing().InsertDecision({0, request, "share", "safeguarding", 0, Bytes(20, 3), alice_, 9}));
    ASSERT_OK_AND_ASSIGN(disclosure, uow->sharing().InsertDisclosure({0, request, decision, std::nullopt, Bytes(16, 5), Bytes(20, 6), alice_, 12}));
    ASSERT_OK_AND_ASSIGN(other, uow->sharing().InsertDisclosure({0, request, decision, std::nullopt, Bytes{}, Bytes(20, 7), alice_, 13}));
    ASSERT_OK(uow->sharing().InsertDisclosurePackage(disclosure, Bytes(40, 0xA5)));
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(std::optional<Bytes> package, uow->sharing().GetDisclosurePackage(disclosure));
  ASSERT_TRUE(package.has_value());
  EXPECT_EQ(*package, Bytes(40, 0xA5));
  ASSERT_OK_AND_ASSIGN(std::optional<Bytes> none, uow->sharing().GetDisclosurePackage(other));
  EXPECT_FALSE(none.has_value()) << "a disclosure recorded by another route has no package";
  ASSERT_OK_AND_ASSIGN(none, uow->sharing().GetDisclosurePackage(999));
  EXPECT_FALSE(none.has_value());

  // Once: not written again, not replaced, not deleted, and only for a disclosure that exists.
  EXPECT_FALSE(uow->sharing().InsertDisclosurePackage(disclosure, Bytes(40, 0x5A)).ok());
  EXPECT_FALSE(uow->sharing().InsertDisclosurePackage(999, Bytes(40, 0x5A)).ok());
  for (const char* sql : {"UPDATE disclosure_packages SET sealed = x'00'", "UPDATE disclosure_packages SET disclosure_id = 999",
                          "DELETE FROM disclosure_packages", "INSERT OR REPLACE INTO disclosure_packages(disclosure_id, sealed) "
                                                             "SELECT disclosure_id, x'00' FROM disclosure_packages"}) {
    EXPECT_FALSE(conn().Exec(sql).ok()) << sql;
  }
  ASSERT_OK_AND_ASSIGN(package, uow->sharing().GetDisclosurePackage(disclosure));
  ASSERT_TRUE(package.has_value());
  EXPECT_EQ(*package, Bytes(40, 0xA5));
}

TEST(SqliteSchemaV4Test, AVersionThreeDatabaseIsUpgradedWithSubjectsAndReferencesIntact) {
  TempDir dir;
  const std::string path = dir.Str("v3.db");
  int64_t staff = 0, child = 0, shredded = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(path, true));
    ASSERT_OK(Migrate(*conn, AllMigrations().first(3)));
    ASSERT_OK(conn->Exec("BEGIN IMMEDIATE"));
    SqliteKeyRepository keys(*conn);
    SqliteStaffRepository staff_repo(*conn);
    SqlitePersonRepository persons(*conn);
    ASSERT_OK_AND_ASSIGN(int64_t staff_subject, keys.CreateSubject("staff", 1));
    ASSERT_OK_AND_ASSIGN(staff, staff_repo.Insert({0, staff_subject, "social_worker", "north", true, 1, Bytes(8, 1)}));
    ASSERT_OK_AND_ASSIGN(int64_t child_subject, keys.CreateSubject("person", 2));
    ASSERT_OK(keys.InsertSubjectKey({child_subject, "kek-1", Bytes(72, 0xAB)}));
    ASSERT_OK_AND_ASSIGN(child, persons.Insert({0, child_subject, "child", 1, 1, 1}));
    ASSERT_OK_AND_ASSIGN(shredded, keys.CreateSubject("person", 3));
    ASSERT_OK(keys.InsertSubjectKey({shredded, "kek-1", Bytes(72, 0xCD)}));
    ASSERT_OK(keys.DestroySubjectKey(shredded, 4));
    ASSERT_OK(conn->Exec("COMMIT"));
    // A recipient is not a kind of subject version 3 knows.
    EXPECT_FALSE(keys.CreateSubject("recipient", 5).ok());
  }
  ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(path, false));
  ASSERT_OK(Migrate(*conn, AllMigrations().first(4)));
  ASSERT_OK_AND_ASSIGN(int version, CurrentSchemaVersion(*conn));
  EXPECT_EQ(version, 4);
  ASSERT_OK_AND_ASSIGN(int64_t orphans, QueryInt(*conn, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
  EXPECT_EQ(orphans, 0);
  ASSERT_OK_AND_ASSIGN(int64_t subjects, QueryInt(*conn, "SELECT COUNT(*) FROM subjects"));
  EXPECT_EQ(subjects, 3);
  ASSERT_OK_AND_ASSIGN(int64_t still_shredded, QueryInt(*conn, "SELECT shredded_at FROM subjects WHERE kind = 'person' AND id = 3"));
  EXPECT_EQ(still_shredded, 4);
  SqliteKeyRepository keys(*conn);
  ASSERT_OK_AND_ASSIGN(auto key, keys.GetSubjectKey(2));
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->wrapped_key, Bytes(72, 0xAB));
  ASSERT_OK(conn->Exec("BEGIN IMMEDIATE"));
  ASSERT_OK_AND_ASSIGN(int64_t recipient_subject, keys.CreateSubject("recipient", 6));
  EXPECT_GT(recipient_subject, shredded) << "ids are never reused, even after the rebuild";
  EXPECT_FALSE(keys.CreateSubject("stranger", 6).ok());
  // Foreign keys still point at the rebuilt table.
  EXPECT_FALSE(conn->Exec("INSERT INTO subject_keys(subject_id, kek_id, wrapped_key) VALUES (999, 'kek-1', x'00')").ok());
  ASSERT_OK(conn->Exec("ROLLBACK"));
  (void)staff;
  (void)child;
}

TEST(SqliteSchemaV5Test, AVersionFourDatabaseGainsPackagesWithItsDisclosuresIntact) {
  TempDir dir;
  const std::string path = dir.Str("v4.db");
  int64_t disclosure = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(path, true));
    ASSERT_OK(Migrate(*conn, AllMigrations().first(4)));
    ASSERT_OK(conn->Exec("BEGIN IMMEDIATE"));
    SqliteKeyRepository keys(*conn);
    SqliteStaffRepository staff_repo(*conn);
    SqlitePersonRepository persons(*conn);
    SqliteSharingRepository sharing(*conn);
    ASSERT_OK_AND_ASSIGN(int64_t staff_subject, keys.CreateSubject("staff", 1));
    ASSERT_OK_AND_ASSIGN(int64_t staff, staff_repo.Insert({0, staff_subject, "social_worker", "north", true, 1, Bytes(8, 1)}));
    ASSERT_OK_AND_ASSIGN(int64_t child_subject, keys.CreateSubject("person", 2));
    ASSERT_OK_AND_ASSIGN(int64_t child, persons.Insert({0, child_subject, "child", 1, 1, 1}));
    ASSERT_OK_AND_ASSIGN(int64_t request, sharing.InsertRequest({0, child, "outgoing", "safeguarding", "urgent", std::nullopt,
                                                                Bytes(20, 2), 3, staff, 4}));
    ASSERT_OK_AND_ASSIGN(int64_t decision, sharing.InsertDecision({0, request, "share", "safeguarding", 0, Bytes(20, 3), staff, 5}));
    ASSERT_OK_AND_ASSIGN(disclosure, sharing.InsertDisclosure({0, request, decision, std::nullopt, Bytes(16, 5), Bytes(20, 6), staff, 6}));
    ASSERT_OK(conn->Exec("COMMIT"));
    // Version 4 kept no package.
    EXPECT_FALSE(sharing.GetDisclosurePackage(disclosure).ok());
  }
  ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(path, false));
  ASSERT_OK(Migrate(*conn, AllMigrations().first(5)));
  ASSERT_OK_AND_ASSIGN(int version, CurrentSchemaVersion(*conn));
  EXPECT_EQ(version, 5);
  ASSERT_OK_AND_ASSIGN(int64_t orphans, QueryInt(*conn, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
  EXPECT_EQ(orphans, 0);
  SqliteSharingRepository sharing(*conn);
  ASSERT_OK_AND_ASSIGN(int64_t request, QueryInt(*conn, "SELECT request_id FROM disclosures"));
  ASSERT_OK_AND_ASSIGN(auto disclosures, sharing.ListDisclosures(request));
  ASSERT_EQ(disclosures.size(), 1u);
  EXPECT_EQ(disclosures[0].package_id, Bytes(16, 5));
  EXPECT_EQ(disclosures[0].sealed, Bytes(20, 6));
  // A disclosure sent before the upgrade has no package to fetch; one sent after keeps its own.
  ASSERT_OK_AND_ASSIGN(std::optional<Bytes> none, sharing.GetDisclosurePackage(disclosure));
  EXPECT_FALSE(none.has_value());
  ASSERT_OK(conn->Exec("BEGIN IMMEDIATE"));
  ASSERT_OK(sharing.InsertDisclosurePackage(disclosure, Bytes(40, 0xA5)));
  EXPECT_FALSE(sharing.InsertDisclosurePackage(disclosure + 1, Bytes(40, 0xA5)).ok()) << "only for a disclosure that exists";
  EXPECT_FALSE(conn->Exec("UPDATE disclosure_packages SET sealed = x'00'").ok());
  EXPECT_FALSE(conn->Exec("DELETE FROM disclosure_packages").ok());
  ASSERT_OK(conn->Exec("ROLLBACK"));
}

}  // namespace
}  // namespace confide::store::sqlite
