// Retention runs, classes, reviews, legal holds and destruction certificates (service/retention.h).
#include "service/retention.h"
#include "service/retention_registers.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "common/bytes.h"
#include "crypto/hash.h"
#include "crypto/signing.h"
#include "crypto/sodium_init.h"
#include "domain/uk_time.h"
#include "service/governance_policy_file.h"
#include "service/sealed_fields.h"
#include "service/text_checks.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

using domain::CivilDate;
using governance::RetentionOutcome;

constexpr char kAssignmentEntity[] = "retention_assignment";
constexpr char kReviewEntity[] = "retention_review";
constexpr char kHoldEntity[] = "legal_hold";

// The associated data of a sealed assignment, review or hold: the person, the moment and the
// author, and (for a review) the clear decision, so a decision flipped in the database no longer
// opens and a sealed part moved to another row fails.
VersionHeader SealedHeader(const char* entity, const store::PersonRow& person, UnixMicros at, domain::StaffId by,
                           std::string_view kind = {}) {
  VersionHeader h;
  h.entity = entity;
  h.version = 1;
  h.subject_id = person.subject_id;
  h.person_id = person.id;
  h.kind = std::string(kind);
  h.recorded_at = at;
  h.author_id = by;
  return h;
}

std::optional<CivilDate> OptionalDate(const FieldMap& f, const char* name) {
  auto it = f.find(name);
  if (it == f.end() || it->second.empty()) return std::nullopt;
  auto d = CivilDate::Parse(it->second);
  if (!d.ok()) return std::nullopt;
  return *d;
}

std::string Field(const FieldMap& f, const char* name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

Status RequireReason(const std::string& reason, const char* what) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(std::string(what) + " needs a reason");
  }
  if (reason.size() > 4000) return Status::InvalidArgument(std::string(what) + ": the reason is longer than 4,000 characters");
  return Status::Ok();
}

Result<RetentionAssignment> OpenAssignment(Vault::Tx& tx, const store::PersonRow& person,
                                           const store::RetentionAssignmentRow& row) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, SealedHeader(kAssignmentEntity, person, row.assigned_at, row.assigned_by),
                                                  row.sealed));
  RetentionAssignment a;
  a.id = row.id;
  a.person_id = row.person_id;
  a.class_id = Field(f, "class");
  a.trigger_date = OptionalDate(f, "trigger_date");
  a.reason = Field(f, "reason");
  a.assigned_by = row.assigned_by;
  a.assigned_at = row.assigned_at;
  return a;
}

Result<RetentionReview> OpenReview(Vault::Tx& tx, const store::PersonRow& person, const store::RetentionReviewRow& row) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(
      FieldMap f, OpenFields(*key, SealedHeader(kReviewEntity, person, row.reviewed_at, row.reviewed_by, row.decision), row.sealed));
  RetentionReview r;
  r.id = row.id;
  r.person_id = row.person_id;
  auto decision = ParseReviewDecision(row.decision);
  if (!decision) return Status::Corruption("retention review " + std::to_string(row.id) + " has an unknown decision");
  r.decision = *decision;
  r.retain_until = OptionalDate(f, "retain_until");
  r.due_on = OptionalDate(f, "due_on");
  r.class_id = Field(f, "class");
  r.reason = Field(f, "reason");
  r.reviewed_by = row.reviewed_by;
  r.reviewed_at = row.reviewed_at;
  return r;
}

Result<LegalHold> OpenHold(Vault::Tx& tx, const store::LegalHoldRow& row) {
  LegalHold h;
  h.id = row.id;
  h.person_id = row.person_id;
  h.class_id = row.class_id;
  h.reason = row.reason;
  h.placed_by = row.placed_by;
  h.placed_at = row.placed_at;
  h.lifted_at = row.lifted_at;
  h.lifted_by = row.lifted_by;
  if (row.person_id) {
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, *row.person_id));
    auto key = tx.SubjectKey(person.subject_id);
    if (!key.ok()) {
      h.reason = "(destroyed with the person's records)";
      return h;
    }
    CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(**key, SealedHeader(kHoldEntity, person, row.placed_at, row.placed_by), row.sealed));
    h.reason = Field(f, "reason");
  }
  return h;
}

// Whether a hold covers a person of class `class_id`. A hold on a class the schedule no longer
// defines (renamed or dropped in the policy file) covers everyone: editing the policy must not
// silently lift a hold.
bool Covers(const store::LegalHoldRow& hold, domain::PersonId person_id, const std::string& class_id,
            const governance::RetentionSchedule& schedule) {
  if (hold.person_id) return *hold.person_id == person_id;
  if (IsRegisterHold(hold.class_id)) return false;  // a register's entries, nobody's records
  return hold.class_id.empty() || hold.class_id == class_id || !schedule.Find(hold.class_id);
}


