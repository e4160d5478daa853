// The breach register over a real vault: anyone reports, the DPO keeps it; the 72-hour clock from
// awareness, the assessment and the decision with its reasons, late reports with the reasons for
// the delay, telling the people affected, candidates raised from break-glass use, the deadlines
// view, and the words sealed away from the database file and the audit log.
#include "service/breach.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "service/deadlines.h"
#include "service/vault_test_base.h"
#include "store/sqlite/sqlite_db.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using governance::BreachLikelihood;
using governance::BreachSeverity;
constexpr UnixMicros kHour = UnixMicros{3600} * 1'000'000;

class BreachTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    worker_ = AddTrained(domain::StaffRole::kSocialWorker, "Assessment");
    dpo_ = AddTrained(domain::StaffRole::kDataProtectionOfficer, "Governance");
    ASSERT_OK_AND_ASSIGN(child_, vault_->AddPerson(kAdmin, domain::PersonKind::kChild, Details("Ivy", "Marsh", "2018-04-02")));
    ASSERT_OK_AND_ASSIGN(other_child_, vault_->AddPerson(kAdmin, domain::PersonKind::kChild, Details("Otto", "Reed", "2017-01-09")));
    Allocate(child_, worker_);
    ASSERT_OK_AND_ASSIGN(breaches_, BreachRegister::Create(*vault_));
  }

  static BreachReport Emailed(UnixMicros aware) {
    BreachReport r;
    r.kind = BreachKind::kMisdirectedEmail;
    r.became_aware_at = aware;
    r.happened_at = aware - 2 * kHour;
    r.discovered_by = "The recipient, who replied to say so";
    r.what_happened = "Core group minutes about Ivy sent to a parent at another school";
    r.data_affected = "Health and family circumstances";
    r.people_affected = 3;
    return r;
  }

  BreachStepInput Step(BreachStepKind kind, UnixMicros at, std::string note = "noted") {
    BreachStepInput s;
    s.kind = kind;
    s.at = at;
    s.note = std::move(note);
    return s;
  }

  BreachStepInput Assessment(UnixMicros at, BreachLikelihood l, BreachSeverity s) {
    BreachStepInput step = Step(BreachStepKind::kAssessed, at, "Minutes include a child protection plan");
    step.likelihood = l;
    step.severity = s;
    return step;
  }

  BreachStepInput Decision(UnixMicros at, bool report) {
    BreachStepInput s = Step(BreachStepKind::kDecided, at, report ? "Sensitive data about a child" : "Recalled unread");
    s.report = report;
    return s;
  }



  // Changes the database behind the vault's back, as someone with the file (and no key) could.
  void Tamper(const std::string& sql) {
    ASSERT_OK_AND_ASSIGN(auto conn, store::sqlite::Connection::Open(dir_.Str("data/confide.db"), false));
    ASSERT_OK(conn->Exec(sql.c_str()));
  }

  // A breach with an assessment, a decision to report and an action: three steps to tamper with.
  int64_t BreachWithSteps() {
    const UnixMicros aware = kNow - 10 * kHour;
    auto id = breaches_->Report(worker_, Emailed(aware));
    EXPECT_OK(id);
    EXPECT_OK(breaches_->AddStep(dpo_, *id, Assessment(aware + kHour, BreachLikelihood::kLikely, BreachSeverity::kSevere)).status());
    EXPECT_OK(breaches_->AddStep(dpo_, *id, Decision(aware + 2 * kHour, true)).status());
    EXPECT_OK(breaches_->AddStep(dpo_, *id, Step(BreachStepKind::kAction, aware + 3 * kHour, "Recall requested")).status());
    return *id;
  }

  domain::StaffId worker_ = 0, dpo_ = 0;
  domain::PersonId child_ = 0, other_child_ = 0;
  std::unique_ptr<BreachRegister> breaches_;
};

