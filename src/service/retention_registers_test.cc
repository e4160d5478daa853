// Retention of the registers about no child: an FOI request kept three years after its reply and
// a breach six years after closing are destroyed by the next applied run (their own keys shredded:
// the words can no longer be read by any path), unless a legal hold on the register keeps them;
// entries not yet due, and still open, are kept; the certificate lists what went, by id; a policy
// without [register_retention] keeps everything and says so.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "service/breach.h"
#include "service/foi.h"
#include "service/retention.h"
#include "service/vault_test_base.h"
#include "store/sqlite/sqlite_db.h"

namespace confide::service {
namespace {

using domain::CivilDate;

UnixMicros At(const char* text) { return domain::ParseTimestampMicros(text).value(); }

class RetentionRegistersTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    dpo_ = AddTrained(domain::StaffRole::kDataProtectionOfficer, "Governance");
    Open();
  }

  void Open() {
    ASSERT_OK_AND_ASSIGN(foi_, FoiRegister::Create(*vault_));
    ASSERT_OK_AND_ASSIGN(breaches_, BreachRegister::Create(*vault_));
    ASSERT_OK_AND_ASSIGN(retention_, Retention::Create(*vault_));
  }

  // An FOI request received on `received`, answered on `replied` (none: still open).
  int64_t Foi(const char* received, std::optional<const char*> replied) {
    FoiIntake in;
    in.received_on = CivilDate::Parse(received).value();
    in.requester_name = "Wynne Requester";
    in.contact = "wynne@example.org";
    in.request_text = "How many children were placed out of area in 2021";
    auto id = foi_->Open(dpo_, in);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    if (replied) {
      FoiStepInput reply;
      reply.kind = FoiStepKind::kResponded;
      reply.on = CivilDate::Parse(*replied).value();
      reply.note = "Figures sent";
      reply.outcome = FoiOutcome::kDisclosed;
      EXPECT_OK(foi_->AddStep(dpo_, *id, reply).status());
    }
    return id.ok() ? *id : 0;
  }

  // A breach we became aware of at `aware`, decided not to report and closed at `closed`.
  int64_t Breach(const char* aware, const char* closed) {
    BreachReport r;
    r.kind = BreachKind::kMisdirectedEmail;
    r.became_aware_at = At(aware);
    r.what_happened = "A letter about Hollis Quarry went to the wrong family";
    auto id = breaches_->Report(dpo_, r);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    BreachStepInput decided;
    decided.kind = BreachStepKind::kDecided;
    decided.at = At(aware) + 3600 * int64_t{1000000};
    decided.note = "Recalled unread: unlikely to result in a risk";
    decided.report = false;
    EXPECT_OK(breaches_->AddStep(dpo_, *id, decided).status());
    BreachStepInput done;
    done.kind = BreachStepKind::kClosed;
    done.at = At(closed);
    done.note = "Address checks added to the letter template";
    EXPECT_OK(breaches_->AddStep(dpo_, *id, done).status());
    return id.ok() ? *id : 0;
  }

  static std::vector<std::string> Refs(const RetentionReport& r) {
    std::vector<std::string> out;
    for (const auto& i : r.register_items) {
      out.push_back(std::string(ToString(i.kind)) + "/" + std::to_string(i.id) + " " + std::string(ToString(i.state)));
    }
    return out;
  }

  CivilDate Today() const { return CivilDate::FromUnixMicros(kNow); }

  domain::StaffId dpo_ = 0;
  std::unique_ptr<FoiRegister> foi_;
  std::unique_ptr<BreachRegister> breaches_;
  std::unique_ptr<Retention> retention_;
};