// A row copied from an earlier one (to replay an old approval, say) opens like the original, since
// its associated data is the same, but it cannot be sealed afresh without the key: its sealed bytes
// are the original's, byte for byte, where every genuine row has a fresh random nonce. Refuse to act
// on a history with such a copy.
template <typename Row>
Status CheckNoCopies(const std::vector<Row>& rows, const char* what) {
  std::set<Bytes> seen;
  for (const Row& r : rows) {
    if (!seen.insert(r.sealed).second) {
      return Status::Corruption(std::string(what) + " " + std::to_string(r.id) + " about person " + std::to_string(r.person_id) +
                                " is a copy of an earlier one");
    }
  }
  return Status::Ok();
}

std::string NewCertificateId(CivilDate today) {
  uint8_t random[5];
  crypto::RandomBytes(random, sizeof random);
  std::string iso = today.ToIso();
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return "DC-" + iso + "-" + HexEncode(ByteView(random, sizeof random));
}

// The state of one person from their outcome, their latest review and the holds over them.
void Classify(RetentionItem& item, const std::optional<RetentionReview>& latest, CivilDate today) {
  const RetentionOutcome& o = item.outcome;
  if (!o.destroy_on) {
    item.state = RetentionState::kUnknownDate;
    return;
  }
  const CivilDate review_on = o.review_on.value_or(*o.destroy_on);
  if (latest) item.review_id = latest->id;
  if (latest && latest->decision == ReviewDecision::kRetain && latest->retain_until) {
    item.retain_until = latest->retain_until;
    // Kept to a later date: until then nothing is due; after it, a new review is.
    item.state = today < *latest->retain_until ? RetentionState::kRetained : RetentionState::kAwaitingReview;
  } else if (latest && latest->decision == ReviewDecision::kDestroy && latest->due_on == o.destroy_on &&
             latest->class_id == o.class_id) {
    item.state = today >= *o.destroy_on ? RetentionState::kDue : RetentionState::kApproved;
  } else {
    // No review, or one about a date or class that no longer applies (details amended since, a
    // class given): it must be reviewed again.
    item.state = today >= review_on ? RetentionState::kAwaitingReview : RetentionState::kNotDue;
  }
  if (item.state == RetentionState::kDue && (!item.hold_ids.empty() || !item.subject_access_ids.empty())) {
    item.state = RetentionState::kHeld;
  }
}

}  // namespace

std::string_view ToString(RetentionState s) {
  switch (s) {
    case RetentionState::kNotDue: return "not_due";
    case RetentionState::kAwaitingReview: return "awaiting_review";
    case RetentionState::kRetained: return "retained";
    case RetentionState::kApproved: return "approved";
    case RetentionState::kDue: return "due";
    case RetentionState::kHeld: return "held";
    case RetentionState::kUnknownDate: return "unknown_date";
    case RetentionState::kDestroyed: return "destroyed";
  }
  return "unknown";
}

std::string_view ToString(ReviewDecision d) { return d == ReviewDecision::kDestroy ? "destroy" : "retain"; }

std::optional<ReviewDecision> ParseReviewDecision(std::string_view s) {
  if (s == "destroy") return ReviewDecision::kDestroy;
  if (s == "retain") return ReviewDecision::kRetain;
  return std::nullopt;
}

Result<std::unique_ptr<Retention>> Retention::Create(Vault& vault) {
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy policy, LoadGovernancePolicy(vault.config()));
  return std::make_unique<Retention>(vault, std::move(policy));
}

// ---- the run ------------------------------------------------------------------------------------

