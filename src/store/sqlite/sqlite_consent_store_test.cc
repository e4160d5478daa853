// Consent records over a real SQLite file: stored with their sealed part, listed per person in
// order, withdrawn once (a second withdrawal is a conflict, and SQL cannot undo one), never deleted.
#include <gtest/gtest.h>

#include "store/sqlite/sqlite_test_fixture.h"

namespace confide::store::sqlite {
namespace {

class SqliteConsentStoreTest : public SqliteStoreFixture {
 protected:
  void SetUp() override {
    SqliteStoreFixture::SetUp();
    auto uow = Write();
    ASSERT_OK(uow);
    auto a = AddStaff(**uow);
    ASSERT_OK(a);
    auto c = AddPerson(**uow, "child");
    ASSERT_OK(c);
    auto d = AddPerson(**uow, "child");
    ASSERT_OK(d);
    alice_ = *a;
    child_ = *c;
    other_ = *d;
    ASSERT_OK((*uow)->Commit());
  }

  int64_t alice_ = 0, child_ = 0, other_ = 0;
};

TEST_F(SqliteConsentStoreTest, RecordsAreKeptListedAndWithdrawnOnce) {
  int64_t first = 0, second = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto uow, Write());
    ASSERT_OK_AND_ASSIGN(first, uow->consents().Insert({0, child_, Bytes{0}, 100, 1000, std::nullopt, alice_, 110, 0}));
    ASSERT_OK(uow->consents().UpdateSealed(first, Bytes(40, 7)));
    ASSERT_OK_AND_ASSIGN(second, uow->consents().Insert({0, child_, Bytes(8, 1), 200, std::nullopt, std::nullopt, alice_, 210, 0}));
    ASSERT_OK(uow->consents().Insert({0, other_, Bytes(8, 2), 300, std::nullopt, std::nullopt, alice_, 310, 0}).status());
    ASSERT_OK(uow->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto uow, Write());
  ASSERT_OK_AND_ASSIGN(auto list, uow->consents().ListOfPerson(child_));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, first);
  EXPECT_EQ(list[0].sealed, Bytes(40, 7));
  EXPECT_EQ(list[0].given_at, 100);
  EXPECT_EQ(list[0].expires_at, 1000);
  EXPECT_EQ(list[1].id, second);
  EXPECT_FALSE(list[1].expires_at.has_value());

  ASSERT_OK(uow->consents().Withdraw(first, 500, alice_));
  ASSERT_OK_AND_ASSIGN(auto got, uow->consents().Get(first));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->withdrawn_at, 500);
  EXPECT_EQ(got->withdrawal_recorded_by, alice_);
  EXPECT_EQ(uow->consents().Withdraw(first, 600, alice_).code(), StatusCode::kConflict);
  EXPECT_EQ(uow->consents().Withdraw(9999, 600, alice_).code(), StatusCode::kNotFound);
  EXPECT_EQ(uow->consents().UpdateSealed(9999, Bytes(1, 1)).code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(auto none, uow->consents().Get(9999));
  EXPECT_FALSE(none.has_value());
  ASSERT_OK(uow->Commit());

  // Not even SQL can delete a record or take a withdrawal back.
  EXPECT_FALSE(conn().Exec("DELETE FROM consents").ok());
  const std::string undo = "UPDATE consents SET withdrawn_at = NULL WHERE id = " + std::to_string(first);
  const std::string redate = "UPDATE consents SET withdrawn_at = 1 WHERE id = " + std::to_string(first);
  const std::string withdraw_other = "UPDATE consents SET withdrawn_at = 700 WHERE id = " + std::to_string(second);
  EXPECT_FALSE(conn().Exec(undo.c_str()).ok());
  EXPECT_FALSE(conn().Exec(redate.c_str()).ok());
  EXPECT_TRUE(conn().Exec(withdraw_other.c_str()).ok());
}

}  // namespace
}  // namespace confide::store::sqlite
