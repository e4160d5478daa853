// Subject access requests over a real vault: intake, the clock and its pauses, the search of
// everything about the subject (and nothing about anyone else), redactions that hold in both the
// JSON and the readable document, approval bound to the content, and the release.
#include "service/subject_access.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "service/vault_test_base.h"
#include "testing/test_util.h"

namespace confide::service {
namespace {

using domain::CivilDate;
using domain::PersonKind;
using governance::BundleItem;
using governance::Redaction;
using governance::RedactionGround;

CivilDate Date(const char* s) { return CivilDate::Parse(s).value(); }

class SubjectAccessTest : public VaultTestBase {
 protected:
  void SetUp() override {
    VaultTestBase::SetUp();
    worker_ = AddTrained(domain::StaffRole::kSocialWorker, "Assessment");
    dpo_ = AddTrained(domain::StaffRole::kDataProtectionOfficer, "Governance");
    dsl_ = AddTrained(domain::StaffRole::kDesignatedSafeguardingLead, "Safeguarding");
    ASSERT_OK_AND_ASSIGN(sar_, SubjectAccess::Create(*vault_));

    // Ruby, 13, and her brother Sam; their mother Rose has parental responsibility.
    ASSERT_OK_AND_ASSIGN(ruby_, vault_->AddPerson(worker_, PersonKind::kChild, Details("Ruby", "Marsh", "2013-05-04")));
    ASSERT_OK_AND_ASSIGN(sam_, vault_->AddPerson(worker_, PersonKind::kChild, Details("Sam", "Marsh", "2016-02-29")));
    ASSERT_OK_AND_ASSIGN(rose_, vault_->AddPerson(worker_, PersonKind::kAdult, Details("Rose", "Marsh", "1985-01-01")));
    ASSERT_OK_AND_ASSIGN(uncle_, vault_->AddPerson(worker_, PersonKind::kAdult, Details("Ian", "Marsh", "1980-01-01")));
    Allocate(ruby_, worker_);
    Allocate(sam_, worker_);
    domain::RelationshipDetails mother;
    mother.kind = domain::RelationshipKind::kMother;
    mother.parental_responsibility = true;
    ASSERT_OK(vault_->AddRelationship(dsl_, ruby_, rose_, mother).status());
    domain::RelationshipDetails uncle;
    uncle.kind = domain::RelationshipKind::kOther;
    ASSERT_OK(vault_->AddRelationship(dsl_, ruby_, uncle_, uncle).status());

    // A case note amended once, a restricted concern naming an anonymous informant, and a note
    // about Sam that must never reach Ruby's bundle.
    RecordDraft note;
    note.person_id = ruby_;
    note.occurred_at = kNow - 20 * kDay;
    note.content.summary = "Home visit";
    note.content.text = "Ruby said her uncle Ian shouts at night.";
    ASSERT_OK_AND_ASSIGN(note_, vault_->AddRecord(worker_, note));
    RecordAmendment amend;
    amend.record_id = note_;
    amend.content = note.content;
    amend.content.text = "Ruby said her uncle Ian shouts at night. Ruby seemed calm.";
    amend.reason = "added what was observed";
    ASSERT_OK(vault_->AmendRecord(worker_, amend).status());
    RecordDraft concern;
    concern.person_id = ruby_;
    concern.kind = domain::RecordKind::kCaseNote;
    concern.tier = domain::SensitivityTier::kRestricted;
    concern.occurred_at = kNow - 10 * kDay;
    concern.content.summary = "Neighbour reported shouting";
    concern.content.text = "Mrs Hetty Pryce next door heard shouting and asked not to be named.";
    concern.content.source.kind = domain::SourceKind::kAnonymousThirdParty;
    concern.content.source.name = "Hetty Pryce";
    ASSERT_OK_AND_ASSIGN(concern_, vault_->AddRecord(dsl_, concern));
    RecordDraft sam_note;
    sam_note.person_id = sam_;
    sam_note.occurred_at = kNow - 5 * kDay;
    sam_note.content.summary = "Sam's school report";
    sam_note.content.text = "SAM-ONLY-MARKER reading well";
    ASSERT_OK(vault_->AddRecord(worker_, sam_note).status());
  }

  SubjectAccessIntake ParentIntake() {
    SubjectAccessIntake in;
    in.person_id = ruby_;
    in.received_on = Date("2026-11-02");
    in.requester = SarRequester::kParent;
    in.requester_name = "Rose Marsh";
    in.requester_person_id = rose_;
    in.contact = "rose@example.org";
    in.request_text = "Everything you hold about my daughter Ruby";
    in.identity_method = "passport copy asked for";
    return in;
  }