namespace {

// Everything a run reads before deciding, gathered in its transaction.
struct RunInputs {
  std::vector<store::RetentionSubjectRow> subjects;  // not destroyed
  std::unordered_map<int64_t, size_t> index;         // person id -> position in subjects
  size_t destroyed_before = 0;
  std::map<int64_t, store::RetentionAssignmentRow> latest_assignment;
  std::map<int64_t, store::RetentionReviewRow> latest_review;
  std::vector<store::LegalHoldRow> holds;
  std::unordered_map<int64_t, std::vector<int64_t>> children_of_adult;
  std::map<int64_t, CivilDate> destroyed_on;  // children destroyed before: when
  std::map<int64_t, std::vector<int64_t>> open_requests;  // person id -> open subject access requests
};

// Subject access requests neither released nor closed, by person (from the clear step kinds).
Status GatherOpenRequests(Vault::Tx& tx, RunInputs& in) {
  CONFIDE_ASSIGN_OR_RETURN(auto open, tx.uow().subject_access().ListOpen());
  for (const auto& [request, person] : open) in.open_requests[person].push_back(request);
  return Status::Ok();
}

Result<RunInputs> GatherInputs(Vault::Tx& tx) {
  RunInputs in;
  CONFIDE_RETURN_IF_ERROR(tx.uow().retention().ScanSubjects([&](const store::RetentionSubjectRow& row) -> Status {
    if (row.shredded_at) {
      ++in.destroyed_before;
      in.destroyed_on[row.person.id] = CivilDate::FromUnixMicros(*row.shredded_at);
      return Status::Ok();
    }
    in.index[row.person.id] = in.subjects.size();
    in.subjects.push_back(row);
    return Status::Ok();
  }));
  CONFIDE_ASSIGN_OR_RETURN(auto assignments, tx.uow().retention().ListAssignments());
  CONFIDE_RETURN_IF_ERROR(CheckNoCopies(assignments, "retention assignment"));
  for (auto& a : assignments) in.latest_assignment[a.person_id] = std::move(a);  // oldest first: the last wins
  CONFIDE_ASSIGN_OR_RETURN(auto reviews, tx.uow().retention().ListReviews());
  CONFIDE_RETURN_IF_ERROR(CheckNoCopies(reviews, "retention review"));
  for (auto& r : reviews) in.latest_review[r.person_id] = std::move(r);
  CONFIDE_ASSIGN_OR_RETURN(in.holds, tx.uow().retention().ListHolds(false));
  CONFIDE_RETURN_IF_ERROR(GatherOpenRequests(tx, in));
  CONFIDE_RETURN_IF_ERROR(tx.uow().care().ScanRelationshipLinks([&](const store::RelationshipLink& link) -> Status {
    std::vector<int64_t>& children = in.children_of_adult[link.person_id];
    if (std::find(children.begin(), children.end(), link.child_id) == children.end()) children.push_back(link.child_id);
    return Status::Ok();
  }));
  return in;
}

// The clear metadata one person's row of a run would have.
Result<store::RetentionSubjectRow> SubjectRowOf(Vault::Tx& tx, const store::PersonRow& person) {
  store::RetentionSubjectRow row;
  row.person = person;
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SubjectRow> subject, tx.uow().keys().GetSubject(person.subject_id));
  if (subject) row.shredded_at = subject->shredded_at;
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::ChronologyRow> records, tx.uow().records().ListForPerson(person.id));
  for (const store::ChronologyRow& r : records) {
    const UnixMicros at = std::max(r.record.occurred_at, r.record.created_at);
    row.last_record_at = row.last_record_at ? std::max(*row.last_record_at, at) : at;
    row.safeguarding_concern = row.safeguarding_concern || r.record.kind == domain::ToString(domain::RecordKind::kSafeguardingConcern);
  }
  return row;
}

// What one person's dates depend on: them and, for an adult, the children they are linked to (a
// review must not cost a scan of everyone).
Result<RunInputs> GatherInputsFor(Vault::Tx& tx, const store::PersonRow& person) {
  RunInputs in;
  std::set<int64_t> linked;  // a parent recorded twice against one child is one link
  CONFIDE_RETURN_IF_ERROR(tx.uow().care().ScanRelationshipLinks([&](const store::RelationshipLink& link) -> Status {
    if (link.person_id == person.id) linked.insert(link.child_id);
    return Status::Ok();
  }));
  const std::vector<int64_t> children(linked.begin(), linked.end());
  if (!children.empty()) in.children_of_adult[person.id] = children;
  std::vector<store::PersonRow> rows{person};
  for (int64_t child : children) {
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> row, tx.uow().persons().Get(child));
    if (row) rows.push_back(*row);
  }
  for (const store::PersonRow& p : rows) {
    CONFIDE_ASSIGN_OR_RETURN(store::RetentionSubjectRow row, SubjectRowOf(tx, p));
    if (row.shredded_at) {
      ++in.destroyed_before;
      in.destroyed_on[p.id] = CivilDate::FromUnixMicros(*row.shredded_at);
      continue;
    }
    CONFIDE_ASSIGN_OR_RETURN(auto assignments, tx.uow().retention().ListAssignmentsOfPerson(p.id));
    CONFIDE_RETURN_IF_ERROR(CheckNoCopies(assignments, "retention assignment"));
    if (!assignments.empty()) in.latest_assignment[p.id] = assignments.back();
    in.index[p.id] = in.subjects.size();
    in.subjects.push_back(std::move(row));
  }
  return in;
}

// The schedule's facts for every person still held, decrypting their current details (date of
// birth, looked-after status) and any class given to them.
Result<std::vector<governance::RetentionFacts>> BuildFacts(Vault::Tx& tx, const RunInputs& in) {
  std::vector<governance::RetentionFacts> facts;
  facts.reserve(in.subjects.size() + in.destroyed_on.size());
  for (const store::RetentionSubjectRow& row : in.subjects) {
    CONFIDE_ASSIGN_OR_RETURN(domain::Person person, ReadPerson(tx, row.person));
    governance::RetentionFacts f;
    f.person_id = row.person.id;
    f.kind = person.kind;
    f.date_of_birth = person.details.date_of_birth;
    f.looked_after = person.details.status.looked_after;
    f.child_protection = row.safeguarding_concern || person.details.status.child_protection_plan;
    UnixMicros last = std::max(row.person.created_at, row.person.updated_at);
    if (row.last_record_at) last = std::max(last, *row.last_record_at);
    f.last_activity = CivilDate::FromUnixMicros(last);
    if (auto it = in.children_of_adult.find(row.person.id); it != in.children_of_adult.end()) f.linked_children = it->second;
    if (auto it = in.latest_assignment.find(row.person.id); it != in.latest_assignment.end()) {
      CONFIDE_ASSIGN_OR_RETURN(RetentionAssignment a, OpenAssignment(tx, row.person, it->second));
      f.assigned_class = a.class_id;
      f.trigger_date = a.trigger_date;
    }
    facts.push_back(std::move(f));
    tx.ForgetSubjectKey(row.person.subject_id);
  }
  // Children destroyed by an earlier run still count for the adults linked to them: as destroyed
  // on the day they were.
  for (const auto& [person_id, on] : in.destroyed_on) {
    governance::RetentionFacts f;
    f.person_id = person_id;
    f.destroyed_on = on;
    facts.push_back(std::move(f));
  }
  return facts;
}