TEST_F(BreachTest, AnyoneReportsTheDpoSeesItSealedWithTheSeventyTwoHoursExplained) {
  BreachReport r = Emailed(kNow - 3 * kHour);
  r.people = {child_};
  ASSERT_OK_AND_ASSIGN(int64_t id, breaches_->Report(worker_, r));
  EXPECT_EQ(LastEvent().action, "breach.report");
  // The reporter sees nothing more of the register.
  EXPECT_EQ(breaches_->Get(worker_, id).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(breaches_->List(worker_, true).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(breaches_->MayManage(worker_).code(), StatusCode::kPermissionDenied);
  EXPECT_OK(breaches_->MayManage(dpo_));

  ASSERT_OK_AND_ASSIGN(BreachCase c, breaches_->Get(dpo_, id));
  EXPECT_EQ(c.report.kind, BreachKind::kMisdirectedEmail);
  EXPECT_EQ(c.report.what_happened, r.what_happened);
  EXPECT_EQ(c.report.discovered_by, r.discovered_by);
  EXPECT_EQ(c.report.happened_at, r.happened_at);
  EXPECT_EQ(c.recorded_by, worker_);
  EXPECT_EQ(c.people, std::vector<domain::PersonId>{child_});
  EXPECT_EQ(c.people_affected, 3);
  EXPECT_EQ(c.state, "awaiting_decision");
  EXPECT_FALSE(c.overdue);
  EXPECT_EQ(c.deadline.report_by, kNow - 3 * kHour + 72 * kHour);
  // Aware Tuesday 24 November 2026 07:00 UTC (GMT): report by Friday 27 November, 07:00.
  EXPECT_EQ(c.deadline.explanation[1],
            "Report it to the ICO without undue delay and, where feasible, within 72 hours: by Friday 27 November 2026, "
            "07:00 UK time (2026-11-27T07:00:00Z).");

  // The words are sealed: not in the database file, not in the audit log.
  const std::string bytes = DatabaseBytes();
  EXPECT_EQ(bytes.find("Core group minutes"), std::string::npos);
  EXPECT_EQ(bytes.find("another school"), std::string::npos);
  for (const audit::AuditEvent& e : AllEvents()) EXPECT_EQ(e.detail.find("minutes"), std::string::npos) << e.detail;
}

TEST_F(BreachTest, StaffWhoseTrainingHasLapsedStillReportButNameNoOneTheyMayNotSee) {
  ASSERT_OK_AND_ASSIGN(domain::StaffId untrained, vault_->AddStaff(kAdmin, domain::StaffRole::kSocialWorker, "Assessment",
                                                                   {"New Starter", ""}));
  Allocate(child_, untrained);
  ASSERT_OK(breaches_->Report(untrained, Emailed(kNow)).status());
  // Naming a child still needs person.read, which the training gate refuses.
  BreachReport naming = Emailed(kNow);
  naming.people = {child_};
  EXPECT_EQ(breaches_->Report(untrained, naming).status().message(), "no person with id " + std::to_string(child_));
  ASSERT_OK_AND_ASSIGN(std::vector<BreachCase> all, breaches_->List(dpo_, true));
  EXPECT_EQ(all.size(), 1u);
}

TEST_F(BreachTest, AReportIsCheckedBeforeAnythingIsWritten) {
  BreachReport blank = Emailed(kNow);
  blank.what_happened = "  ";
  EXPECT_EQ(breaches_->Report(worker_, blank).status().code(), StatusCode::kInvalidArgument);
  Result<int64_t> future = breaches_->Report(worker_, Emailed(kNow + kHour));
  EXPECT_EQ(future.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(future.status().message(), "the time of becoming aware is in the future");
  BreachReport backwards = Emailed(kNow);
  backwards.happened_at = kNow + 1;
  EXPECT_EQ(breaches_->Report(worker_, backwards).status().code(), StatusCode::kInvalidArgument);
  BreachReport negative = Emailed(kNow);
  negative.people_affected = -1;
  EXPECT_EQ(breaches_->Report(worker_, negative).status().code(), StatusCode::kInvalidArgument);
  // A child the reporter may not see reads exactly as one who does not exist.
  BreachReport hidden = Emailed(kNow);
  hidden.people = {other_child_};
  Result<int64_t> refused = breaches_->Report(worker_, hidden);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(), "no person with id " + std::to_string(other_child_));
  // The attempt is audited like any other attempt on a person (the access-log review sees it).
  EXPECT_EQ(LastEvent().action, "breach.report");
  EXPECT_EQ(LastEvent().person_id, other_child_);
  EXPECT_EQ(LastEvent().outcome, "denied");
  hidden.people = {999999};
  EXPECT_EQ(breaches_->Report(worker_, hidden).status().message(), "no person with id 999999");
  BreachReport twice = Emailed(kNow);
  twice.people = {child_, child_};
  EXPECT_EQ(breaches_->Report(worker_, twice).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(std::vector<BreachCase> all, breaches_->List(dpo_, true));
  EXPECT_TRUE(all.empty());
}

TEST_F(BreachTest, AssessDecideReportTellAndCloseInOrder) {
  const UnixMicros aware = kNow - 30 * kHour;
  ASSERT_OK_AND_ASSIGN(int64_t id, breaches_->Report(worker_, Emailed(aware)));
  // Nothing can be reported before a decision to report, nor closed while the clock runs.
  BreachStepInput report = Step(BreachStepKind::kReported, aware + 20 * kHour, "ICO online form");
  report.ico_reference = "IC-123456-A1B2";
  EXPECT_EQ(breaches_->AddStep(dpo_, id, report).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(breaches_->AddStep(dpo_, id, Step(BreachStepKind::kClosed, aware + kHour)).status().code(), StatusCode::kFailedPrecondition);
  // Steps are not before awareness, not in the future, and in order.
  EXPECT_EQ(breaches_->AddStep(dpo_, id, Step(BreachStepKind::kAction, aware - 1)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(breaches_->AddStep(dpo_, id, Step(BreachStepKind::kAction, kNow + 1)).status().code(), StatusCode::kInvalidArgument);
  // Malformed steps: an assessment without a severity, a decision without yes/no.
  BreachStepInput half = Step(BreachStepKind::kAssessed, aware + kHour);
  half.likelihood = BreachLikelihood::kLikely;
  EXPECT_EQ(breaches_->AddStep(dpo_, id, half).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(breaches_->AddStep(dpo_, id, Step(BreachStepKind::kDecided, aware + kHour)).status().code(), StatusCode::kInvalidArgument);

  ASSERT_OK(breaches_->AddStep(dpo_, id, Step(BreachStepKind::kAction, aware + kHour, "Recipient asked to delete it")).status());
  BreachStepInput assessed = Assessment(aware + 2 * kHour, BreachLikelihood::kPossible, BreachSeverity::kSevere);
  assessed.people_affected = 4;
  assessed.people = {child_};
  ASSERT_OK(breaches_->AddStep(dpo_, id, assessed).status());
  EXPECT_EQ(LastEvent().detail.substr(LastEvent().detail.rfind("breach=")), "breach=" + std::to_string(id) + "; step=assessed; risk=high_risk");
  ASSERT_OK_AND_ASSIGN(BreachCase c, breaches_->Get(dpo_, id));
  ASSERT_TRUE(c.risk.has_value());
  EXPECT_EQ(c.risk->level, governance::BreachRiskLevel::kHighRisk);
  EXPECT_EQ(c.people_affected, 4);
  EXPECT_EQ(c.people, std::vector<domain::PersonId>{child_});
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("must be told"), std::string::npos);
  EXPECT_EQ(breaches_->AddStep(dpo_, id, Step(BreachStepKind::kAction, aware + kHour)).status().code(), StatusCode::kInvalidArgument);

  ASSERT_OK(breaches_->AddStep(dpo_, id, Decision(aware + 3 * kHour, true)).status());
  ASSERT_OK_AND_ASSIGN(c, breaches_->Get(dpo_, id));
  EXPECT_EQ(c.state, "to_report");
  // Within the 72 hours there is no delay to explain.
  BreachStepInput explained = report;
  explained.delay_reason = "We were busy";
  EXPECT_EQ(breaches_->AddStep(dpo_, id, explained).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK(breaches_->AddStep(dpo_, id, report).status());
  EXPECT_EQ(breaches_->AddStep(dpo_, id, Decision(aware + 21 * kHour, false)).status().code(), StatusCode::kFailedPrecondition);
  BreachStepInput told = Step(BreachStepKind::kPeopleTold, aware + 22 * kHour, "Ivy's mother told by phone, then in writing");
  told.told = true;
  ASSERT_OK(breaches_->AddStep(dpo_, id, told).status());
  ASSERT_OK(breaches_->AddStep(dpo_, id, Step(BreachStepKind::kClosed, aware + 29 * kHour, "Email autocomplete switched off")).status());
  ASSERT_OK_AND_ASSIGN(c, breaches_->Get(dpo_, id));
  EXPECT_EQ(c.state, "closed");
  EXPECT_FALSE(c.reported_late);
  EXPECT_EQ(c.reported_at, aware + 20 * kHour);
  EXPECT_EQ(c.people_told, true);
  EXPECT_TRUE(c.warnings.empty());
  EXPECT_EQ(c.steps.size(), 6u);
  EXPECT_EQ(c.steps[3].ico_reference, "IC-123456-A1B2");
  EXPECT_EQ(breaches_->AddStep(dpo_, id, Step(BreachStepKind::kAction, aware + 29 * kHour)).status().code(), StatusCode::kFailedPrecondition);
  // Closed breaches leave the open register.
  ASSERT_OK_AND_ASSIGN(std::vector<BreachCase> open, breaches_->List(dpo_, false));
  EXPECT_TRUE(open.empty());
  EXPECT_EQ(breaches_->AddStep(dpo_, 999, Step(BreachStepKind::kAction, kNow)).status().code(), StatusCode::kNotFound);
}

TEST_F(BreachTest, PastTheSeventyTwoHoursItIsOverdueAndALateReportGivesTheReasonsForTheDelay) {
  const UnixMicros aware = kNow - 4 * 24 * kHour;
  ASSERT_OK_AND_ASSIGN(int64_t late, breaches_->Report(worker_, Emailed(aware)));
  ASSERT_OK_AND_ASSIGN(int64_t recent, breaches_->Report(worker_, Emailed(kNow - kHour)));
  ASSERT_OK_AND_ASSIGN(std::vector<BreachCase> list, breaches_->List(dpo_, false));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, late);  // the overdue one first
  EXPECT_TRUE(list[0].overdue);
  EXPECT_EQ(list[1].id, recent);
  EXPECT_FALSE(list[1].overdue);

  ASSERT_OK(breaches_->AddStep(dpo_, late, Decision(kNow - kHour, true)).status());
  BreachStepInput report = Step(BreachStepKind::kReported, kNow, "ICO helpline");
  report.ico_reference = "IC-777";
  Result<int64_t> no_reason = breaches_->AddStep(dpo_, late, report);
  EXPECT_EQ(no_reason.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_reason.status().message(), "the report is after the 72 hours: give the reasons for the delay");
  report.delay_reason = "The email was found only when the recipient replied on the fourth day";
  ASSERT_OK(breaches_->AddStep(dpo_, late, report).status());
  ASSERT_OK_AND_ASSIGN(BreachCase c, breaches_->Get(dpo_, late));
  EXPECT_EQ(c.state, "reported");
  EXPECT_TRUE(c.reported_late);
  EXPECT_FALSE(c.overdue);
  EXPECT_EQ(c.warnings, std::vector<std::string>{"Reported to the ICO after the 72 hours."});
}

TEST_F(BreachTest, ADecisionNotToReportStopsTheClockButIsWeighedAgainstTheAssessment) {
  const UnixMicros aware = kNow - 5 * 24 * kHour;
  ASSERT_OK_AND_ASSIGN(int64_t id, breaches_->Report(worker_, Emailed(aware)));
  ASSERT_OK(breaches_->AddStep(dpo_, id, Assessment(aware + kHour, BreachLikelihood::kRemote, BreachSeverity::kMinimal)).status());
  ASSERT_OK(breaches_->AddStep(dpo_, id, Decision(aware + 2 * kHour, false)).status());
  ASSERT_OK_AND_ASSIGN(BreachCase c, breaches_->Get(dpo_, id));
  EXPECT_EQ(c.state, "not_reported");
  EXPECT_FALSE(c.overdue);
  EXPECT_TRUE(c.warnings.empty());
  // New information: a higher risk, and the decision still "no" until a new one replaces it.
  ASSERT_OK(breaches_->AddStep(dpo_, id, Assessment(aware + 3 * kHour, BreachLikelihood::kLikely, BreachSeverity::kSignificant)).status());
  ASSERT_OK_AND_ASSIGN(c, breaches_->Get(dpo_, id));
  EXPECT_EQ(c.state, "not_reported");
  ASSERT_EQ(c.warnings.size(), 2u);
  EXPECT_NE(c.warnings[0].find("yet the decision is not to report it"), std::string::npos);
  ASSERT_OK(breaches_->AddStep(dpo_, id, Decision(aware + 4 * kHour, true)).status());
  ASSERT_OK_AND_ASSIGN(c, breaches_->Get(dpo_, id));
  EXPECT_EQ(c.state, "to_report");
  EXPECT_TRUE(c.overdue);  // the 72 hours from awareness have long gone
}

TEST_F(BreachTest, ADecisionNotToTellPeopleIsRevisitedWhenTheRiskRises) {
  const UnixMicros aware = kNow - 10 * kHour;
  ASSERT_OK_AND_ASSIGN(int64_t id, breaches_->Report(worker_, Emailed(aware)));
  ASSERT_OK(breaches_->AddStep(dpo_, id, Assessment(aware + kHour, BreachLikelihood::kPossible, BreachSeverity::kSignificant)).status());
  BreachStepInput not_told = Step(BreachStepKind::kPeopleTold, aware + 2 * kHour, "Not a high risk");
  not_told.told = false;
  ASSERT_OK(breaches_->AddStep(dpo_, id, not_told).status());
  ASSERT_OK_AND_ASSIGN(BreachCase c, breaches_->Get(dpo_, id));
  EXPECT_TRUE(c.warnings.empty());
  ASSERT_OK(breaches_->AddStep(dpo_, id, Assessment(aware + 3 * kHour, BreachLikelihood::kLikely, BreachSeverity::kSevere)).status());
  ASSERT_OK_AND_ASSIGN(c, breaches_->Get(dpo_, id));
  EXPECT_FALSE(c.people_told.has_value());
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("must be told"), std::string::npos);
}

TEST_F(BreachTest, AReportDatedWithinTheHoursButRecordedAfterThemIsFlagged) {
  const UnixMicros aware = kNow - 80 * kHour;
  ASSERT_OK_AND_ASSIGN(int64_t id, breaches_->Report(worker_, Emailed(aware)));
  ASSERT_OK(breaches_->AddStep(dpo_, id, Decision(aware + kHour, true)).status());
  BreachStepInput report = Step(BreachStepKind::kReported, aware + 70 * kHour, "ICO online form");
  report.ico_reference = "IC-42";
  ASSERT_OK(breaches_->AddStep(dpo_, id, report).status());  // recorded now, 8 hours after the 72
  ASSERT_OK_AND_ASSIGN(BreachCase c, breaches_->Get(dpo_, id));
  EXPECT_FALSE(c.reported_late);
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("recorded after them"), std::string::npos);
}

TEST_F(BreachTest, BreakGlassUseIsACandidateTheDpoOpensOrDismissesOnce) {
  ASSERT_OK_AND_ASSIGN(domain::BreakGlassGrant grant, vault_->BreakGlass(worker_, other_child_, "Police at the door asking for Otto"));
  ASSERT_OK_AND_ASSIGN(domain::BreakGlassGrant second, vault_->BreakGlass(worker_, other_child_, "Otto's school phoned again"));
  EXPECT_EQ(breaches_->Candidates(worker_, kNow - 24 * kHour).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(std::vector<BreachCandidate> candidates, breaches_->Candidates(dpo_, kNow - 24 * kHour));
  ASSERT_EQ(candidates.size(), 2u);
  const std::string first = "break_glass/" + std::to_string(grant.id);
  const std::string other = "break_glass/" + std::to_string(second.id);
  EXPECT_EQ(candidates[0].kind, "break_glass");
  EXPECT_EQ(candidates[0].staff_id, worker_);
  EXPECT_EQ(candidates[0].person_id, other_child_);
  EXPECT_EQ(candidates[0].suggested_kind, BreachKind::kUnauthorisedViewing);
  // Candidates from before `since` are not raised.
  ASSERT_OK_AND_ASSIGN(std::vector<BreachCandidate> none, breaches_->Candidates(dpo_, kNow + 1));
  EXPECT_TRUE(none.empty());

  EXPECT_EQ(breaches_->DismissCandidate(dpo_, first, " ").code(), StatusCode::kInvalidArgument);
  ASSERT_OK(breaches_->DismissCandidate(dpo_, first, "The police visit is confirmed in the log"));
  EXPECT_EQ(LastEvent().action, "breach.dismiss");
  BreachReport r = Emailed(kNow);
  r.kind = BreachKind::kUnauthorisedViewing;
  r.what_happened = "Break-glass with no emergency behind it";
  EXPECT_EQ(breaches_->OpenCandidate(dpo_, first, r).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(breaches_->OpenCandidate(dpo_, "break_glass/99999", r).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(breaches_->OpenCandidate(worker_, other, r).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(int64_t id, breaches_->OpenCandidate(dpo_, other, r));
  ASSERT_OK_AND_ASSIGN(BreachCase c, breaches_->Get(dpo_, id));
  EXPECT_EQ(c.source, other);
  // The child the break-glass was about is among the people affected.
  EXPECT_EQ(c.people, std::vector<domain::PersonId>{other_child_});
  EXPECT_EQ(c.recorded_by, dpo_);
  EXPECT_EQ(breaches_->OpenCandidate(dpo_, other, r).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(breaches_->DismissCandidate(dpo_, other, "Changed my mind").code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(candidates, breaches_->Candidates(dpo_, kNow - 24 * kHour));
  EXPECT_TRUE(candidates.empty());
  // The dismissal's reason is sealed too.
  EXPECT_EQ(DatabaseBytes().find("police visit is confirmed"), std::string::npos);
}

// What the register says cannot be changed in the database file without the change being caught:
// a step copied (to replay a decision), a step deleted from the middle, the moment of awareness
// moved (to hide a late report), a step's kind changed.
TEST_F(BreachTest, ACopiedStepIsRefused) {
  const int64_t id = BreachWithSteps();
  Tamper("INSERT INTO breach_events(breach_id, kind, at, recorded_by, recorded_at, sealed) "
         "SELECT breach_id, kind, at, recorded_by, recorded_at, sealed FROM breach_events WHERE kind = 'decided'");
  Result<BreachCase> c = breaches_->Get(dpo_, id);
  EXPECT_EQ(c.status().code(), StatusCode::kCorruption);
  EXPECT_NE(c.status().message().find("is a copy of an earlier one"), std::string::npos) << c.status().message();
  EXPECT_EQ(breaches_->List(dpo_, true).status().code(), StatusCode::kCorruption);
}

TEST_F(BreachTest, AStepDeletedFromTheMiddleIsCaught) {
  const int64_t id = BreachWithSteps();
  Tamper("DROP TRIGGER breach_events_kept; DELETE FROM breach_events WHERE kind = 'decided'");
  EXPECT_EQ(breaches_->Get(dpo_, id).status().code(), StatusCode::kCorruption);
}

TEST_F(BreachTest, AMovedAwarenessTimeOrAChangedStepKindIsCaught) {
  const int64_t id = BreachWithSteps();
  Tamper("DROP TRIGGER breaches_fixed; UPDATE breaches SET became_aware_at = became_aware_at + 3600000000");
  EXPECT_EQ(breaches_->Get(dpo_, id).status().code(), StatusCode::kCorruption);
  Tamper("UPDATE breaches SET became_aware_at = became_aware_at - 3600000000");
  ASSERT_OK(breaches_->Get(dpo_, id).status());  // put back, it opens again
  Tamper("DROP TRIGGER breach_events_fixed; UPDATE breach_events SET kind = 'reported' WHERE kind = 'decided'");
  EXPECT_EQ(breaches_->Get(dpo_, id).status().code(), StatusCode::kCorruption);
}

TEST_F(BreachTest, ABreachOrADismissalCannotBeReplacedInPlace) {
  // No steps yet, so no foreign key stands in the way of a REPLACE: only the trigger does.
  ASSERT_OK_AND_ASSIGN(int64_t id, breaches_->Report(worker_, Emailed(kNow)));
  ASSERT_OK_AND_ASSIGN(domain::BreakGlassGrant grant, vault_->BreakGlass(worker_, other_child_, "Police at the door"));
  ASSERT_OK(breaches_->DismissCandidate(dpo_, "break_glass/" + std::to_string(grant.id), "Genuine emergency"));
  ASSERT_OK_AND_ASSIGN(auto conn, store::sqlite::Connection::Open(dir_.Str("data/confide.db"), false));
  // REPLACE on a unique key would delete the row it collides with: the triggers refuse it first.
  EXPECT_FALSE(conn->Exec("INSERT OR REPLACE INTO breaches(subject_id, kind, became_aware_at, source, recorded_by, recorded_at, sealed) "
                          "SELECT subject_id, 'other', became_aware_at, source, recorded_by, recorded_at, sealed FROM breaches")
                   .ok());
  EXPECT_FALSE(conn->Exec("INSERT OR REPLACE INTO breach_dismissals(source, subject_id, dismissed_by, dismissed_at, sealed) "
                          "SELECT source, subject_id, dismissed_by, dismissed_at + 1, sealed FROM breach_dismissals")
                   .ok());
  ASSERT_OK_AND_ASSIGN(BreachCase c, breaches_->Get(dpo_, id));
  EXPECT_EQ(c.report.kind, BreachKind::kMisdirectedEmail);
}

TEST_F(BreachTest, TheDeadlinesViewShowsRunningClocksToTheDpoOnly) {
  ASSERT_OK_AND_ASSIGN(int64_t running, breaches_->Report(worker_, Emailed(kNow - 3 * kHour)));
  ASSERT_OK_AND_ASSIGN(int64_t decided, breaches_->Report(worker_, Emailed(kNow - 2 * kHour)));
  ASSERT_OK(breaches_->AddStep(dpo_, decided, Decision(kNow - kHour, false)).status());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Deadlines> deadlines, Deadlines::Create(*vault_));
  ASSERT_OK_AND_ASSIGN(DeadlineReport dpo_view, deadlines->Due(dpo_, domain::CivilDate::Parse("2026-11-24").value(), 60));
  std::vector<std::string> refs;
  for (const governance::Deadline& d : dpo_view.deadlines) {
    if (d.kind == governance::DeadlineKind::kBreach) refs.push_back(d.ref);
  }
  EXPECT_EQ(refs, std::vector<std::string>{"breach/" + std::to_string(running)});
  for (const governance::Deadline& d : dpo_view.deadlines) {
    if (d.kind != governance::DeadlineKind::kBreach) continue;
    EXPECT_EQ(d.due_on, domain::CivilDate::Parse("2026-11-27").value());
    EXPECT_EQ(d.title, "breach " + std::to_string(running) + " (misdirected_email), report by Friday 27 November 2026, 07:00 UK time, no decision yet");
  }
  ASSERT_OK_AND_ASSIGN(DeadlineReport worker_view, deadlines->Due(worker_, domain::CivilDate::Parse("2026-11-24").value(), 60));
  for (const governance::Deadline& d : worker_view.deadlines) EXPECT_NE(d.kind, governance::DeadlineKind::kBreach);
  EXPECT_NE(std::find(worker_view.not_shown.begin(), worker_view.not_shown.end(),
                      "personal data breaches (the data protection officer's)"),
            worker_view.not_shown.end());
}

}  // namespace
}  // namespace confide::service
