// A real vault in a temporary directory for the Vault's use-case tests: an organisation set up by
// its administrator, a fake clock at a fixed moment, staff added with current training, and the
// audit log verified after every test.
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "domain/civil_date.h"
#include "service/vault.h"
#include "testing/test_util.h"

namespace confide::service {

class VaultTestBase : public ::testing::Test {
 protected:
  static constexpr UnixMicros kNow = 1'795'514'400'000'000;  // 2026-11-24T10:00:00Z
  static constexpr int64_t kDay = int64_t{86400} * 1'000'000;
  static constexpr domain::StaffId kAdmin = 1;

  void SetUp() override {
    InitOptions opts{"Northtown Council", domain::OrganisationKind::kLocalAuthority, {"Ada Admin", "ada.admin@example.org"}};
    ASSERT_OK_AND_ASSIGN(vault_, Vault::Init(dir_.Str("data"), opts, clock_));
    Train(kAdmin);
  }

  void TearDown() override {
    if (!vault_) return;
    auto report = vault_->VerifyAudit();
    ASSERT_OK(report);
    EXPECT_TRUE(report->ok());
  }

  void Train(domain::StaffId staff) {
    ASSERT_OK(vault_->RecordTraining(kAdmin, {0, staff, "confidentiality", kNow - 30 * kDay, std::nullopt, 0, 0}));
  }

  domain::StaffId AddTrained(domain::StaffRole role, const std::string& team) {
    auto id = vault_->AddStaff(kAdmin, role, team, {"Staff " + std::to_string(++count_), ""});
    EXPECT_TRUE(id.ok());
    Train(*id);
    return *id;
  }

  void Allocate(domain::PersonId child, domain::StaffId staff) {
    domain::Allocation a;
    a.child_id = child;
    a.staff_id = staff;
    a.starts_at = kNow - kDay;
    ASSERT_OK(vault_->Allocate(kAdmin, a).status());
  }

  static domain::PersonDetails Details(const char* given, const char* family, const char* dob) {
    domain::PersonDetails d;
    d.given_names = given;
    d.family_name = family;
    d.date_of_birth = domain::CivilDate::Parse(dob).value();
    return d;
  }

  // The database file and its write-ahead log, as a reader of the disk would see them (to show
  // that what is sealed never reaches them in clear).
  std::string DatabaseBytes() {
    std::string bytes;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(dir_.Str("data/confide.db") + suffix, std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return bytes;
  }

  // Every audit event so far, oldest first.
  std::vector<audit::AuditEvent> AllEvents() {
    std::vector<audit::AuditEvent> out;
    auto head = vault_->LatestAuditHead();
    EXPECT_TRUE(head.ok());
    for (uint64_t i = 0; head.ok() && i < head->tree_size; ++i) {
      auto e = vault_->GetAuditEntry(i);
      EXPECT_TRUE(e.ok());
      if (e.ok()) out.push_back(e->event);
    }
    return out;
  }

  audit::AuditEvent LastEvent() {
    auto head = vault_->LatestAuditHead();
    auto e = vault_->GetAuditEntry(head->tree_size - 1);
    return e.ok() ? e->event : audit::AuditEvent{};
  }

  confide::testing::TempDir dir_;
  FakeClock clock_{kNow};
  std::unique_ptr<Vault> vault_;
  int count_ = 0;
};

}  // namespace confide::service
