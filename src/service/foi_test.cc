// The Freedom of Information register over a real vault: intake sealed with a key of its own, the
// clock moved by clarification, fees and extensions, replies with their exemptions, routing to
// subject access, the DPO alone, and a maintained school's calendar from the governance policy.
#include "service/foi.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "governance/governance_policy.h"
#include "service/governance_policy_file.h"
#include "service/subject_access.h"
#include "service/vault_test_base.h"
#include "store/sqlite/sqlite_db.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using domain::CivilDate;

CivilDate Date(const char* s) { return CivilDate::Parse(s).value(); }

class FoiTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    worker_ = AddTrained(domain::StaffRole::kSocialWorker, "Assessment");
    dpo_ = AddTrained(domain::StaffRole::kDataProtectionOfficer, "Governance");
    ASSERT_OK_AND_ASSIGN(foi_, FoiRegister::Create(*vault_));
  }

  static FoiIntake Intake(const char* received) {
    return FoiIntake{Date(received), "Zara Quill", "zara.quill@example.net",
                     "How many children were placed out of the area in 2025?", "email"};
  }

  Result<int64_t> Step(int64_t id, FoiStepKind kind, const char* on, std::string note = "noted") {
    FoiStepInput s;
    s.kind = kind;
    s.on = Date(on);
    s.note = std::move(note);
    return foi_->AddStep(dpo_, id, s);
  }

  static FoiStepInput Reply(FoiOutcome outcome, const char* on, std::vector<FoiExemptionUse> exemptions = {}) {
    FoiStepInput s;
    s.kind = FoiStepKind::kResponded;
    s.on = Date(on);
    s.note = "Reply sent by email";
    s.outcome = outcome;
    s.exemptions = std::move(exemptions);
    return s;
  }



  domain::StaffId worker_ = 0, dpo_ = 0;
  std::unique_ptr<FoiRegister> foi_;
};

TEST_F(FoiTest, ARequestIsRecordedSealedWithItsDeadlineExplained) {
  // Received Monday 2 November 2026: the 20th working day after it is Monday 30 November.
  ASSERT_OK_AND_ASSIGN(int64_t id, foi_->Open(dpo_, Intake("2026-11-02")));
  ASSERT_OK_AND_ASSIGN(FoiCase c, foi_->Get(dpo_, id));
  EXPECT_EQ(c.intake.requester_name, "Zara Quill");
  EXPECT_EQ(c.intake.contact, "zara.quill@example.net");
  EXPECT_EQ(c.intake.channel, "email");
  EXPECT_EQ(c.state, "open");
  EXPECT_EQ(c.deadline.due_on, Date("2026-11-30"));
  EXPECT_FALSE(c.overdue);
  EXPECT_EQ(c.deadline.explanation.front(), "Received Monday 2 November 2026: day zero.");
  EXPECT_EQ(c.deadline.explanation.back(),
            "The 20th working day is Monday 30 November 2026: the reply is due then at the latest (the Act asks for it "
            "promptly).");
  EXPECT_EQ(LastEvent().action, "foi.read");
  // The requester's details are encrypted at rest, and never in the audit log.
  const std::string bytes = DatabaseBytes();
  EXPECT_GT(bytes.size(), 10000u);
  EXPECT_EQ(bytes.find("Zara Quill"), std::string::npos);
  EXPECT_EQ(bytes.find("out of the area"), std::string::npos);
  for (const audit::AuditEvent& e : AllEvents()) EXPECT_EQ(e.detail.find("Zara"), std::string::npos) << e.detail;
}

