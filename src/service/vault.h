// Vault: Confide's use cases over the encrypted records vault and the audit log.
//
// Every public method is one database transaction: it checks the actor, reads and writes through
// the store, appends an audit event for each read or write of personal data, signs the audit tree
// head, and commits — all or nothing. A call that fails leaves nothing behind except, for failures
// that touch a real subject (not found, corruption), an audit event recording the failed attempt.
//
// Personal data is sealed with the data subject's key before it reaches the store, and every
// person and record version is signed by the organisation's key. Reads check signatures (full
// reads) or authenticated encryption bound to the clear metadata (chronology summaries).
//
// Every call by a staff member is decided by the access policy (service/access_control.h): role,
// allocation to the child, the record's tier, restrictions, training and break-glass. A denial of
// something about a person looks exactly like its absence (kNotFound with the same message) and is
// audited with the decision's explanation; an allowed access is audited with the rule that allowed
// it. The system actor (set-up, the demo loader, imports) acts only through Batch.
//
// Thread-safety: a Vault may be shared between threads; transactions are serialised by the store.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "audit/verifier.h"
#include "common/clock.h"
#include "domain/access_facts.h"
#include "domain/allocation.h"
#include "sharing/agreement.h"
#include "sharing/consent.h"
#include "sharing/minimum_dataset.h"
#include "sharing/sharing_policy.h"
#include "sharing/sharing_register.h"
#include "domain/person.h"
#include "domain/record.h"
#include "domain/relationship.h"
#include "domain/staff.h"
#include "governance/governance_policy.h"
#include "governance/training_standing.h"
#include "service/data_dir.h"
#include "policy/access_decision.h"
#include "policy/access_policy.h"
#include "crypto/verification_cache.h"
#include "service/key_ring.h"
#include "service/subject_key_cache.h"
#include "store/store.h"