// Destroys everyone at `due` (positions in report.items) and issues the run's certificate.
Status DestroyAndCertify(Vault::Tx& tx, const RunInputs& in, RetentionReport& report, const std::vector<size_t>& due,
                         const crypto::SigningKey& signing_key, const std::string& organisation, SubjectKeyCache& key_cache) {
  report.certificate_id = NewCertificateId(report.today);
  CONFIDE_ASSIGN_OR_RETURN(nlohmann::json registers, DestroyRegisterEntries(tx, report, key_cache));
  nlohmann::json destroyed = nlohmann::json::array();
  for (size_t pos : due) {
    RetentionItem& item = report.items[pos];
    const store::RetentionSubjectRow& row = in.subjects[in.index.at(item.person_id)];
    // Destruction is the DPO's decision under the access policy, person by person.
    CONFIDE_RETURN_IF_ERROR(
        tx.Authorize(policy::Action::kSubjectDestroy, item.person_id, domain::SensitivityTier::kGeneral, NoSuchPerson(item.person_id))
            .status());
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::ChronologyRow> records, tx.uow().records().ListForPerson(item.person_id));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::ConsentRow> consents, tx.uow().consents().ListOfPerson(item.person_id));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::SharingRequestRow> requests,
                             tx.uow().sharing().ListRequestsOfPerson(item.person_id));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::PersonVersionRow> versions, tx.uow().persons().ListVersions(item.person_id));
    CONFIDE_RETURN_IF_ERROR(tx.uow().keys().DestroySubjectKey(row.person.subject_id, tx.now()));
    CONFIDE_RETURN_IF_ERROR(tx.uow().persons().RemoveIndexTerms(item.person_id));
    key_cache.Erase(row.person.subject_id);
    // The tombstone: ids, the class and the certificate; nothing that was personal data.
    CONFIDE_RETURN_IF_ERROR(tx.Audit("retention.destroy", item.person_id, 0, 0, "certificate=" + report.certificate_id));
    const auto& review = in.latest_review.at(item.person_id);
    destroyed.push_back({{"person_id", item.person_id},
                         {"kind", domain::ToString(item.kind)},
                         {"class", item.outcome.class_id},
                         {"due_on", item.outcome.destroy_on->ToIso()},
                         {"review_id", review.id},
                         {"approved_by", review.reviewed_by},
                         {"approved_at", domain::FormatTimestampIso(review.reviewed_at)},
                         {"person_versions", versions.size()},
                         {"records", records.size()},
                         {"consents", consents.size()},
                         {"sharing_requests", requests.size()}});
    item.state = RetentionState::kDestroyed;
  }
  const nlohmann::json body = {
      {"certificate", report.certificate_id},
      {"organisation", organisation},
      {"issued_at", domain::FormatTimestampIso(tx.now())},
      {"issued_by", tx.actor()},
      {"run_date", report.today.ToIso()},
      {"method",
       "crypto-shredding: each person's data key was destroyed, so every version of their details, their records, "
       "relationships, consents and sharing register entries can no longer be decrypted; their search index terms "
       "were deleted; freed database cells are overwritten in place (secure_delete) and the write-ahead log is "
       "checkpointed and truncated after the run; each register entry's (an FOI request's, a breach's, a dismissed "
       "candidate's) own key was destroyed, so its words can no longer be decrypted"},
      {"destroyed", destroyed},
      {"count", destroyed.size()},
      {"registers_destroyed", registers},
      {"register_count", registers.size()},
  };
  store::DestructionCertificateRow cert;
  cert.id = report.certificate_id;
  cert.issued_by = tx.actor();
  cert.issued_at = tx.now();
  cert.body = body.dump();
  const crypto::Signature sig = signing_key.Sign(AsBytes(cert.body));
  cert.signature.assign(sig.begin(), sig.end());
  CONFIDE_RETURN_IF_ERROR(tx.uow().retention().InsertCertificate(cert));
  return tx.Audit("retention.certificate", 0, 0, 0,
                  "certificate=" + cert.id + "; destroyed=" + std::to_string(destroyed.size()) +
                      "; registers=" + std::to_string(registers.size()) +
                      "; sha256=" + HexEncode(crypto::Sha256(AsBytes(cert.body))));
}

}  // namespace