TEST_F(RetentionRegistersTest, EntriesKeptTheirYearsAreDestroyedUnlessTheRegisterIsHeld) {
  const int64_t old_foi = Foi("2022-01-10", "2022-02-01");    // due 1 February 2025
  const int64_t new_foi = Foi("2025-01-06", "2025-01-20");    // due 20 January 2028
  const int64_t open_foi = Foi("2020-03-02", std::nullopt);   // never answered: kept
  const int64_t old_breach = Breach("2019-05-01T09:00:00Z", "2019-05-10T12:00:00Z");  // due 10 May 2025
  const int64_t new_breach = Breach("2026-01-05T09:00:00Z", "2026-01-20T12:00:00Z");  // due 20 January 2032
  (void)open_foi;

  ASSERT_OK_AND_ASSIGN(RetentionReport dry, retention_->Run(dpo_, Today(), false));
  EXPECT_EQ(Refs(dry), (std::vector<std::string>{"foi_request/" + std::to_string(old_foi) + " due",
                                                 "breach/" + std::to_string(old_breach) + " due"}));
  EXPECT_EQ(dry.register_not_due, 2u);
  EXPECT_TRUE(dry.registers_kept.empty());
  EXPECT_EQ(dry.register_items[0].closed_on, CivilDate::Parse("2022-02-01").value());
  EXPECT_EQ(dry.register_items[0].due_on, CivilDate::Parse("2025-02-01").value());
  EXPECT_EQ(dry.register_items[1].due_on, CivilDate::Parse("2025-05-10").value());
  EXPECT_TRUE(dry.certificate_id.empty());
  EXPECT_TRUE(foi_->Get(dpo_, old_foi).ok()) << "a dry run destroys nothing";

  // The ICO is still looking at the old breach: the breach register is held, the FOI one is not.
  LegalHold hold;
  hold.class_id = kBreachRegisterHold;
  hold.reason = "ICO enquiry into the 2019 letter";
  ASSERT_OK_AND_ASSIGN(int64_t hold_id, retention_->PlaceHold(dpo_, hold));
  ASSERT_OK_AND_ASSIGN(RetentionReport applied, retention_->Run(dpo_, Today(), true));
  EXPECT_EQ(Refs(applied), (std::vector<std::string>{"foi_request/" + std::to_string(old_foi) + " destroyed",
                                                     "breach/" + std::to_string(old_breach) + " held"}));
  EXPECT_EQ(applied.register_items[1].hold_ids, std::vector<int64_t>{hold_id});
  ASSERT_FALSE(applied.certificate_id.empty());

  // The request's words are gone by every path; its clear columns still list it as destroyed.
  auto gone = foi_->Get(dpo_, old_foi);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(std::vector<FoiCase> listed, foi_->List(dpo_, true));
  bool destroyed_listed = false;
  for (const FoiCase& c : listed) {
    if (c.id == old_foi) {
      destroyed_listed = c.state == "destroyed";
      EXPECT_EQ(c.intake.requester_name, "");
    }
  }
  EXPECT_TRUE(destroyed_listed);
  EXPECT_TRUE(foi_->Get(dpo_, new_foi).ok());
  EXPECT_TRUE(breaches_->Get(dpo_, old_breach).ok()) << "held";

  ASSERT_OK_AND_ASSIGN(DestructionCertificate cert, retention_->GetCertificate(dpo_, applied.certificate_id));
  EXPECT_TRUE(cert.signature_valid);
  const nlohmann::json body = nlohmann::json::parse(cert.body);
  EXPECT_EQ(body.at("count"), 0);
  EXPECT_EQ(body.at("register_count"), 1);
  EXPECT_EQ(body.at("registers_destroyed").at(0).at("register"), "foi_request");
  EXPECT_EQ(body.at("registers_destroyed").at(0).at("id"), old_foi);
  EXPECT_EQ(body.at("registers_destroyed").at(0).at("closed_on"), "2022-02-01");
  EXPECT_EQ(cert.body.find("Wynne"), std::string::npos) << "no personal data on the certificate";
  bool tombstone = false;
  for (const auto& e : AllEvents()) {
    if (e.action == "retention.destroy_register") {
      tombstone = true;
      EXPECT_EQ(e.detail, "foi_request/" + std::to_string(old_foi) + "; certificate=" + applied.certificate_id);
    }
  }
  EXPECT_TRUE(tombstone);

  // The hold lifted, the next run destroys the breach; the newer one stays.
  ASSERT_OK(retention_->LiftHold(dpo_, hold_id));
  ASSERT_OK_AND_ASSIGN(RetentionReport again, retention_->Run(dpo_, Today(), true));
  EXPECT_EQ(Refs(again), (std::vector<std::string>{"breach/" + std::to_string(old_breach) + " destroyed"}));
  EXPECT_EQ(breaches_->Get(dpo_, old_breach).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(breaches_->Get(dpo_, new_breach).ok());
  // Nothing is destroyed twice.
  ASSERT_OK_AND_ASSIGN(RetentionReport after, retention_->Run(dpo_, Today(), false));
  EXPECT_TRUE(after.register_items.empty());
  EXPECT_EQ(after.register_not_due, 2u);
}

TEST_F(RetentionRegistersTest, AHoldOnARegisterHoldsNobodysRecordsAndAnUnknownClassIsRefused) {
  LegalHold hold;
  hold.class_id = kFoiRegisterHold;
  hold.reason = "Tribunal appeal about FOI replies";
  ASSERT_OK(retention_->PlaceHold(dpo_, hold).status());
  hold.class_id = "foi_registers";
  auto bad = retention_->PlaceHold(dpo_, hold);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("foi_register, breach_register"), std::string::npos) << bad.status().ToString();
  // A care leaver long past her 75th birthday, reviewed for destruction: the FOI hold does not keep her.
  domain::PersonDetails olive = Details("Olive", "Oldfield", "1948-03-01");
  olive.status.looked_after = true;
  olive.status.looked_after_by = "Northtown Council";
  const domain::StaffId dsl = AddTrained(domain::StaffRole::kDesignatedSafeguardingLead, "Safeguarding");
  ASSERT_OK_AND_ASSIGN(domain::PersonId person, vault_->AddPerson(dsl, domain::PersonKind::kChild, olive));
  ASSERT_OK(retention_->Review(dpo_, person, ReviewDecision::kDestroy, std::nullopt, "Past the period; nothing pending", Today())
                .status());
  ASSERT_OK_AND_ASSIGN(RetentionReport dry, retention_->Run(dpo_, Today(), false));
  ASSERT_EQ(dry.items.size(), 1u);
  EXPECT_EQ(dry.items[0].state, RetentionState::kDue);
  EXPECT_TRUE(dry.items[0].hold_ids.empty());
}