namespace confide::service {

struct InitOptions {
  std::string organisation_name;
  domain::OrganisationKind kind = domain::OrganisationKind::kLocalAuthority;
  // The first administrator, created with the organisation.
  domain::StaffDetails administrator;
};

// What `confide person find` searches by: name and date of birth, or an identifier.
struct PersonQuery {
  std::string family_name;
  std::string given_name;  // optional with family name + date of birth
  std::optional<domain::CivilDate> date_of_birth;
  std::optional<domain::NhsNumber> nhs_number;
  std::string unique_pupil_number;
  std::string la_child_id;
};

struct PersonMatch {
  domain::PersonId id = 0;
  domain::PersonKind kind = domain::PersonKind::kChild;
  std::string display_name;
  std::optional<domain::CivilDate> date_of_birth;
  std::optional<domain::NhsNumber> nhs_number;
};

// A new record: everything but ids, version and recorded_at, which the vault sets.
struct RecordDraft {
  domain::PersonId person_id = 0;
  domain::RecordKind kind = domain::RecordKind::kCaseNote;
  domain::SensitivityTier tier = domain::SensitivityTier::kGeneral;
  UnixMicros occurred_at = 0;
  domain::RecordContent content;  // content.source.kind is stored in clear (it drives redaction)
};

// An amendment: the new content (and optionally tier and date), and why.
struct RecordAmendment {
  domain::RecordId record_id = 0;
  domain::VersionNumber expected_current = 0;  // optimistic check; 0 = whatever is current
  std::optional<domain::SensitivityTier> tier;
  std::optional<UnixMicros> occurred_at;
  domain::RecordContent content;
  // If set, the new content is the current content with `edit` applied, inside the amending
  // transaction (and `content` is ignored): what is read and what is written cannot drift apart,
  // and an edit that fails leaves nothing behind, not even an audited read.
  std::function<Status(domain::RecordContent&)> edit;
  std::string reason;
};

struct ChronologyQuery {
  std::vector<domain::RecordKind> kinds;
  std::vector<domain::SensitivityTier> tiers;
  std::optional<UnixMicros> from;
  std::optional<UnixMicros> to;
  size_t limit = 0;
};

struct ChronologyItem {
  domain::RecordId record_id = 0;
  domain::VersionNumber version = 0;  // current; > 1 means amended
  domain::RecordKind kind = domain::RecordKind::kCaseNote;
  domain::SensitivityTier tier = domain::SensitivityTier::kGeneral;
  UnixMicros occurred_at = 0;
  UnixMicros recorded_at = 0;
  domain::StaffId author_id = 0;
  std::string summary;
};

struct RecordView {
  domain::RecordVersion version;   // the requested (default: current) version, signature checked
  domain::VersionNumber current_version = 0;
};

// One child on a staff member's caseload.
struct CaseloadItem {
  domain::PersonId person_id = 0;
  std::string display_name;
  std::optional<domain::CivilDate> date_of_birth;
  domain::AllocationRole role = domain::AllocationRole::kAllocatedSocialWorker;
  UnixMicros since = 0;
};

// A request to share whose current decision waits for a backing the staff member's role may give
// (Vault::ListAwaitingApproval). Nothing here is decrypted but the person's name.
struct AwaitingApproval {
  int64_t request_id = 0;
  domain::PersonId person_id = 0;
  std::optional<std::string> person_name;  // only when the approver may read the person
  sharing::Direction direction = sharing::Direction::kIncoming;
  sharing::Urgency urgency = sharing::Urgency::kRoutine;
  std::string purpose;  // the sharing policy's purpose id
  sharing::Outcome outcome = sharing::Outcome::kEscalate;
  uint32_t approvals_missing = 0;  // Bit(Approval): every backing still missing
  uint32_t yours = 0;              // those of them the approver's role gives
  UnixMicros received_at = 0;
  UnixMicros decided_at = 0;
  bool sent = false;  // shared already in an emergency: the backing is recorded afterwards
};

// An approver's queue: whether the role backs shares at all, and what waits for it.
struct ApprovalQueue {
  bool approver = false;
  std::vector<AwaitingApproval> items;
};

// One audited access, for access-log reviews. The words are the decision's explanation as stored.
struct AccessEvent {
  uint64_t seq = 0;
  UnixMicros time = 0;
  domain::StaffId actor = 0;
  std::string action;
  domain::PersonId person_id = 0;
  domain::RecordId record_id = 0;
  domain::VersionNumber record_version = 0;
  std::string outcome;
  std::string detail;
};

// What an access-log anomaly report looks for (docs/access-review.md).
struct AnomalyThresholds {
  size_t distinct_children = 20;                       // distinct children by one person ...
  int64_t window_micros = int64_t{60} * 60 * 1000000;  // ... within this long
  int working_day_start_hour = 7;                      // out of hours: before, after, or at weekends (UK time)
  int working_day_end_hour = 19;
};

struct Anomaly {
  std::string kind;  // outside_allocation, many_children, out_of_hours, break_glass, denied, flagged
  domain::StaffId staff_id = 0;
  domain::PersonId person_id = 0;  // 0 when not about one person
  UnixMicros time = 0;
  uint64_t seq = 0;    // the audit entry that shows it
  std::string detail;  // non-personal: counts, action names, rule ids
};

class BatchWriter;
class AccessControl;
class AuditCommitter;
class Identity;

// Unwrapped data keys kept between transactions (service/subject_key_cache.h).
inline constexpr size_t kSubjectKeyCacheCapacity = 1024;

class Vault {
 public:
  // Creates the data directory, key file (0600), database and organisation. kConflict if the data
  // directory already holds a database or key file.
  static Result<std::unique_ptr<Vault>> Init(const std::string& data_dir, const InitOptions& options,
                                             const Clock& clock = SystemClock::Default());
  // Opens an initialised data directory. kNotFound if there is no database or key file;
  // kFailedPrecondition for a wrong key or an unsafe key file.
  static Result<std::unique_ptr<Vault>> Open(const std::string& data_dir, const Clock& clock = SystemClock::Default());

  ~Vault();