Result<RetentionReport> Retention::Run(domain::StaffId actor, CivilDate today, bool apply) {
  return Evaluate(actor, today, apply ? Mode::kApply : Mode::kDryRun);
}

Result<std::vector<RetentionItem>> Retention::AwaitingReviewBy(domain::StaffId actor, CivilDate by) {
  CONFIDE_ASSIGN_OR_RETURN(RetentionReport report, Evaluate(actor, by, Mode::kDueList));
  return std::move(report.items);
}

Result<RetentionReport> Retention::Evaluate(domain::StaffId actor, CivilDate today, Mode mode) {
  const bool apply = mode == Mode::kApply;
  auto body = [&](Vault::Tx& tx) -> Result<RetentionReport> {
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kRetentionManage).status());
    // Destroying "as of" a later day would destroy early, whoever the caller is.
    if (apply && today > UkToday(tx.now())) {
      return Status::InvalidArgument("an applied retention run is as of today (" + UkToday(tx.now()).ToIso() + "), not " +
                                     today.ToIso());
    }
    CONFIDE_ASSIGN_OR_RETURN(RunInputs in, GatherInputs(tx));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<governance::RetentionFacts> facts, BuildFacts(tx, in));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<RetentionOutcome> outcomes, governance::ComputeRetention(policy_.retention, facts));

    RetentionReport report;
    report.today = today;
    report.applied = apply;
    report.people = in.subjects.size();
    report.destroyed_before = in.destroyed_before;
    // Every hold over each person, then over their linked adults too: a family member is kept as
    // long as the child whose file is held.
    std::vector<std::vector<int64_t>> holds(in.subjects.size());
    for (size_t i = 0; i < in.subjects.size(); ++i) {
      for (const auto& hold : in.holds) {
        if (Covers(hold, in.subjects[i].person.id, outcomes[i].class_id, policy_.retention)) holds[i].push_back(hold.id);
      }
    }
    std::vector<std::vector<int64_t>> linked_holds = holds;
    for (const auto& [adult, children] : in.children_of_adult) {
      auto at = in.index.find(adult);
      if (at == in.index.end()) continue;
      for (int64_t child : children) {
        if (auto c = in.index.find(child); c != in.index.end()) {
          for (int64_t h : holds[c->second]) {
            auto& mine = linked_holds[at->second];
            if (std::find(mine.begin(), mine.end(), h) == mine.end()) mine.push_back(h);
          }
        }
      }
    }

    // Each person's state, then family members against their children's, then the listing.
    std::vector<std::optional<RetentionItem>> items(in.subjects.size());
    for (size_t i = 0; i < in.subjects.size(); ++i) {
      const store::RetentionSubjectRow& row = in.subjects[i];
      // Someone the access policy hides from this DPO (a restriction) is neither shown nor
      // destroyed by their run: another DPO's run sees them.
      if (!tx.Decide(policy::Action::kRetentionManage, row.person.id).allowed) {
        ++report.hidden;
        continue;
      }
      RetentionItem item;
      item.person_id = row.person.id;
      item.kind = domain::ParsePersonKind(row.person.kind).value_or(domain::PersonKind::kAdult);
      item.outcome = std::move(outcomes[i]);
      item.hold_ids = linked_holds[i];
      if (auto it = in.open_requests.find(row.person.id); it != in.open_requests.end()) item.subject_access_ids = it->second;
      std::optional<RetentionReview> latest;
      if (auto it = in.latest_review.find(row.person.id); it != in.latest_review.end()) {
        CONFIDE_ASSIGN_OR_RETURN(latest, OpenReview(tx, row.person, it->second));
        tx.ForgetSubjectKey(row.person.subject_id);
      }
      Classify(item, latest, today);
      items[i] = std::move(item);
    }
    // A family member follows the children they are linked to: while any of them is still kept
    // (held, kept longer, not yet reviewed, hidden from this DPO), so are they. A child destroyed
    // earlier, or due in this run, no longer keeps them.
    for (size_t i = 0; i < items.size(); ++i) {
      if (!items[i] || items[i]->state != RetentionState::kDue) continue;
      const governance::RetentionClass* cls = policy_.retention.Find(items[i]->outcome.class_id);
      if (!cls || cls->start != governance::RetentionStart::kLinkedChildren) continue;
      auto children = in.children_of_adult.find(items[i]->person_id);
      if (children == in.children_of_adult.end()) continue;
      const bool children_gone = std::all_of(children->second.begin(), children->second.end(), [&](int64_t c) {
        auto at = in.index.find(c);
        return at == in.index.end() || (items[at->second] && items[at->second]->state == RetentionState::kDue);
      });
      if (!children_gone) {
        items[i]->state = RetentionState::kApproved;
        items[i]->outcome.explanation += " Destroyed only once the records of every child they are linked to have been.";
      }
    }
    std::vector<size_t> due;  // positions in report.items
    for (std::optional<RetentionItem>& item : items) {
      if (!item) continue;
      if (item->state == RetentionState::kNotDue) {
        ++report.not_due;  // held or not: a moratorium must not list everyone
        continue;
      }
      // The deadlines view shows only those awaiting review.
      if (mode == Mode::kDueList && item->state != RetentionState::kAwaitingReview) continue;
      if (item->state == RetentionState::kDue) due.push_back(report.items.size());
      // The listed person's dates (which can reveal a date of birth) reach the DPO's screen. The
      // class stays out of the log: it can say someone was adopted.
      CONFIDE_RETURN_IF_ERROR(tx.Audit(mode == Mode::kDueList ? "retention.due.item" : "retention.item", item->person_id, 0, 0,
                                       "state=" + std::string(ToString(item->state))));
      report.items.push_back(std::move(*item));
    }

    if (mode != Mode::kDueList) CONFIDE_RETURN_IF_ERROR(EvaluateRegisters(tx, policy_, in.holds, today, report));
    const bool registers_due = std::any_of(report.register_items.begin(), report.register_items.end(),
                                           [](const RegisterRetentionItem& r) { return r.state == RetentionState::kDue; });
    if (apply && (!due.empty() || registers_due)) {
      CONFIDE_ASSIGN_OR_RETURN(domain::Organisation org, vault_.GetOrganisationIn(tx));
      CONFIDE_RETURN_IF_ERROR(
          DestroyAndCertify(tx, in, report, due, vault_.keys_->signing_key(), org.name, *vault_.subject_keys_));
    }
    const char* event = mode == Mode::kApply ? "retention.apply" : mode == Mode::kDueList ? "retention.due" : "retention.dry_run";
    CONFIDE_RETURN_IF_ERROR(tx.Audit(event, 0, 0, 0,
                                     "people=" + std::to_string(report.people) + "; listed=" +
                                         std::to_string(report.items.size()) + "; due=" + std::to_string(due.size()) +
                                         "; register_entries=" + std::to_string(report.register_items.size()) +
                                         (report.certificate_id.empty() ? "" : "; certificate=" + report.certificate_id)));
    return report;
  };
  if (mode == Mode::kDueList) return vault_.Read<RetentionReport>(actor, {"retention.due"}, body);
  if (!apply) return vault_.Read<RetentionReport>(actor, {"retention.dry_run"}, body);
  Result<RetentionReport> report = vault_.Transact<RetentionReport>(actor, {"retention.apply"}, body);
  if (report.ok() && !report->certificate_id.empty()) {
    // The destruction has committed: the keys are gone whatever happens next. Overwriting what
    // the write-ahead log still holds waits for readers; if they outlast the retries, say so
    // rather than fail a run that did its work (the next checkpoint finishes it).
    Status purged = vault_.store_->PurgeFreedData();
    for (int attempt = 1; !purged.ok() && attempt < 3; ++attempt) purged = vault_.store_->PurgeFreedData();
    report->purged = purged.ok();
  }
  return report;
}

