// Shared by the SQLite store tests: a store on a real database file in a temporary directory, and
// helpers that insert the rows the schema's foreign keys need (staff members, people).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.h"
#include "testing/test_util.h"

namespace confide::store::sqlite {

// The value of the first column of the first row.
inline Result<int64_t> QueryInt(Connection& c, const char* sql) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c.Prepare(sql));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no row");
  return s->Int(0);
}

inline Result<int64_t> AddStaff(UnitOfWork& uow, const std::string& role = "social_worker",
                                const std::string& team = "north") {
  CONFIDE_ASSIGN_OR_RETURN(int64_t subject, uow.keys().CreateSubject("staff", 1));
  return uow.staff().Insert(StaffRow{0, subject, role, team, true, 1, Bytes{0x5E, 0xA1}});
}

inline Result<int64_t> AddPerson(UnitOfWork& uow, const std::string& kind = "child") {
  CONFIDE_ASSIGN_OR_RETURN(int64_t subject, uow.keys().CreateSubject("person", 1));
  return uow.persons().Insert(PersonRow{0, subject, kind, 1, 1, 1});
}

class SqliteStoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(path(), true);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  std::string path() const { return dir_.Str("confide.db"); }
  Connection& conn() { return store_->ConnectionForTest(); }
  Result<int64_t> Count(const char* sql) { return QueryInt(conn(), sql); }
  Result<std::unique_ptr<UnitOfWork>> Write() { return store_->Begin(TransactionMode::kWrite); }
  Result<std::unique_ptr<UnitOfWork>> Read() { return store_->Begin(TransactionMode::kRead); }

  confide::testing::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace confide::store::sqlite