  const DataDirConfig& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  const crypto::PublicKey& organisation_public_key() const { return keys_->signing_key().public_key(); }
  Result<domain::Organisation> GetOrganisation();
  // How many people the vault holds (a count, not personal data: not audited).
  Result<int64_t> CountPeople();

  // ---- need-to-know ----
  const policy::AccessPolicy& access_policy() const;
  // The sharing policy in force (service/sharing_policy_file.h), loaded once when the vault opened:
  // it decides every sharing request and names the purposes and categories new entries may use.
  const sharing::SharingPolicy& sharing_policy() const { return sharing_policy_; }
  // The decision for `staff` doing `action` on person `person_id` or record `record_id` (one of
  // them, or neither), with its explanation, without doing it. Audited as policy.explain by
  // `actor`, who needs policy.explain (or is asking about themself).
  Result<policy::Decision> ExplainAccess(domain::StaffId actor, domain::StaffId staff, policy::Action action,
                                         domain::PersonId person_id, domain::RecordId record_id);
  // For actions outside the vault (audit heads, proofs, verification): decides whether `actor` may
  // do `action` and audits the decision either way. kPermissionDenied with the policy's words.
  Status Authorize(domain::StaffId actor, policy::Action action, std::string_view audit_action);
  // The children allocated to the actor now, names decrypted (audited as caseload.read).
  Result<std::vector<CaseloadItem>> Caseload(domain::StaffId actor);

  // ---- training and the confidentiality policy (vault_training.cc) ----
  // Records a completed course (training.manage). The course must be in the governance policy's
  // catalogue when it has one; without an expiry, a course that is refreshed lapses after its
  // refresher interval (governance::RefresherDue).
  Result<int64_t> RecordTraining(domain::StaffId actor, const domain::TrainingRecord& record);
  Result<std::vector<domain::TrainingRecord>> ListTraining(domain::StaffId actor, domain::StaffId staff);
  // The governance policy loaded when the vault opened: the training catalogue and the
  // confidentiality policy the gate uses come from it (a changed file takes effect on restart).
  const governance::GovernancePolicy& governance_policy() const { return *governance_; }
  // Hex BLAKE2b-256 of the confidentiality policy in force (version, title, in-force date and text),
  // "" without one.
  std::string ConfidentialityPolicyDigest() const;
  // The actor acknowledges that they have read the version in force. `version` and `digest` are
  // those of the text they were shown: kFailedPrecondition if they are not the version in force
  // (a page left open across a new version), or if there is no policy. Acknowledging a version
  // again returns the first acknowledgement's id and records nothing new.
  Result<int64_t> AcknowledgeConfidentialityPolicy(domain::StaffId actor, std::string_view version,
                                                   std::string_view digest);
  struct StaffTrainingStanding {
    domain::StaffMember staff;              // details decrypted
    governance::TrainingStanding standing;  // courses and the acknowledgement
    policy::TrainingState gate = policy::TrainingState::kCurrent;  // what the access gate sees now
  };
  // One staff member's standing: their own, or anyone's with training.report. Audited as training.standing.
  Result<StaffTrainingStanding> TrainingStandingOf(domain::StaffId actor, domain::StaffId staff);
  // Every active member of staff, those with something overdue first, then those with something
  // due soon, then by name (training.report). Audited once as training.report with the count.
  Result<std::vector<StaffTrainingStanding>> TrainingReport(domain::StaffId actor);
  // Hides `person_id` from `staff` entirely. The reason is sealed with the person's key.
  Result<int64_t> RestrictPerson(domain::StaffId actor, domain::PersonId person_id, domain::StaffId staff,
                                 const std::string& reason);
  Status LiftRestriction(domain::StaffId actor, int64_t restriction_id);
  Result<std::vector<domain::PersonRestriction>> ListRestrictions(domain::StaffId actor, domain::PersonId person_id);
  // Emergency access to a child the actor is not allocated to, for the policy's break-glass time,
  // with a stated reason. The designated safeguarding leads see it in their alerts.
  Result<domain::BreakGlassGrant> BreakGlass(domain::StaffId actor, domain::PersonId person_id, const std::string& reason);
  // Grants started since `since`, newest first, reasons decrypted (designated persons, the DPO).
  Result<std::vector<domain::BreakGlassGrant>> ListBreakGlass(domain::StaffId actor, UnixMicros since);