TEST_F(RetentionRegistersTest, APolicyWithoutRegisterPeriodsKeepsEveryEntryAndSaysSo) {
  const int64_t old_foi = Foi("2020-01-10", "2020-02-01");
  std::string text(governance::DefaultGovernancePolicyToml());
  text = text.substr(0, text.find("\n[register_retention]"));
  {
    std::ofstream out(dir_.Str("data/governance-policy.toml"), std::ios::trunc);
    out << text;
  }
  foi_.reset();
  breaches_.reset();
  retention_.reset();
  vault_.reset();
  ASSERT_OK_AND_ASSIGN(vault_, Vault::Open(dir_.Str("data"), clock_));
  ASSERT_NO_FATAL_FAILURE(Open());
  ASSERT_OK_AND_ASSIGN(RetentionReport applied, retention_->Run(dpo_, Today(), true));
  EXPECT_TRUE(applied.register_items.empty());
  EXPECT_EQ(applied.registers_kept, (std::vector<std::string>{"foi_request", "breach"}));
  EXPECT_TRUE(foi_->Get(dpo_, old_foi).ok());
}

TEST_F(RetentionRegistersTest, AReplyOn29FebruaryIsKeptUntil1MarchAndAHoldOnEveryoneKeepsEntries) {
  const int64_t leap = Foi("2024-02-26", "2024-02-29");
  ASSERT_OK_AND_ASSIGN(RetentionReport before, retention_->Run(dpo_, CivilDate{2027, 2, 28}, false));
  EXPECT_TRUE(before.register_items.empty()) << "2027 has no 29 February: the years run out on 1 March";
  ASSERT_OK_AND_ASSIGN(RetentionReport on, retention_->Run(dpo_, CivilDate{2027, 3, 1}, false));
  ASSERT_EQ(Refs(on), std::vector<std::string>{"foi_request/" + std::to_string(leap) + " due"});
  EXPECT_EQ(on.register_items[0].due_on, (CivilDate{2027, 3, 1}));

  LegalHold moratorium;
  moratorium.reason = "Independent inquiry moratorium on destruction";
  ASSERT_OK_AND_ASSIGN(int64_t everyone, retention_->PlaceHold(dpo_, moratorium));
  ASSERT_OK_AND_ASSIGN(RetentionReport held, retention_->Run(dpo_, CivilDate{2027, 3, 1}, false));
  ASSERT_EQ(held.register_items.size(), 1u);
  EXPECT_EQ(held.register_items[0].state, RetentionState::kHeld);
  EXPECT_EQ(held.register_items[0].hold_ids, std::vector<int64_t>{everyone});
}

TEST_F(RetentionRegistersTest, AnEntryWhoseKeyIsAlreadyGoneIsNotListedAndDoesNotStopTheRun) {
  const int64_t old_foi = Foi("2021-01-11", "2021-02-01");
  const int64_t older_foi = Foi("2020-01-13", "2020-02-03");
  {
    // The key row lost some other way (a partial restore), without the subject marked shredded.
    auto db = store::sqlite::Connection::Open(dir_.Str("data/confide.db"), false);
    ASSERT_OK(db);
    const std::string sql = "DELETE FROM subject_keys WHERE subject_id = (SELECT subject_id FROM foi_requests WHERE id = " +
                            std::to_string(old_foi) + ")";
    ASSERT_OK((*db)->Exec(sql.c_str()));
  }
  ASSERT_OK_AND_ASSIGN(RetentionReport applied, retention_->Run(dpo_, Today(), true));
  EXPECT_EQ(Refs(applied), std::vector<std::string>{"foi_request/" + std::to_string(older_foi) + " destroyed"});
}

}  // namespace
}  // namespace confide::service