TEST_F(FoiTest, IntakeIsCheckedBeforeAnythingIsWritten) {
  FoiIntake no_name = Intake("2026-11-02");
  no_name.requester_name = " ";
  EXPECT_EQ(foi_->Open(dpo_, no_name).status().code(), StatusCode::kInvalidArgument);
  FoiIntake no_text = Intake("2026-11-02");
  no_text.request_text.clear();
  EXPECT_EQ(foi_->Open(dpo_, no_text).status().code(), StatusCode::kInvalidArgument);
  Result<int64_t> future = foi_->Open(dpo_, Intake("2026-11-25"));  // today is 24 November
  EXPECT_EQ(future.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(future.status().message(), "the day received is in the future");
  EXPECT_EQ(foi_->Open(dpo_, Intake("2101-01-03")).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(std::vector<FoiCase> all, foi_->List(dpo_, true));
  EXPECT_TRUE(all.empty());
}

TEST_F(FoiTest, ClarificationStopsTheClockAndTheTwentyDaysCountFromItsArrival) {
  ASSERT_OK_AND_ASSIGN(int64_t id, foi_->Open(dpo_, Intake("2026-11-02")));
  EXPECT_EQ(Step(id, FoiStepKind::kClarificationReceived, "2026-11-03", "").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK(Step(id, FoiStepKind::kClarificationRequested, "2026-11-04", "Which placements: foster care or residential?").status());
  ASSERT_OK_AND_ASSIGN(FoiCase waiting, foi_->Get(dpo_, id));
  EXPECT_EQ(waiting.state, "awaiting_clarification");
  EXPECT_FALSE(waiting.deadline.due_on.has_value());
  EXPECT_EQ(Step(id, FoiStepKind::kFeeNotice, "2026-11-05").status().code(), StatusCode::kFailedPrecondition);
  // Steps are recorded in order.
  EXPECT_EQ(Step(id, FoiStepKind::kClarificationReceived, "2026-11-03", "").status().code(), StatusCode::kInvalidArgument);
  // Arrived Monday 9 November: the 20th working day after it is Monday 7 December.
  ASSERT_OK(Step(id, FoiStepKind::kClarificationReceived, "2026-11-09", "").status());
  ASSERT_OK_AND_ASSIGN(FoiCase c, foi_->Get(dpo_, id));
  EXPECT_EQ(c.state, "open");
  EXPECT_EQ(c.deadline.due_on, Date("2026-12-07"));
  EXPECT_EQ(c.steps.size(), 2u);
  EXPECT_EQ(c.steps[0].note, "Which placements: foster care or residential?");
}

// The steps are a chain: a copied step (a replayed clarification that would stop the clock again)
// and a step deleted from the middle (to hide that the clock was stopped) are both caught.
TEST_F(FoiTest, ACopiedOrDeletedStepIsCaught) {
  ASSERT_OK_AND_ASSIGN(int64_t id, foi_->Open(dpo_, Intake("2026-11-02")));
  ASSERT_OK(Step(id, FoiStepKind::kClarificationRequested, "2026-11-04", "Which placements?").status());
  ASSERT_OK(Step(id, FoiStepKind::kClarificationReceived, "2026-11-09", "").status());
  ASSERT_OK(Step(id, FoiStepKind::kClosed, "2026-11-10", "Withdrawn").status());
  auto tamper = [&](const std::string& sql) {
    ASSERT_OK_AND_ASSIGN(auto conn, store::sqlite::Connection::Open(dir_.Str("data/confide.db"), false));
    ASSERT_OK(conn->Exec(sql.c_str()));
  };
  tamper("DROP TRIGGER foi_events_kept; DELETE FROM foi_events WHERE kind = 'clarification_received'");
  EXPECT_EQ(foi_->Get(dpo_, id).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(foi_->List(dpo_, true).status().code(), StatusCode::kCorruption);

  ASSERT_OK_AND_ASSIGN(int64_t other, foi_->Open(dpo_, Intake("2026-11-02")));
  ASSERT_OK(Step(other, FoiStepKind::kClarificationRequested, "2026-11-04", "Which year?").status());
  tamper("INSERT INTO foi_events(request_id, kind, on_date, recorded_by, recorded_at, sealed) "
         "SELECT request_id, kind, on_date, recorded_by, recorded_at, sealed FROM foi_events WHERE request_id = " +
         std::to_string(other));
  Result<FoiCase> copied = foi_->Get(dpo_, other);
  EXPECT_EQ(copied.status().code(), StatusCode::kCorruption);
  EXPECT_NE(copied.status().message().find("is a copy of an earlier one"), std::string::npos) << copied.status().message();
}

TEST_F(FoiTest, AFeesWorkingDaysDoNotCountAndAnExtensionNeedsAQualifiedExemption) {
  ASSERT_OK_AND_ASSIGN(int64_t id, foi_->Open(dpo_, Intake("2026-11-02")));
  EXPECT_EQ(Step(id, FoiStepKind::kFeeReceived, "2026-11-03", "").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK(Step(id, FoiStepKind::kFeeNotice, "2026-11-04", "£25 for photocopying 500 pages").status());
  ASSERT_OK_AND_ASSIGN(FoiCase waiting, foi_->Get(dpo_, id));
  EXPECT_EQ(waiting.state, "awaiting_fee");
  // Paid Friday 6 November: three working days (4, 5 and 6 November) do not count, so the reply is
  // due three working days after Monday 30 November.
  ASSERT_OK(Step(id, FoiStepKind::kFeeReceived, "2026-11-06", "").status());
  ASSERT_OK_AND_ASSIGN(FoiCase c, foi_->Get(dpo_, id));
  EXPECT_EQ(c.deadline.due_on, Date("2026-12-03"));

  FoiStepInput extend;
  extend.kind = FoiStepKind::kExtended;
  extend.on = Date("2026-11-20");
  extend.note = "Weighing the public interest in disclosing the inspection findings";
  extend.working_days = 10;
  EXPECT_EQ(foi_->AddStep(dpo_, id, extend).status().code(), StatusCode::kInvalidArgument);  // names no exemption
  extend.exemptions = {{"s40_2", "names of carers", ""}};
  Result<int64_t> absolute = foi_->AddStep(dpo_, id, extend);
  EXPECT_EQ(absolute.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(absolute.status().message(), "s.40(2) is absolute: no public interest test, so no extension for one");
  extend.exemptions = {{"s31", "could prejudice a police investigation", ""}};
  ASSERT_OK(foi_->AddStep(dpo_, id, extend).status());
  ASSERT_OK_AND_ASSIGN(c, foi_->Get(dpo_, id));
  EXPECT_EQ(c.deadline.statutory_due_on, Date("2026-12-03"));
  EXPECT_EQ(c.deadline.due_on, Date("2026-12-17"));
  extend.working_days = 11;  // 21 in all
  Result<int64_t> too_long = foi_->AddStep(dpo_, id, extend);
  EXPECT_EQ(too_long.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(too_long.status().message(), "the extensions would come to 21 working days: the ICO expects no more than 20 in all");
}

TEST_F(FoiTest, AnExtensionComesWithinTheTwentyDaysAndAStoppedClockCannotBeBackdated) {
  // Received Thursday 1 October: due Thursday 29 October, so it is overdue today (24 November).
  ASSERT_OK_AND_ASSIGN(int64_t id, foi_->Open(dpo_, Intake("2026-10-01")));
  ASSERT_OK_AND_ASSIGN(FoiCase c, foi_->Get(dpo_, id));
  EXPECT_EQ(c.deadline.due_on, Date("2026-10-29"));
  EXPECT_TRUE(c.overdue);
  FoiStepInput extend;
  extend.kind = FoiStepKind::kExtended;
  extend.on = Date("2026-11-02");
  extend.note = "public interest";
  extend.working_days = 5;
  extend.exemptions = {{"s43", "a contractor's prices", ""}};
  EXPECT_EQ(foi_->AddStep(dpo_, id, extend).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Step(id, FoiStepKind::kClarificationRequested, "2026-11-02").status().code(), StatusCode::kFailedPrecondition);
  // Answered on 20 November: recorded, and marked late.
  ASSERT_OK(foi_->AddStep(dpo_, id, Reply(FoiOutcome::kDisclosed, "2026-11-20")).status());
  ASSERT_OK_AND_ASSIGN(c, foi_->Get(dpo_, id));
  EXPECT_EQ(c.state, "responded");
  EXPECT_EQ(c.answered_on, Date("2026-11-20"));
  EXPECT_TRUE(c.answered_late);
  EXPECT_FALSE(c.overdue);
}

TEST_F(FoiTest, AReplyThatWithholdsNamesItsExemptionsAndTheirTests) {
  ASSERT_OK_AND_ASSIGN(int64_t id, foi_->Open(dpo_, Intake("2026-11-02")));
  auto code = [&](const FoiStepInput& s) { return foi_->AddStep(dpo_, id, s).status().code(); };
  EXPECT_EQ(code(Reply(FoiOutcome::kRefused, "2026-11-20")), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(Reply(FoiOutcome::kRefused, "2026-11-20", {{"s99", "no such section", ""}})), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(Reply(FoiOutcome::kRefused, "2026-11-20", {{"s41", "", ""}})), StatusCode::kInvalidArgument);
  // A qualified exemption needs its public interest test; an absolute one has none.
  EXPECT_EQ(code(Reply(FoiOutcome::kRefused, "2026-11-20", {{"s31", "police inquiry", ""}})), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(Reply(FoiOutcome::kRefused, "2026-11-20", {{"s41", "given in confidence", "weighed"}})),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(code(Reply(FoiOutcome::kDisclosed, "2026-11-20", {{"s41", "given in confidence", ""}})), StatusCode::kInvalidArgument);
  EXPECT_EQ(code(Reply(FoiOutcome::kRefused, "2026-11-20", {{"s41", "a", ""}, {"s41", "b", ""}})), StatusCode::kInvalidArgument);
  FoiStepInput no_outcome = Reply(FoiOutcome::kDisclosed, "2026-11-20");
  no_outcome.outcome.reset();
  EXPECT_EQ(code(no_outcome), StatusCode::kInvalidArgument);

  ASSERT_OK(foi_->AddStep(dpo_, id, Reply(FoiOutcome::kDisclosedInPart, "2026-11-20",
                                           {{"s40_2", "the carers' names are their personal data", ""},
                                            {"s41", "a neighbour reported a concern on the understanding they stay anonymous", ""},
                                            {"s31", "an open police inquiry", "disclosure now could alert a suspect"}}))
                .status());
  ASSERT_OK_AND_ASSIGN(FoiCase c, foi_->Get(dpo_, id));
  EXPECT_EQ(c.state, "responded");
  EXPECT_FALSE(c.answered_late);
  ASSERT_EQ(c.steps.back().exemptions.size(), 3u);
  EXPECT_EQ(c.steps.back().exemptions[2].public_interest, "disclosure now could alert a suspect");
  EXPECT_EQ(c.steps.back().outcome, FoiOutcome::kDisclosedInPart);
  // Nothing after the reply; the register leaves answered requests out unless asked.
  EXPECT_EQ(Step(id, FoiStepKind::kClosed, "2026-11-21").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(std::vector<FoiCase> open, foi_->List(dpo_, false));
  EXPECT_TRUE(open.empty());
  ASSERT_OK_AND_ASSIGN(std::vector<FoiCase> all, foi_->List(dpo_, true));
  ASSERT_EQ(all.size(), 1u);
  // The audit log names the exemptions relied on, not the requester or the reasons.
  bool found = false;
  for (const audit::AuditEvent& e : AllEvents()) {
    EXPECT_EQ(e.detail.find("Zara"), std::string::npos);
    EXPECT_EQ(e.detail.find("carers"), std::string::npos);
    if (e.action == "foi.step" && e.outcome == "ok") {
      found = true;
      EXPECT_NE(e.detail.find("outcome=disclosed_in_part; exemption=s40_2; exemption=s41; exemption=s31"), std::string::npos)
          << e.detail;
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(FoiTest, ARequestForTheRequestersOwnDataIsRoutedToSubjectAccess) {
  ASSERT_OK_AND_ASSIGN(int64_t id, foi_->Open(dpo_, Intake("2026-11-16")));
  FoiStepInput route;
  route.kind = FoiStepKind::kRoutedToSubjectAccess;
  route.on = Date("2026-11-17");
  route.note = "Asks for her own family's file: a subject access request, not FOI (s.40(1))";
  route.subject_access_request_id = 999;
  Result<int64_t> missing = foi_->AddStep(dpo_, id, route);
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.status().message(), "no subject access request with id 999");

  ASSERT_OK_AND_ASSIGN(domain::PersonId zara, vault_->AddPerson(worker_, domain::PersonKind::kAdult, Details("Zara", "Quill", "1990-03-03")));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<SubjectAccess> sar, SubjectAccess::Create(*vault_));
  SubjectAccessIntake in;
  in.person_id = zara;
  in.received_on = Date("2026-11-16");
  in.requester_name = "Zara Quill";
  in.request_text = "My file";
  in.identity_confirmed = true;
  in.identity_method = "known to the service";
  ASSERT_OK_AND_ASSIGN(int64_t sar_id, sar->Open(dpo_, in));
  route.subject_access_request_id = sar_id;
  ASSERT_OK(foi_->AddStep(dpo_, id, route).status());
  ASSERT_OK_AND_ASSIGN(FoiCase c, foi_->Get(dpo_, id));
  EXPECT_EQ(c.state, "routed_to_subject_access");
  EXPECT_EQ(c.steps.back().subject_access_request_id, sar_id);
  EXPECT_EQ(c.answered_on, Date("2026-11-17"));
}

TEST_F(FoiTest, OnlyTheDataProtectionOfficerKeepsTheRegister) {
  EXPECT_EQ(foi_->Open(worker_, Intake("2026-11-02")).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(int64_t id, foi_->Open(dpo_, Intake("2026-11-02")));
  EXPECT_EQ(foi_->Get(worker_, id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(foi_->List(worker_, true).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(foi_->MayManage(worker_).code(), StatusCode::kPermissionDenied);
  EXPECT_OK(foi_->MayManage(dpo_));
  EXPECT_EQ(foi_->Get(dpo_, id + 1).status().code(), StatusCode::kNotFound);
}

TEST_F(FoiTest, TheRegisterIsOrderedByUrgency) {
  ASSERT_OK_AND_ASSIGN(int64_t recent, foi_->Open(dpo_, Intake("2026-11-20")));
  ASSERT_OK_AND_ASSIGN(int64_t waiting, foi_->Open(dpo_, Intake("2026-11-03")));
  ASSERT_OK(Step(waiting, FoiStepKind::kClarificationRequested, "2026-11-04").status());
  ASSERT_OK_AND_ASSIGN(int64_t overdue, foi_->Open(dpo_, Intake("2026-10-01")));
  ASSERT_OK_AND_ASSIGN(int64_t soon, foi_->Open(dpo_, Intake("2026-11-02")));
  ASSERT_OK_AND_ASSIGN(std::vector<FoiCase> list, foi_->List(dpo_, false));
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].id, overdue);
  EXPECT_EQ(list[1].id, soon);
  EXPECT_EQ(list[2].id, recent);
  EXPECT_EQ(list[3].id, waiting);
}

TEST_F(FoiTest, AMaintainedSchoolCountsSchoolDaysFromItsGovernancePolicy) {
  // Term dates in the data directory's governance policy: closed 21 December to 1 January.
  {
    std::ofstream out(dir_.Str("data") + "/" + kGovernancePolicyFileName);
    out << governance::DefaultGovernancePolicyToml()
        << "\n[foi]\nmaintained_school = true\n[[school_closure]]\nfirst_day = \"2026-12-21\"\nlast_day = \"2027-01-01\"\n"
           "name = \"Christmas holiday\"\n";
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<FoiRegister> school, FoiRegister::Create(*vault_));
  EXPECT_TRUE(school->maintained_school());
  EXPECT_FALSE(foi_->maintained_school());
  // Received Monday 23 November: 20 working days would end on Monday 21 December; the school's
  // holiday does not count, so its 20th school day is Monday 4 January 2027.
  ASSERT_OK_AND_ASSIGN(int64_t id, school->Open(dpo_, Intake("2026-11-23")));
  ASSERT_OK_AND_ASSIGN(FoiCase c, school->Get(dpo_, id));
  EXPECT_EQ(c.deadline.due_on, Date("2027-01-04"));
  ASSERT_OK_AND_ASSIGN(FoiCase council, foi_->Get(dpo_, id));
  EXPECT_EQ(council.deadline.due_on, Date("2026-12-21"));
  bool explained = false;
  for (const std::string& line : c.deadline.explanation) {
    explained = explained || line.find("Christmas holiday (Monday 21 December 2026 to Friday 1 January 2027)") != std::string::npos;
  }
  EXPECT_TRUE(explained);
}

}  // namespace
}  // namespace confide::service