  // ---- access-log review (service/vault_access_review.cc) ----
  Result<std::vector<AccessEvent>> AccessLogForPerson(domain::StaffId actor, domain::PersonId person_id, UnixMicros from,
                                                      UnixMicros to, size_t limit);
  // A staff member's accesses; anyone may ask for their own.
  Result<std::vector<AccessEvent>> AccessLogForStaff(domain::StaffId actor, domain::StaffId staff, UnixMicros from,
                                                     UnixMicros to, size_t limit);
  Result<std::vector<Anomaly>> AccessAnomalies(domain::StaffId actor, UnixMicros from, UnixMicros to,
                                               const AnomalyThresholds& thresholds = {});

  // ---- staff ----
  Result<domain::StaffId> AddStaff(domain::StaffId actor, domain::StaffRole role, const std::string& team,
                                   const domain::StaffDetails& details);
  // Changes a staff member's role, team or active flag; takes effect at the next decision. Disabling
  // an account ends its sessions. Audited with the old and new values (roles and teams are not
  // personal data).
  Status UpdateStaff(domain::StaffId actor, domain::StaffId id, domain::StaffRole role, const std::string& team, bool active);
  Result<domain::StaffMember> GetStaff(domain::StaffId actor, domain::StaffId id);
  Result<std::vector<domain::StaffMember>> ListStaff(domain::StaffId actor);

  // ---- people ----
  Result<domain::PersonId> AddPerson(domain::StaffId actor, domain::PersonKind kind, const domain::PersonDetails& details);
  Result<domain::VersionNumber> AmendPerson(domain::StaffId actor, domain::PersonId id,
                                            const domain::PersonDetails& details, const std::string& reason);
  // As above, with the new details made by `edit` from the current ones inside the transaction.
  // `expected_current` (if not 0) must be the current version, else kConflict.
  Result<domain::VersionNumber> AmendPerson(domain::StaffId actor, domain::PersonId id,
                                            const std::function<Status(domain::PersonDetails&)>& edit,
                                            const std::string& reason, domain::VersionNumber expected_current = 0);
  Result<domain::Person> GetPerson(domain::StaffId actor, domain::PersonId id);
  Result<std::vector<PersonMatch>> FindPeople(domain::StaffId actor, const PersonQuery& query);

  // ---- relationships and allocations ----
  Result<domain::RelationshipId> AddRelationship(domain::StaffId actor, domain::PersonId child_id,
                                                 domain::PersonId person_id, const domain::RelationshipDetails& details);
  Result<std::vector<domain::Relationship>> ListRelationships(domain::StaffId actor, domain::PersonId child_id);
  Result<domain::AllocationId> Allocate(domain::StaffId actor, const domain::Allocation& allocation);
  Result<std::vector<domain::Allocation>> ListAllocations(domain::StaffId actor, domain::PersonId child_id);
  // Ends an allocation at `ends_at` (now if unset); takes effect at the next decision.
  Status EndAllocation(domain::StaffId actor, domain::AllocationId id, std::optional<UnixMicros> ends_at = {});

