// Retention: keeping records no longer than necessary, and destroying them securely.
//
// The governance policy's retention schedule (governance/retention_schedule.h) says how long each
// class of record about a person is kept. A run works out, for every person not yet destroyed,
// their class (given explicitly, or from what Confide knows: looked after, a safeguarding concern,
// an adult linked to children), the date their records fall due for destruction and the date to
// review them. Nothing is destroyed without a review: the data protection officer reviews each
// person due and either approves destruction or keeps the records to a later date, with reasons.
// Legal holds (one person, a class, or everyone during an inquiry's moratorium) stop destruction
// whatever the reviews say.
//
// `Run(..., apply = false)` is a dry run: it reports and writes nothing but its audit event.
// `Run(..., apply = true)` destroys every person who is due, approved, and not held, by
// crypto-shredding (their data key goes, so every version of their details, records,
// relationships, consents and sharing register entries is undecryptable for ever), and issues a
// destruction certificate signed with the organisation's key: ids, classes, dates and counts, no
// personal data. Each destruction leaves an audit tombstone (`retention.destroy`, the person's id,
// the class and the certificate id) so the audit log still verifies and says what happened.
//
// Thread-safety: as Vault (each call is one transaction).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "governance/governance_policy.h"
#include "governance/retention_schedule.h"
#include "service/vault.h"

namespace confide::service {

// Where one person stands in a run.
enum class RetentionState {
  kNotDue,          // review date not reached
  kAwaitingReview,  // due for review (or destruction) and nobody has reviewed since it fell due
  kRetained,        // reviewed: kept until a later date, not reached yet
  kApproved,        // reviewed: destruction approved, but not yet due (review ahead of the date)
  kDue,             // approved and due: the next applied run destroys them
  kHeld,            // due and approved, but under a legal hold or an open subject access request
  kUnknownDate,     // the schedule cannot work out a date (reported; never destroyed)
  kDestroyed,       // destroyed by this run
};
std::string_view ToString(RetentionState s);

struct RetentionItem {
  domain::PersonId person_id = 0;
  domain::PersonKind kind = domain::PersonKind::kChild;
  governance::RetentionOutcome outcome;
  RetentionState state = RetentionState::kNotDue;
  std::optional<int64_t> review_id;            // the latest review that counts
  std::optional<domain::CivilDate> retain_until;  // from a review that keeps the records
  std::vector<int64_t> hold_ids;               // the holds that apply
  // Open subject access requests about them (neither released nor closed): destruction waits for
  // them like a hold, since destroying information to keep it from a requester is an offence
  // (Data Protection Act 2018 s.173).
  std::vector<int64_t> subject_access_ids;
};

// The registers about no child (docs/governance.md "Registers"): an entry is kept for the
// register's years once closed, then destroyed by the next applied run unless a legal hold on the
// register (class kFoiRegisterHold or kBreachRegisterHold) or on everyone keeps it. No review of
// each entry: the period runs from a closing the DPO recorded, and applying the run approves it.
enum class RegisterKind { kFoiRequest, kBreach, kBreachDismissal };
std::string_view ToString(RegisterKind k);  // "foi_request", "breach", "breach_dismissal"
inline constexpr const char* kFoiRegisterHold = "foi_register";
inline constexpr const char* kBreachRegisterHold = "breach_register";  // breaches and dismissed candidates
bool IsRegisterHold(std::string_view class_id);

struct RegisterRetentionItem {
  RegisterKind kind = RegisterKind::kFoiRequest;
  int64_t id = 0;  // the request's, breach's or dismissal's id
  domain::CivilDate closed_on;
  domain::CivilDate due_on;  // closed_on + the register's years
  RetentionState state = RetentionState::kDue;  // kDue, kHeld or kDestroyed
  std::vector<int64_t> hold_ids;
  int64_t subject_id = 0;  // whose key destruction shreds
};

struct RetentionReport {
  domain::CivilDate today;
  bool applied = false;
  size_t people = 0;      // people considered (not destroyed before this run)
  size_t destroyed_before = 0;
  // Everyone whose review date has come, who is held, or whose date is unknown (the rest are
  // counted in `not_due`), in person id order.
  std::vector<RetentionItem> items;
  size_t not_due = 0;
  size_t hidden = 0;           // people the access policy hides from this DPO: neither listed nor destroyed
  // Register entries due (or held, or destroyed by this run), by kind then id; those not yet due,
  // still open, or of a register without a period are only counted.
  std::vector<RegisterRetentionItem> register_items;
  size_t register_not_due = 0;
  std::vector<std::string> registers_kept;    // registers the policy gives no period: "foi_request"...
  std::vector<std::string> registers_hidden;  // registers this DPO may not keep (foi.manage, breach.manage)
  std::string certificate_id;  // set when an applied run destroyed anyone or anything
  // After destroying: whether what the write-ahead log still held was overwritten at once. False
  // when readers held it past the retries; the next checkpoint does it.
  bool purged = true;
};

// A class given to one person explicitly (a foster carer whose approval ended, an adoption).
struct RetentionAssignment {
  int64_t id = 0;
  domain::PersonId person_id = 0;
  std::string class_id;
  std::optional<domain::CivilDate> trigger_date;
  std::string reason;
  domain::StaffId assigned_by = 0;
  UnixMicros assigned_at = 0;
};

struct LegalHold {
  int64_t id = 0;
  std::optional<domain::PersonId> person_id;  // one person, or
  std::string class_id;                       // every person of a class; neither: everyone
  std::string reason;  // for one person sealed with their key; otherwise in clear, never personal data
  domain::StaffId placed_by = 0;
  UnixMicros placed_at = 0;
  std::optional<UnixMicros> lifted_at;
  domain::StaffId lifted_by = 0;
};

enum class ReviewDecision { kDestroy, kRetain };
std::string_view ToString(ReviewDecision d);
std::optional<ReviewDecision> ParseReviewDecision(std::string_view s);

struct RetentionReview {
  int64_t id = 0;
  domain::PersonId person_id = 0;
  ReviewDecision decision = ReviewDecision::kDestroy;
  std::optional<domain::CivilDate> retain_until;  // kRetain: the new date to review again
  std::optional<domain::CivilDate> due_on;        // the destruction date the review was about
  std::string class_id;                           // and its class, as they were when reviewed
  std::string reason;
  domain::StaffId reviewed_by = 0;
  UnixMicros reviewed_at = 0;
};

// A destruction certificate as issued: its canonical JSON body and the organisation's signature.
struct DestructionCertificate {
  std::string id;
  UnixMicros issued_at = 0;
  domain::StaffId issued_by = 0;
  std::string body;       // canonical JSON (docs/governance.md "Destruction certificates")
  Bytes signature;        // Ed25519 over the body, by the organisation's signing key
  bool signature_valid = false;  // checked when read
};

class Retention {
 public:
  // Uses the governance policy in force for the vault's data directory.
  static Result<std::unique_ptr<Retention>> Create(Vault& vault);
  Retention(Vault& vault, governance::GovernancePolicy policy) : vault_(vault), policy_(std::move(policy)) {}