// ---- classes, reviews, holds, certificates ------------------------------------------------------

Result<int64_t> Retention::AssignClass(domain::StaffId actor, domain::PersonId person_id, const std::string& class_id,
                                       std::optional<CivilDate> trigger_date, const std::string& reason) {
  const governance::RetentionClass* cls = policy_.retention.Find(class_id);
  if (!cls) return Status::InvalidArgument("the retention schedule has no class \"" + class_id + "\"");
  if (cls->start == governance::RetentionStart::kTriggerDate && !trigger_date) {
    return Status::InvalidArgument("the class " + class_id + " is counted from a date: give it (--trigger-date)");
  }
  CONFIDE_RETURN_IF_ERROR(RequireReason(reason, "giving a retention class"));
  return vault_.Transact<int64_t>(actor, {"retention.assign", person_id}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRetentionManage, person_id,
                                                                     domain::SensitivityTier::kGeneral, NoSuchPerson(person_id)));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, person_id));
    if (trigger_date && *trigger_date > CivilDate::FromUnixMicros(tx.now())) {
      return Status::InvalidArgument("the trigger date is in the future");
    }
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
    FieldMap fields{{"class", class_id}, {"reason", reason}};
    if (trigger_date) fields["trigger_date"] = trigger_date->ToIso();
    store::RetentionAssignmentRow row{0, person_id, tx.actor(), tx.now(), {}};
    CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*key, SealedHeader(kAssignmentEntity, person, row.assigned_at, row.assigned_by), fields));
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, tx.uow().retention().InsertAssignment(row));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("retention.assign", *d, person_id));
    return id;
  });
}

Result<std::vector<RetentionAssignment>> Retention::ListAssignments(domain::StaffId actor, domain::PersonId person_id) {
  return vault_.Read<std::vector<RetentionAssignment>>(
      actor, {"retention.assignments", person_id}, [&](Vault::Tx& tx) -> Result<std::vector<RetentionAssignment>> {
        CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRetentionManage, person_id,
                                                                         domain::SensitivityTier::kGeneral, NoSuchPerson(person_id)));
        CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, person_id));
        CONFIDE_ASSIGN_OR_RETURN(auto rows, tx.uow().retention().ListAssignmentsOfPerson(person_id));
        std::vector<RetentionAssignment> out;
        for (const auto& row : rows) {
          CONFIDE_ASSIGN_OR_RETURN(RetentionAssignment a, OpenAssignment(tx, person, row));
          out.push_back(std::move(a));
        }
        CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("retention.assignments", *d, person_id));
        return out;
      });
}