  // ---- consent (service/vault_consent.cc) ----
  // Records a consent or a refusal about `record.subject_id` (a person); the id, withdrawal fields
  // and dates of recording are Confide's. The names of purposes and categories are the sharing
  // policy's. Sealed with the person's key; audited with ids only.
  Result<int64_t> RecordConsent(domain::StaffId actor, sharing::ConsentRecord record);
  // Withdraws consent `consent_id` (or, for a refusal, records that the person no longer refuses)
  // on behalf of `withdrawn_by` (the person who withdrew: the subject or a parent), at `at` (now if
  // unset; never in the future or before it was given). Final: kConflict if already withdrawn.
  Status WithdrawConsent(domain::StaffId actor, int64_t consent_id, domain::PersonId withdrawn_by,
                         std::optional<UnixMicros> at = std::nullopt);
  // Every consent and refusal about a person, oldest first, withdrawn ones included.
  Result<std::vector<sharing::ConsentRecord>> ListConsents(domain::StaffId actor, domain::PersonId person_id);
  // Whether there is valid consent for sharing the person's information for `purpose` with a
  // recipient of kind `recipient`, covering `categories`, at `at` (now if unset), and why: worked
  // out from the consent records, the person's age, parental responsibility and whether the child
  // is looked after.
  Result<sharing::ConsentFinding> CheckConsent(domain::StaffId actor, domain::PersonId person_id, const std::string& purpose,
                                               sharing::RecipientKind recipient, const std::vector<std::string>& categories,
                                               std::optional<UnixMicros> at = std::nullopt);

  // ---- the directory of recipients and agreements (service/vault_recipients.cc) ----
  // Adds a recipient; the name, contact and channel are sealed under a data key of their own.
  Result<int64_t> AddRecipient(domain::StaffId actor, sharing::Recipient recipient);
  // Records how the recipient's identity and entitlement were verified ("call-back to the
  // switchboard number"), by the actor, at `at` (now if unset, never in the future).
  Status RecordRecipientVerification(domain::StaffId actor, int64_t recipient_id, const std::string& method,
                                     const std::string& notes, std::optional<UnixMicros> at = std::nullopt);
  Result<sharing::Recipient> GetRecipient(domain::StaffId actor, int64_t recipient_id);
  Result<std::vector<sharing::Recipient>> ListRecipients(domain::StaffId actor);
  // Records a multi-agency information-sharing agreement (ValidateAgreement; its parties must be
  // in the directory).
  Result<int64_t> RecordAgreement(domain::StaffId actor, sharing::SharingAgreement agreement);
  Result<std::vector<sharing::SharingAgreement>> ListAgreements(domain::StaffId actor);