  const governance::GovernancePolicy& policy() const { return policy_; }

  // Works out everyone's dates as of `today`; destroys those due, approved and not held when
  // `apply`. The DPO only (retention.manage; subject.destroy to apply). One transaction: an
  // applied run that fails destroys nothing.
  Result<RetentionReport> Run(domain::StaffId actor, domain::CivilDate today, bool apply);

  // The people awaiting review as of `by` (a day ahead: whose review date falls by then), for the
  // deadlines view: the same evaluation as a dry run, but only those awaiting review are returned
  // and audited (retention.due.item each), with one retention.due event. The DPO only.
  Result<std::vector<RetentionItem>> AwaitingReviewBy(domain::StaffId actor, domain::CivilDate by);

  // Gives a person a class explicitly (kInvalidArgument for a class not in the schedule, or one
  // counted from a trigger date without one, or a trigger date in the future).
  Result<int64_t> AssignClass(domain::StaffId actor, domain::PersonId person_id, const std::string& class_id,
                              std::optional<domain::CivilDate> trigger_date, const std::string& reason);
  Result<std::vector<RetentionAssignment>> ListAssignments(domain::StaffId actor, domain::PersonId person_id);

  // Records the review of a person: destroy (they must be due for review now) or retain until a
  // later date. A reason is required.
  Result<int64_t> Review(domain::StaffId actor, domain::PersonId person_id, ReviewDecision decision,
                         std::optional<domain::CivilDate> retain_until, const std::string& reason,
                         domain::CivilDate today);
  Result<std::vector<RetentionReview>> ListReviews(domain::StaffId actor, domain::PersonId person_id);

  // A hold on one person (person_id set), on a class (class_id set), or on everyone (neither).
  Result<int64_t> PlaceHold(domain::StaffId actor, const LegalHold& hold);
  Status LiftHold(domain::StaffId actor, int64_t hold_id);
  // Reasons of holds on people are decrypted (those already destroyed say so).
  Result<std::vector<LegalHold>> ListHolds(domain::StaffId actor, bool include_lifted);

  Result<DestructionCertificate> GetCertificate(domain::StaffId actor, const std::string& id);
  Result<std::vector<DestructionCertificate>> ListCertificates(domain::StaffId actor);

 private:
  enum class Mode { kDryRun, kApply, kDueList };
  Result<RetentionReport> Evaluate(domain::StaffId actor, domain::CivilDate today, Mode mode);
  Vault& vault_;
  governance::GovernancePolicy policy_;
};

}  // namespace confide::service