Result<int64_t> Retention::Review(domain::StaffId actor, domain::PersonId person_id, ReviewDecision decision,
                                  std::optional<CivilDate> retain_until, const std::string& reason, CivilDate today) {
  CONFIDE_RETURN_IF_ERROR(RequireReason(reason, "a retention review"));
  if (decision == ReviewDecision::kRetain && (!retain_until || *retain_until <= today)) {
    return Status::InvalidArgument("keeping records needs the later date to review them again (--retain-until), after today");
  }
  if (decision == ReviewDecision::kDestroy && retain_until) {
    return Status::InvalidArgument("a review that approves destruction has no retain-until date");
  }
  return vault_.Transact<int64_t>(actor, {"retention.review", person_id}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRetentionManage, person_id,
                                                                     domain::SensitivityTier::kGeneral, NoSuchPerson(person_id)));
    if (decision == ReviewDecision::kDestroy) {
      CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kSubjectDestroy, person_id, domain::SensitivityTier::kGeneral,
                                           NoSuchPerson(person_id)).status());
    }
    if (today > UkToday(tx.now())) return Status::InvalidArgument("a review is made today, not on " + today.ToIso());
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, person_id));
    // The person's dates as the run works them out now (their class, their linked children).
    CONFIDE_ASSIGN_OR_RETURN(RunInputs in, GatherInputsFor(tx, person));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<governance::RetentionFacts> facts, BuildFacts(tx, in));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<RetentionOutcome> outcomes, governance::ComputeRetention(policy_.retention, facts));
    auto at = in.index.find(person_id);
    if (at == in.index.end()) return Status::FailedPrecondition("person " + std::to_string(person_id) + " has been destroyed");
    const RetentionOutcome& outcome = outcomes[at->second];
    if (!outcome.destroy_on) {
      return Status::FailedPrecondition("person " + std::to_string(person_id) +
                                        "'s destruction date cannot be worked out, so there is nothing to review: " +
                                        "give them a class (with its date)");
    }
    if (today < outcome.review_on.value_or(*outcome.destroy_on)) {
      return Status::FailedPrecondition("person " + std::to_string(person_id) + " is not due for review until " +
                                        outcome.review_on.value_or(*outcome.destroy_on).ToIso());
    }
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
    FieldMap fields{{"reason", reason}, {"due_on", outcome.destroy_on->ToIso()}, {"class", outcome.class_id}};
    if (retain_until) fields["retain_until"] = retain_until->ToIso();
    store::RetentionReviewRow row{0, person_id, std::string(ToString(decision)), tx.actor(), tx.now(), {}};
    CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*key, SealedHeader(kReviewEntity, person, row.reviewed_at, row.reviewed_by,
                                                                       row.decision), fields));
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, tx.uow().retention().InsertReview(row));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("retention.review", *d, person_id, 0, 0, "decision=" + row.decision));
    return id;
  });
}

Result<std::vector<RetentionReview>> Retention::ListReviews(domain::StaffId actor, domain::PersonId person_id) {
  return vault_.Read<std::vector<RetentionReview>>(
      actor, {"retention.reviews", person_id}, [&](Vault::Tx& tx) -> Result<std::vector<RetentionReview>> {
        CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRetentionManage, person_id,
                                                                         domain::SensitivityTier::kGeneral, NoSuchPerson(person_id)));
        CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, person_id));
        CONFIDE_ASSIGN_OR_RETURN(auto rows, tx.uow().retention().ListReviewsOfPerson(person_id));
        std::vector<RetentionReview> out;
        for (const auto& row : rows) {
          CONFIDE_ASSIGN_OR_RETURN(RetentionReview r, OpenReview(tx, person, row));
          out.push_back(std::move(r));
        }
        CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("retention.reviews", *d, person_id));
        return out;
      });
}