  // ---- the sharing register (service/vault_sharing.cc) ----
  // Records a request to share, a proposal or a request for advice about `request.person_id`,
  // sealed with the person's key, and decides it at once (DecideSharingRequest).
  Result<sharing::SharingCase> RecordSharingRequest(domain::StaffId actor, sharing::SharingRequest request);
  // Decides the request again on today's facts — consent from the registry, the recipient's
  // verification, contact restrictions, the agreement, the approvals recorded — and records the
  // decision with its reasons, whatever it is.
  Result<sharing::SharingCase> DecideSharingRequest(domain::StaffId actor, int64_t request_id);
  // Records the actor's backing of the current decision, as the kind of approval their role gives
  // (designated person: DSL or deputy; manager; DPO; legal services or the local authority recorded
  // by one of those), then decides again. Never by the person who recorded the request, and only
  // an approval the decision asks for. `approved_at` (now if unset) may be earlier: given by phone.
  Result<sharing::SharingCase> ApproveSharingRequest(domain::StaffId actor, int64_t request_id, sharing::Approval approval,
                                                     const std::string& reason,
                                                     std::optional<UnixMicros> approved_at = std::nullopt);
  // Records what was sent under the current decision: the categories it released (nothing else
  // may be listed), the exact fields and record versions, the channel, the package id, whether
  // the person is told and if not why. A share the decision did not allow (recorded because it
  // happened: `already_sent`) is kept and opens an investigation item.
  struct DisclosureInput {
    std::vector<std::string> fields;
    std::vector<std::string> withheld;
    std::string package_id;
    std::optional<sharing::Channel> channel;  // the request's channel if unset
    bool subject_told = false;
    std::string not_told_reason;
    bool already_sent = false;  // it left outside Confide (by phone, say) and is being recorded
    std::optional<UnixMicros> sent_at;
  };
  Result<sharing::SharingCase> RecordDisclosure(domain::StaffId actor, int64_t request_id, const DisclosureInput& input);
  // The minimum dataset the current decision releases, for the sender to read before sending:
  // the child's details, family links and records of the released categories (restricted records
  // only if the actor may read them), with what is withheld. kFailedPrecondition unless the
  // decision allows sending now.
  Result<sharing::MinimumDataset> PrepareDisclosure(domain::StaffId actor, int64_t request_id);
  // Builds that dataset, signs it with the organisation's key and seals it to the recipient's
  // public key (a disclosure package, docs/formats/disclosure-package.md), and records the
  // disclosure with exactly the fields and record versions in it.
  struct SendOptions {
    bool subject_told = false;
    std::string not_told_reason;
    int64_t valid_for_micros = int64_t{14} * 86'400'000'000;  // the package expires after
  };
  struct SentDisclosure {
    sharing::SharingCase sharing_case;
    std::string package_id;
    std::string package_text;  // the package file to send
  };
  Result<SentDisclosure> SendDisclosure(domain::StaffId actor, int64_t request_id, const SendOptions& options);
  // The package text exactly as SendDisclosure returned it (kept sealed with the person's key in
  // the same transaction), for a sender whose file was lost or a page that offers it after a
  // redirect: fetching it again never records a second disclosure. Needs sharing.disclose, like
  // sending; audited as sharing.package. kNotFound, word for word alike, when the request is
  // missing or hidden from the actor, the disclosure is not of that request, or it has no package
  // (recorded by another route, or sent before schema v5).
  Result<std::string> GetDisclosurePackage(domain::StaffId actor, int64_t request_id, int64_t disclosure_id);
  Result<sharing::SharingCase> GetSharingCase(domain::StaffId actor, int64_t request_id);
  // The requests whose current decision waits for a backing the actor's role gives (a designated
  // person, a manager, the DPO), about people the access policy lets them approve for, except those
  // they recorded themselves: the most urgent first, then the oldest. Read from the register's
  // clear columns; each request listed is audited against its person (sharing.awaiting.item).
  Result<ApprovalQueue> ListAwaitingApproval(domain::StaffId actor);
  // A person's requests, newest first, with their decisions.
  Result<std::vector<sharing::SharingCase>> ListSharingCases(domain::StaffId actor, domain::PersonId person_id);

  // ---- records ----
  Result<domain::RecordId> AddRecord(domain::StaffId actor, const RecordDraft& draft);
  Result<domain::VersionNumber> AmendRecord(domain::StaffId actor, const RecordAmendment& amendment);
  Result<RecordView> GetRecord(domain::StaffId actor, domain::RecordId id, std::optional<domain::VersionNumber> version = {});
  Result<std::vector<domain::RecordVersion>> GetRecordHistory(domain::StaffId actor, domain::RecordId id);
  Result<std::vector<ChronologyItem>> Chronology(domain::StaffId actor, domain::PersonId person_id, const ChronologyQuery& query);
  // A signed, decrypted copy of one version for use outside Confide (service/record_export.h).
  // Audited as an export.
  Result<nlohmann::json> ExportRecord(domain::StaffId actor, domain::RecordId id, std::optional<domain::VersionNumber> version = {});

  // Many writes in one transaction (imports, the demo loader). All or nothing.
  Status Batch(domain::StaffId actor, const std::function<Status(BatchWriter&)>& body);

  // ---- keys ----
  // Crypto-shredding: destroys the person's data key, so every version of their details, every
  // record about them and their relationships' details become undecryptable. Audited.
  Status DestroySubjectKey(domain::StaffId actor, domain::PersonId person_id);
  // Generates a new key-encryption key, re-wraps every data key and organisation secret under it in
  // one transaction, then swaps the key files. Records are not re-encrypted. Crash-safe: an
  // interrupted rotation is completed by the next Open(). Returns the new key id.
  Result<std::string> RotateKeyEncryptionKey(domain::StaffId actor);