  Result<int64_t> Step(int64_t id, SarStepKind kind, const char* on, const char* note, int months = 0) {
    return sar_->AddStep(dpo_, id, SarStepInput{kind, Date(on), note, months});
  }

  static bool Contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

  domain::StaffId worker_ = 0, dpo_ = 0, dsl_ = 0;
  domain::PersonId ruby_ = 0, sam_ = 0, rose_ = 0, uncle_ = 0;
  domain::RecordId note_ = 0, concern_ = 0;
  std::unique_ptr<SubjectAccess> sar_;
};

TEST_F(SubjectAccessTest, TheClockWaitsForIdentityThenRunsOneCalendarMonth) {
  ASSERT_OK_AND_ASSIGN(int64_t id, sar_->Open(dpo_, ParentIntake()));
  ASSERT_OK_AND_ASSIGN(SubjectAccessCase c, sar_->Get(dpo_, id));
  EXPECT_EQ(c.state, "awaiting_identity");
  EXPECT_FALSE(c.deadline.due_on.has_value());
  EXPECT_EQ(c.intake.requester_name, "Rose Marsh");
  // Nothing can be approved or released until the requester is known.
  EXPECT_EQ(sar_->Approve(dpo_, id, "", "").status().code(), StatusCode::kFailedPrecondition);

  ASSERT_OK(Step(id, SarStepKind::kIdentityReceived, "2026-11-05", "passport seen").status());
  ASSERT_OK_AND_ASSIGN(c, sar_->Get(dpo_, id));
  EXPECT_EQ(c.state, "open");
  EXPECT_EQ(c.deadline.clock_started_on, Date("2026-11-05"));
  EXPECT_EQ(c.deadline.due_on, Date("2026-12-07"));  // 5 December 2026 is a Saturday
  EXPECT_FALSE(c.deadline.explanation.empty());
  // Identity arrives once.
  EXPECT_EQ(Step(id, SarStepKind::kIdentityReceived, "2026-11-06", "again").status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(SubjectAccessTest, ClarificationStopsTheClockAndAnExtensionMustBeToldInTheFirstMonth) {
  SubjectAccessIntake in = ParentIntake();
  in.identity_confirmed = true;
  in.identity_method = "known to the allocated social worker";
  ASSERT_OK_AND_ASSIGN(int64_t id, sar_->Open(dpo_, in));
  ASSERT_OK(Step(id, SarStepKind::kClarificationRequested, "2026-11-10", "which years?").status());
  ASSERT_OK_AND_ASSIGN(SubjectAccessCase c, sar_->Get(dpo_, id));
  EXPECT_EQ(c.state, "clock_stopped");
  EXPECT_EQ(Step(id, SarStepKind::kExtended, "2026-11-11", "complex", 2).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK(Step(id, SarStepKind::kClarificationReceived, "2026-11-12", "2024 onwards").status());
  ASSERT_OK_AND_ASSIGN(c, sar_->Get(dpo_, id));
  EXPECT_EQ(c.deadline.days_stopped, 3);
  EXPECT_EQ(c.deadline.due_on, Date("2026-12-07"));  // 2 December + 3 days = 5 December, a Saturday
  ASSERT_OK(Step(id, SarStepKind::kExtended, "2026-11-20", "hundreds of records across two services", 2).status());
  ASSERT_OK_AND_ASSIGN(c, sar_->Get(dpo_, id));
  EXPECT_EQ(c.deadline.due_on, Date("2027-02-05"));
  // Two further months at most.
  EXPECT_EQ(Step(id, SarStepKind::kExtended, "2026-11-21", "more", 1).status().code(), StatusCode::kInvalidArgument);
  // Steps cannot be dated in the future, or before the request arrived.
  EXPECT_EQ(Step(id, SarStepKind::kClosed, "2026-12-25", "x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Step(id, SarStepKind::kClosed, "2026-10-01", "x").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SubjectAccessTest, AnOverdueRequestCannotBePausedOrExtendedAfterTheFact) {
  SubjectAccessIntake in = ParentIntake();
  in.received_on = Date("2026-10-12");
  in.identity_confirmed = true;
  in.identity_method = "seen in person";
  ASSERT_OK_AND_ASSIGN(int64_t id, sar_->Open(dpo_, in));
  ASSERT_OK_AND_ASSIGN(SubjectAccessCase c, sar_->Get(dpo_, id));
  EXPECT_TRUE(c.overdue);  // due 12 November; today is 24 November
  Result<int64_t> late = Step(id, SarStepKind::kExtended, "2026-11-01", "complex", 1);
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Contains(late.status().message(), "2026-11-12")) << late.status().message();
  EXPECT_EQ(Step(id, SarStepKind::kClarificationRequested, "2026-10-20", "which years?").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(SubjectAccessTest, TheSearchFindsEverythingAboutTheChildAndNothingAboutAnyoneElse) {
  ASSERT_OK_AND_ASSIGN(int64_t id, sar_->Open(dpo_, ParentIntake()));
  ASSERT_OK_AND_ASSIGN(std::vector<BundleItem> items, sar_->Search(dpo_, id));
  std::set<std::string> refs;
  std::string all;
  for (const BundleItem& item : items) {
    refs.insert(item.ref);
    for (const auto& [name, value] : item.fields) all += value + "\n";
  }
  // Both versions of the amended note, the restricted concern, her details, her two relationships.
  EXPECT_TRUE(refs.count("record/" + std::to_string(note_) + "/v1"));
  EXPECT_TRUE(refs.count("record/" + std::to_string(note_) + "/v2"));
  EXPECT_TRUE(refs.count("record/" + std::to_string(concern_) + "/v1"));
  EXPECT_TRUE(refs.count("person/" + std::to_string(ruby_) + "/v1"));
  size_t records = 0, relationships = 0;
  for (const BundleItem& item : items) {
    records += item.section == "records";
    relationships += item.section == "relationships";
  }
  EXPECT_EQ(records, 3u);
  EXPECT_EQ(relationships, 2u);
  EXPECT_TRUE(Contains(all, "Hetty Pryce"));  // in the text a practitioner typed: the DPO redacts it
  // The informant asked not to be named: the record's source name is never in the bundle.
  for (const BundleItem& item : items) {
    if (item.ref != "record/" + std::to_string(concern_) + "/v1") continue;
    for (const auto& [name, value] : item.fields) {
      EXPECT_NE(name, "source_name");
      EXPECT_NE(name, "source_relationship");
    }
  }
  EXPECT_FALSE(Contains(all, "SAM-ONLY-MARKER"));
  // The mother's and uncle's own details are theirs: only their ids appear.
  EXPECT_FALSE(Contains(all, "1985-01-01"));
  EXPECT_EQ(LastEvent().action, "subject_access.search");
}

TEST_F(SubjectAccessTest, RedactionsHoldInTheJsonAndTheDocumentAndTheReleaseIsRecorded) {
  SubjectAccessIntake in = ParentIntake();
  in.identity_confirmed = true;
  in.identity_method = "known to the school";
  ASSERT_OK_AND_ASSIGN(int64_t id, sar_->Open(dpo_, in));
  const std::string concern = "record/" + std::to_string(concern_);
  // The informant's name everywhere, and the uncle's name in every version of the note.
  ASSERT_OK_AND_ASSIGN(int64_t informant, sar_->Redact(dpo_, id, Redaction{0, "*", "", "Hetty Pryce", RedactionGround::kAnonymousInformant,
                                                                           "asked not to be named"}));
  ASSERT_OK(sar_->Redact(dpo_, id, Redaction{0, "record/" + std::to_string(note_), "text", "uncle ian", RedactionGround::kThirdParty,
                                             "the uncle has not consented"}).status());
  ASSERT_OK(sar_->Redact(dpo_, id, Redaction{0, concern, "summary", "", RedactionGround::kSeriousHarm, "would upset her"}).status());
  // A slip is refused, and the words are not echoed.
  Result<int64_t> slip = sar_->Redact(dpo_, id, Redaction{0, "*", "", "Hettie Price", RedactionGround::kThirdParty, "typo"});
  EXPECT_EQ(slip.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(Contains(slip.status().message(), "Hettie"));
  EXPECT_EQ(sar_->Redact(dpo_, id, Redaction{0, "record/999", "", "", RedactionGround::kThirdParty, "x"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(sar_->Redact(dpo_, id, Redaction{0, "*", "", "Pryce", RedactionGround::kThirdParty, ""}).status().code(),
            StatusCode::kInvalidArgument);

  ASSERT_OK_AND_ASSIGN(SubjectAccessBundle preview, sar_->Preview(dpo_, id));
  for (const std::string* text : {&preview.json, &preview.document}) {
    EXPECT_FALSE(Contains(*text, "Hetty")) << *text;
    EXPECT_FALSE(Contains(*text, "Pryce"));
    EXPECT_FALSE(Contains(*text, "uncle Ian"));
    EXPECT_FALSE(Contains(*text, "SAM-ONLY-MARKER"));
    EXPECT_TRUE(Contains(*text, "[redacted]"));
    EXPECT_TRUE(Contains(*text, "Ruby seemed calm"));  // the rest of the note stays
    EXPECT_FALSE(Contains(*text, "Neighbour reported shouting"));  // the whole field
    EXPECT_TRUE(Contains(*text, "Home visit"));
  }
  EXPECT_GE(preview.fields_redacted, 4u);
  EXPECT_FALSE(preview.approved);
  const nlohmann::json j = nlohmann::json::parse(preview.json);
  EXPECT_EQ(j["subject"]["person_id"], ruby_);
  for (const auto& item : j["items"]) EXPECT_NE(item["ref"].get<std::string>().rfind("person/" + std::to_string(sam_) + "/", 0), 0u);

  // Not approved: no release. Approved against a stale digest: refused.
  EXPECT_EQ(sar_->Release(dpo_, id, "secure email").status().code(), StatusCode::kFailedPrecondition);
  // The checks (Ruby is 13) are answered in the note; the digest is the one previewed.
  EXPECT_EQ(sar_->Approve(dpo_, id, preview.header.content_sha256, "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(sar_->Approve(dpo_, id, "", "Ruby agreed").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(sar_->Approve(dpo_, id, std::string(64, '0'), "Ruby agreed").status().code(), StatusCode::kConflict);
  ASSERT_OK(sar_->Approve(dpo_, id, preview.header.content_sha256, "checked every page").status());
  ASSERT_OK_AND_ASSIGN(SubjectAccessCase c, sar_->Get(dpo_, id));
  EXPECT_EQ(c.state, "approved");
  EXPECT_EQ(c.redactions.size(), 3u);

  // A new record after approval changes the bundle: it must be approved again.
  RecordDraft later;
  later.person_id = ruby_;
  later.occurred_at = kNow - kDay;
  later.content.summary = "Phone call with Ruby";
  ASSERT_OK(vault_->AddRecord(worker_, later).status());
  EXPECT_EQ(sar_->Release(dpo_, id, "secure email").status().code(), StatusCode::kFailedPrecondition);
  // Withdrawing a redaction also needs a new approval; the withdrawn one no longer applies.
  ASSERT_OK(sar_->WithdrawRedaction(dpo_, id, informant, "the informant agreed to be named"));
  ASSERT_OK_AND_ASSIGN(preview, sar_->Preview(dpo_, id));
  EXPECT_TRUE(Contains(preview.json, "Hetty"));
  ASSERT_OK(sar_->Redact(dpo_, id, Redaction{0, "*", "", "Hetty Pryce", RedactionGround::kAnonymousInformant, "changed her mind"}).status());
  ASSERT_OK_AND_ASSIGN(preview, sar_->Preview(dpo_, id));
  ASSERT_OK(sar_->Approve(dpo_, id, preview.header.content_sha256, "Ruby agreed; checked again").status());

  ASSERT_OK_AND_ASSIGN(SubjectAccessBundle released, sar_->Release(dpo_, id, "secure email"));
  EXPECT_FALSE(Contains(released.json, "Hetty"));
  EXPECT_FALSE(Contains(released.document, "Hetty"));
  EXPECT_TRUE(Contains(released.json, "Phone call with Ruby"));
  const audit::AuditEvent e = LastEvent();
  EXPECT_EQ(e.action, "subject_access.release");
  EXPECT_EQ(e.person_id, ruby_);
  EXPECT_TRUE(Contains(e.detail, released.header.bundle_id));
  EXPECT_FALSE(Contains(e.detail, "Hetty"));

  ASSERT_OK_AND_ASSIGN(c, sar_->Get(dpo_, id));
  EXPECT_EQ(c.state, "released");
  ASSERT_TRUE(c.release.has_value());
  EXPECT_EQ(c.release->channel, "secure email");
  // Once only; and nothing more is added after it.
  EXPECT_EQ(sar_->Release(dpo_, id, "post").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Step(id, SarStepKind::kClosed, "2026-11-24", "done").status().code(), StatusCode::kFailedPrecondition);
  ASSERT_OK_AND_ASSIGN(SubjectAccessBundle again, sar_->GetReleased(dpo_, id));
  EXPECT_EQ(again.json, released.json);
  EXPECT_EQ(again.document, released.document);
  EXPECT_EQ(again.fields_redacted, released.fields_redacted);
  // Released: nothing is read again to decide anything.
  EXPECT_EQ(sar_->Search(dpo_, id).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(sar_->Preview(dpo_, id).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(SubjectAccessTest, ChecksNameParentalResponsibilityAndTheChildsCompetence) {
  SubjectAccessIntake in = ParentIntake();
  in.requester_person_id = uncle_;  // no parental responsibility
  in.requester_name = "Ian Marsh";
  ASSERT_OK_AND_ASSIGN(int64_t id, sar_->Open(dpo_, in));
  ASSERT_OK_AND_ASSIGN(SubjectAccessCase c, sar_->Get(dpo_, id));
  std::string checks;
  for (const std::string& s : c.checks) checks += s + "\n";
  EXPECT_TRUE(Contains(checks, "parental responsibility")) << checks;
  EXPECT_TRUE(Contains(checks, "The child was 13")) << checks;

  ASSERT_OK_AND_ASSIGN(id, sar_->Open(dpo_, ParentIntake()));
  ASSERT_OK_AND_ASSIGN(c, sar_->Get(dpo_, id));
  checks.clear();
  for (const std::string& s : c.checks) checks += s + "\n";
  EXPECT_FALSE(Contains(checks, "does not record")) << checks;

  // A parent asks for a child, not for an adult: neither one recorded as an adult nor a "child"
  // who had turned 18 by the day the request arrived.
  in = ParentIntake();
  in.person_id = rose_;
  in.requester_person_id.reset();
  EXPECT_EQ(sar_->Open(dpo_, in).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(domain::PersonId grown, vault_->AddPerson(worker_, PersonKind::kChild, Details("Gwen", "Marsh", "2008-03-01")));
  in.person_id = grown;
  EXPECT_EQ(sar_->Open(dpo_, in).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SubjectAccessTest, OnlyTheDataProtectionOfficerAndARequestAboutAHiddenPersonLooksAbsent) {
  EXPECT_EQ(sar_->Open(worker_, ParentIntake()).status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(int64_t id, sar_->Open(dpo_, ParentIntake()));
  EXPECT_EQ(sar_->Search(worker_, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(sar_->Get(dsl_, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(sar_->List(worker_, true).status().code(), StatusCode::kPermissionDenied);
  ASSERT_OK_AND_ASSIGN(std::vector<SubjectAccessCase> all, sar_->List(dpo_, true));
  EXPECT_EQ(all.size(), 1u);

  // Restricted from Ruby (say the DPO is her relative): the request is as absent as a missing one.
  ASSERT_OK(vault_->RestrictPerson(kAdmin, ruby_, dpo_, "relative").status());
  Result<SubjectAccessCase> hidden = sar_->Get(dpo_, id);
  Result<SubjectAccessCase> missing = sar_->Get(dpo_, 999);
  EXPECT_EQ(hidden.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.status().message(), "no subject access request with id " + std::to_string(id));
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  ASSERT_OK_AND_ASSIGN(all, sar_->List(dpo_, true));
  EXPECT_TRUE(all.empty());
}

TEST_F(SubjectAccessTest, ListIsOrderedByUrgencyAndLeavesFinishedRequestsOut) {
  SubjectAccessIntake early = ParentIntake();
  early.received_on = Date("2026-10-20");
  early.identity_confirmed = true;
  early.identity_method = "seen";
  SubjectAccessIntake late = ParentIntake();
  late.received_on = Date("2026-11-20");
  late.identity_confirmed = true;
  late.identity_method = "seen";
  ASSERT_OK_AND_ASSIGN(int64_t waiting, sar_->Open(dpo_, ParentIntake()));  // identity awaited: no date
  ASSERT_OK_AND_ASSIGN(int64_t second, sar_->Open(dpo_, late));
  ASSERT_OK_AND_ASSIGN(int64_t first, sar_->Open(dpo_, early));
  ASSERT_OK_AND_ASSIGN(int64_t closed, sar_->Open(dpo_, late));
  ASSERT_OK(Step(closed, SarStepKind::kClosed, "2026-11-21", "withdrawn by the requester").status());
  ASSERT_OK_AND_ASSIGN(std::vector<SubjectAccessCase> open, sar_->List(dpo_, false));
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].id, first);
  EXPECT_EQ(open[1].id, second);
  EXPECT_EQ(open[2].id, waiting);
  ASSERT_OK_AND_ASSIGN(std::vector<SubjectAccessCase> all, sar_->List(dpo_, true));
  EXPECT_EQ(all.size(), 4u);
  EXPECT_EQ(all.back().state, "closed");
}

}  // namespace
}  // namespace confide::service