Result<int64_t> Retention::PlaceHold(domain::StaffId actor, const LegalHold& hold) {
  CONFIDE_RETURN_IF_ERROR(RequireReason(hold.reason, "a legal hold"));
  if (hold.person_id && !hold.class_id.empty()) {
    return Status::InvalidArgument("a legal hold is on one person or on a class, not both");
  }
  if (!hold.class_id.empty() && !policy_.retention.Find(hold.class_id) && !IsRegisterHold(hold.class_id)) {
    return Status::InvalidArgument("the retention schedule has no class \"" + hold.class_id + "\" (nor is it a register: " +
                                   kFoiRegisterHold + ", " + kBreachRegisterHold + ")");
  }
  const domain::PersonId person_id = hold.person_id.value_or(0);
  return vault_.Transact<int64_t>(actor, {"retention.hold", person_id}, [&](Vault::Tx& tx) -> Result<int64_t> {
    store::LegalHoldRow row;
    row.person_id = hold.person_id;
    row.class_id = hold.class_id;
    row.placed_by = tx.actor();
    row.placed_at = tx.now();
    const policy::Decision* d = nullptr;
    if (hold.person_id) {
      CONFIDE_ASSIGN_OR_RETURN(d, tx.Authorize(policy::Action::kRetentionManage, person_id, domain::SensitivityTier::kGeneral,
                                               NoSuchPerson(person_id)));
      CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, person_id));
      CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
      CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*key, SealedHeader(kHoldEntity, person, row.placed_at, row.placed_by),
                                                      FieldMap{{"reason", hold.reason}}));
    } else {
      CONFIDE_ASSIGN_OR_RETURN(d, tx.Authorize(policy::Action::kRetentionManage));
      row.reason = hold.reason;  // an inquiry or a matter, not a person: documented as never personal data
    }
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, tx.uow().retention().InsertHold(row));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("retention.hold", *d, person_id, 0, 0,
                                           "hold=" + std::to_string(id) +
                                               (hold.class_id.empty() ? std::string() : "; class=" + hold.class_id)));
    return id;
  });
}

Status Retention::LiftHold(domain::StaffId actor, int64_t hold_id) {
  return vault_.Transact<bool>(actor, {"retention.lift"}, [&](Vault::Tx& tx) -> Result<bool> {
                 CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRetentionManage));
                 CONFIDE_ASSIGN_OR_RETURN(std::optional<store::LegalHoldRow> row, tx.uow().retention().GetHold(hold_id));
                 // A hold on someone hidden from the actor looks exactly like no hold at all.
                 if (!row || (row->person_id && !tx.Decide(policy::Action::kRetentionManage, *row->person_id).allowed)) {
                   return Status::NotFound("no legal hold with id " + std::to_string(hold_id));
                 }
                 CONFIDE_RETURN_IF_ERROR(tx.uow().retention().LiftHold(hold_id, tx.now(), tx.actor()));
                 CONFIDE_RETURN_IF_ERROR(
                     tx.AuditAccess("retention.lift", *d, row->person_id.value_or(0), 0, 0, "hold=" + std::to_string(hold_id)));
                 return true;
               })
      .status();
}

Result<std::vector<LegalHold>> Retention::ListHolds(domain::StaffId actor, bool include_lifted) {
  return vault_.Read<std::vector<LegalHold>>(actor, {"retention.holds"}, [&](Vault::Tx& tx) -> Result<std::vector<LegalHold>> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRetentionManage));
    CONFIDE_ASSIGN_OR_RETURN(auto rows, tx.uow().retention().ListHolds(include_lifted));
    std::vector<LegalHold> out;
    for (const auto& row : rows) {
      if (row.person_id && !tx.Decide(policy::Action::kRetentionManage, *row.person_id).allowed) continue;
      CONFIDE_ASSIGN_OR_RETURN(LegalHold h, OpenHold(tx, row));
      out.push_back(std::move(h));
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("retention.holds", *d, 0, 0, 0, "holds=" + std::to_string(out.size())));
    return out;
  });
}

namespace {
DestructionCertificate CheckedCertificate(const store::DestructionCertificateRow& row, const crypto::PublicKey& key) {
  DestructionCertificate c{row.id, row.issued_at, row.issued_by, row.body, row.signature, false};
  c.signature_valid = crypto::VerifySignature(key, AsBytes(row.body), row.signature);
  return c;
}
}  // namespace

Result<DestructionCertificate> Retention::GetCertificate(domain::StaffId actor, const std::string& id) {
  return vault_.Read<DestructionCertificate>(actor, {"retention.certificate"}, [&](Vault::Tx& tx) -> Result<DestructionCertificate> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRetentionManage));
    CONFIDE_ASSIGN_OR_RETURN(auto row, tx.uow().retention().GetCertificate(id));
    if (!row) return Status::NotFound("no destruction certificate " + id);
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("retention.certificate.read", *d, 0, 0, 0, "certificate=" + row->id));
    return CheckedCertificate(*row, vault_.organisation_public_key());
  });
}

Result<std::vector<DestructionCertificate>> Retention::ListCertificates(domain::StaffId actor) {
  return vault_.Read<std::vector<DestructionCertificate>>(
      actor, {"retention.certificates"}, [&](Vault::Tx& tx) -> Result<std::vector<DestructionCertificate>> {
        CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kRetentionManage));
        CONFIDE_ASSIGN_OR_RETURN(auto rows, tx.uow().retention().ListCertificates());
        std::vector<DestructionCertificate> out;
        for (const auto& row : rows) out.push_back(CheckedCertificate(row, vault_.organisation_public_key()));
        CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("retention.certificates", *d, 0, 0, 0, "count=" + std::to_string(out.size())));
        return out;
      });
}

}  // namespace confide::service