  // ---- audit ----
  Result<audit::VerifyReport> VerifyAudit(const audit::VerifyOptions& options = {});
  Result<audit::SignedTreeHead> LatestAuditHead();
  Result<audit::AuditEntry> GetAuditEntry(uint64_t seq);
  Result<std::vector<audit::Hash32>> AuditInclusionProof(uint64_t seq, uint64_t tree_size);
  Result<std::vector<audit::Hash32>> AuditConsistencyProof(uint64_t size1, uint64_t size2);

  // The audit group committer's counts so far, and the appends waiting for it (for /metrics).
  struct AuditCommitFigures {
    uint64_t batches = 0;
    uint64_t events = 0;
    size_t queued = 0;
  };
  AuditCommitFigures AuditCommitStats() const;

  // TEST ONLY: the store, for fault injection and tampering.
  store::Store& StoreForTest() { return *store_; }

  class Tx;  // one transaction: unit of work, audit appender, data-key cache

  // While one lives on a thread, that thread's reads of this vault share one read transaction
  // (one snapshot) instead of beginning one each: for one GET request, the session check and the
  // handler's reads see the same state, and pay once for beginning a snapshot and for the page
  // cache that SQLite drops whenever another connection has committed since. A write on the thread
  // ends the shared snapshot (the reads after it begin another, which sees the write), and so does
  // a read that fails.
  class SharedSnapshot {
   public:
    explicit SharedSnapshot(Vault& vault);
    ~SharedSnapshot();
    SharedSnapshot(const SharedSnapshot&) = delete;
    SharedSnapshot& operator=(const SharedSnapshot&) = delete;

   private:
    friend class Vault;
    // The snapshot installed on this thread for `vault`, if any.
    static SharedSnapshot* For(const Vault* vault);
    const Vault* vault_;
    SharedSnapshot* outer_;
    std::unique_ptr<store::UnitOfWork> uow_;  // null until the first read, or after a failed one
    bool synced_ = false;                     // the access facts are at least as new as uow_'s snapshot
  };

 private:
  friend class BatchWriter;
  friend class Identity;
  friend class Retention;
  friend class SubjectAccess;
  friend class Deadlines;
  friend class FoiRegister;
  friend class BreachRegister;
  Vault(DataDirConfig config, std::unique_ptr<store::Store> store, std::unique_ptr<KeyRing> keys,
        std::shared_ptr<const policy::AccessPolicy> policy, sharing::SharingPolicy sharing_policy,
        governance::GovernancePolicy governance, const Clock& clock);
  // A staff member as stored, details decrypted with their key.
  static Result<domain::StaffMember> ReadStaffIn(Tx& tx, const store::StaffRow& row);
  Result<StaffTrainingStanding> StandingIn(Tx& tx, const store::StaffRow& row);
  // kFailedPrecondition if anyone acknowledged the version in force with a different text: a
  // changed text needs a new version label, or acknowledgements would vouch for words nobody read.
  Status CheckAcknowledgedText();
  // Records `staff`'s acknowledgement of the version in force, made at `at` (once per version).
  Result<int64_t> AcknowledgeIn(Tx& tx, domain::StaffId staff, UnixMicros at);

  // What a failed call is recorded as in the audit log.
  struct AuditTarget {
    const char* action;
    domain::PersonId person_id = 0;
    domain::RecordId record_id = 0;
    bool system_actor_ok = false;  // sign-in before anyone is known
  };

  // Runs `body` in one write transaction as `actor`, then signs the audit head and commits.
  template <typename T>
  Result<T> Transact(domain::StaffId actor, const AuditTarget& target, const std::function<Result<T>(Tx&)>& body);
  // Runs `body` in one read transaction (a snapshot, side by side with other reads and the writer)
  // as `actor`; its audit events are then committed in a batch with other callers' before the
  // result is returned. For calls that change nothing but the audit log.
  template <typename T>
  Result<T> Read(domain::StaffId actor, const AuditTarget& target, const std::function<Result<T>(Tx&)>& body);
  // `denial`, if not empty, is the explanation of the access decision that refused the call.
  Status RecordFailure(domain::StaffId actor, const AuditTarget& target, const Status& failure, const std::string& denial);

  Result<domain::Organisation> GetOrganisationIn(Tx& tx);
  // Use cases inside a transaction (shared by the public calls and BatchWriter).
  Result<domain::StaffId> AddStaffIn(Tx& tx, domain::StaffRole role, const std::string& team, const domain::StaffDetails& d);
  Result<domain::PersonId> AddPersonIn(Tx& tx, domain::PersonKind kind, const domain::PersonDetails& d);
  Result<domain::RelationshipId> AddRelationshipIn(Tx& tx, domain::PersonId child_id, domain::PersonId person_id,
                                                   const domain::RelationshipDetails& d);
  Result<domain::AllocationId> AllocateIn(Tx& tx, const domain::Allocation& a);
  Result<int64_t> RecordTrainingIn(Tx& tx, const domain::TrainingRecord& t);
  Result<domain::RecordId> AddRecordIn(Tx& tx, const RecordDraft& draft);
  Result<domain::VersionNumber> AmendRecordIn(Tx& tx, const RecordAmendment& amendment);
  Result<int64_t> RecordConsentIn(Tx& tx, sharing::ConsentRecord record);

  DataDirConfig config_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<KeyRing> keys_;
  const Clock& clock_;
  std::unique_ptr<audit::AuditLog> audit_log_;
  std::unique_ptr<AuditCommitter> audit_committer_;
  std::unique_ptr<crypto::VerificationCache> verified_signatures_;
  std::unique_ptr<SubjectKeyCache> subject_keys_;
  std::unique_ptr<AccessControl> access_;
  sharing::SharingPolicy sharing_policy_;
  std::shared_ptr<const governance::GovernancePolicy> governance_;
};

// Writes inside one Vault::Batch transaction. Valid only during the batch's body.
class BatchWriter {
 public:
  Result<domain::StaffId> AddStaff(domain::StaffRole role, const std::string& team, const domain::StaffDetails& d);
  Result<domain::PersonId> AddPerson(domain::PersonKind kind, const domain::PersonDetails& d);
  Result<domain::RelationshipId> AddRelationship(domain::PersonId child_id, domain::PersonId person_id,
                                                 const domain::RelationshipDetails& d);
  Result<domain::AllocationId> Allocate(const domain::Allocation& a);
  Result<int64_t> RecordTraining(const domain::TrainingRecord& t);
  // Loads an acknowledgement of the confidentiality policy in force that `staff` made at `at`
  // (the demo organisation; an import from an earlier system). Once per version.
  Result<int64_t> LoadAcknowledgement(domain::StaffId staff, UnixMicros at);
  Result<domain::RecordId> AddRecord(const RecordDraft& draft);
  Result<domain::VersionNumber> AmendRecord(const RecordAmendment& amendment);
  Result<int64_t> RecordConsent(const sharing::ConsentRecord& record);
  // Everything that follows in the batch (records, people, audit events) is done as `actor`: a batch
  // may load many people's work. The actor must be an active staff member, or the system.
  Status ActAs(domain::StaffId actor);

 private:
  friend class Vault;
  BatchWriter(Vault& vault, Vault::Tx& tx) : vault_(vault), tx_(tx) {}
  Vault& vault_;
  Vault::Tx& tx_;
};

}  // namespace confide::service

namespace confide::service {

// kFailedPrecondition if the access policy requires a course the governance policy's catalogue
// does not list (when it lists any): it could never be recorded, and the training gate would then
// shut everyone out for good.
Status CheckTrainingPolicies(const policy::AccessPolicy& access, const governance::GovernancePolicy& governance);

// Verifies a data directory's audit log with only the organisation's public key: no key file is
// needed, so an auditor can check the log without being able to read anything in it.
Result<audit::VerifyReport> VerifyAuditWithPublicKey(const std::string& data_dir, ByteView public_key,
                                                     const audit::VerifyOptions& options = {});

}  // namespace confide::service
