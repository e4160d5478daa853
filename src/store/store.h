// The persistence port: repositories grouped in a unit of work, one per transaction.
//
// Services open a UnitOfWork, do all their reads and writes through its repositories (including
// the audit entries for what they did) and Commit(). Destroying an uncommitted UnitOfWork rolls
// everything back, so a failed service call leaves nothing behind. Adapters (SQLite now,
// PostgreSQL later) implement these interfaces; services never see SQL.
//
// Thread-safety: a Store may be shared; each UnitOfWork belongs to one thread. Write units of work
// are serialised by the adapter (SQLite: BEGIN IMMEDIATE).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_store.h"
#include "confide/result.h"
#include "store/rows.h"

namespace confide::store {

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  virtual Result<std::optional<OrganisationRow>> Get() = 0;
  virtual Status Put(const OrganisationRow& row) = 0;  // kConflict if one exists
  virtual Result<std::optional<WrappedSecretRow>> GetSecret(std::string_view name) = 0;
  virtual Status PutSecret(const WrappedSecretRow& row) = 0;  // insert or replace (key rotation)
  virtual Result<std::vector<WrappedSecretRow>> ListSecrets() = 0;
};

class KeyRepository {
 public:
  virtual ~KeyRepository() = default;
  virtual Result<int64_t> CreateSubject(std::string_view kind, UnixMicros now) = 0;
  virtual Result<std::optional<SubjectRow>> GetSubject(int64_t subject_id) = 0;
  virtual Status InsertSubjectKey(const SubjectKeyRow& row) = 0;
  virtual Result<std::optional<SubjectKeyRow>> GetSubjectKey(int64_t subject_id) = 0;
  // Re-wrapping under a new key-encryption key.
  virtual Status ReplaceSubjectKey(const SubjectKeyRow& row) = 0;
  // Crypto-shredding: deletes the wrapped key (the adapter must not leave it recoverable in free
  // pages) and marks the subject shredded.
  virtual Status DestroySubjectKey(int64_t subject_id, UnixMicros now) = 0;
  virtual Status ScanSubjectKeys(const std::function<Status(const SubjectKeyRow&)>& visit) = 0;
};

class StaffRepository {
 public:
  virtual ~StaffRepository() = default;
  virtual Result<int64_t> Insert(const StaffRow& row) = 0;
  // Sets the sealed details of a staff row inserted in the same transaction (the id is part of the
  // associated data, so sealing follows the insert).
  virtual Status UpdateSealed(int64_t id, ByteView sealed) = 0;
  virtual Result<std::optional<StaffRow>> Get(int64_t id) = 0;
  virtual Result<std::vector<StaffRow>> List() = 0;
  // Role, team and active flag (staff administration). kNotFound if no such staff member.
  virtual Status UpdateRole(int64_t id, std::string_view role, std::string_view team, bool active) = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual Result<int64_t> Insert(const PersonRow& row) = 0;
  virtual Status InsertVersion(const PersonVersionRow& row) = 0;  // kConflict if it exists
  virtual Status SetCurrentVersion(int64_t person_id, int32_t version, UnixMicros updated_at) = 0;
  virtual Result<std::optional<PersonRow>> Get(int64_t id) = 0;
  virtual Result<std::optional<PersonVersionRow>> GetVersion(int64_t person_id, int32_t version) = 0;
  virtual Result<std::vector<PersonVersionRow>> ListVersions(int64_t person_id) = 0;
  // The highest version stored (0 if none): reads check it against the clear current_version.
  virtual Result<int32_t> LatestVersion(int64_t person_id) = 0;
  // Blind index terms (keyed digests of normalised identifiers).
  virtual Status AddIndexTerm(ByteView term, int64_t person_id) = 0;
  virtual Result<std::vector<int64_t>> FindByIndexTerm(ByteView term) = 0;
  virtual Status RemoveIndexTerms(int64_t person_id) = 0;
  virtual Result<int64_t> Count() = 0;
};

class CareRepository {
 public:
  virtual ~CareRepository() = default;
  virtual Result<int64_t> InsertRelationship(const RelationshipRow& row) = 0;
  // Sets the sealed details of a relationship inserted in the same transaction (the id is part of
  // the associated data, so sealing follows the insert).
  virtual Status UpdateRelationshipSealed(int64_t id, ByteView sealed) = 0;
  virtual Result<std::vector<RelationshipRow>> ListRelationshipsOfChild(int64_t child_id) = 0;
  virtual Result<int64_t> InsertAllocation(const AllocationRow& row) = 0;
  virtual Result<std::vector<AllocationRow>> ListAllocationsOfChild(int64_t child_id) = 0;
  virtual Result<std::vector<AllocationRow>> ListAllocationsOfStaff(int64_t staff_id) = 0;
  // Ends an allocation (sets ends_at). kNotFound if there is no such allocation; kConflict if it
  // has already ended.
  virtual Status EndAllocation(int64_t allocation_id, UnixMicros ends_at) = 0;
  virtual Result<std::optional<AllocationRow>> GetAllocation(int64_t allocation_id) = 0;
  // Everything the access directory is loaded from at start.
  virtual Status ScanAllocations(const std::function<Status(const AllocationRow&)>& visit) = 0;
  virtual Status ScanRelationshipLinks(const std::function<Status(const RelationshipLink&)>& visit) = 0;
};

// Sign-in credentials, recovery codes, sign-in failures and sessions.
class IdentityRepository {
 public:
  virtual ~IdentityRepository() = default;
  // Insert or replace the staff member's credentials. kConflict if another staff member already
  // has the same login_term.
  virtual Status PutCredential(const CredentialRow& row) = 0;
  virtual Result<std::optional<CredentialRow>> GetCredential(int64_t staff_id) = 0;
  virtual Result<std::optional<CredentialRow>> FindCredentialByLogin(ByteView login_term) = 0;

  virtual Status RecordSignInFailure(int64_t staff_id, UnixMicros at) = 0;
  // Failures at or after `since`, oldest first.
  virtual Result<std::vector<UnixMicros>> ListSignInFailures(int64_t staff_id, UnixMicros since) = 0;
  virtual Status ClearSignInFailures(int64_t staff_id) = 0;

  // Replaces all of a staff member's recovery codes (hashes only).
  virtual Status ReplaceRecoveryCodes(int64_t staff_id, const std::vector<Bytes>& code_hashes) = 0;
  // Marks an unused code with this hash used; false if there is none.
  virtual Result<bool> UseRecoveryCode(int64_t staff_id, ByteView code_hash, UnixMicros now) = 0;
  virtual Result<int> CountUnusedRecoveryCodes(int64_t staff_id) = 0;

  virtual Status InsertSession(const SessionRow& row) = 0;  // kConflict if the hash exists
  virtual Result<std::optional<SessionRow>> GetSession(ByteView token_hash) = 0;
  // The session with its staff member's standing, for the check every request makes.
  virtual Result<std::optional<SessionStanding>> GetSessionStanding(ByteView token_hash) = 0;
  // Updates last_seen_at, mfa_at, reauth_at, ended_at, end_reason and csrf_hash. kNotFound if absent.
  virtual Status UpdateSession(const SessionRow& row) = 0;
  // Ends every open session of the staff member; returns how many were ended.
  virtual Result<int> EndSessionsOfStaff(int64_t staff_id, UnixMicros now, std::string_view reason) = 0;
  virtual Result<std::vector<SessionRow>> ListSessionsOfStaff(int64_t staff_id) = 0;
};

// Training records, acknowledgements of the confidentiality policy, restrictions and break-glass
// grants: the facts need-to-know decisions use.
class AccessRepository {
 public:
  virtual ~AccessRepository() = default;
  virtual Result<int64_t> InsertTraining(const TrainingRow& row) = 0;
  virtual Result<std::vector<TrainingRow>> ListTraining(int64_t staff_id) = 0;
  virtual Status ScanTraining(const std::function<Status(const TrainingRow&)>& visit) = 0;
  // kConflict (from the trigger) for a second acknowledgement of the same version.
  virtual Result<int64_t> InsertAcknowledgement(const PolicyAcknowledgementRow& row) = 0;
  virtual Result<std::vector<PolicyAcknowledgementRow>> ListAcknowledgements(int64_t staff_id) = 0;
  virtual Status ScanAcknowledgements(const std::function<Status(const PolicyAcknowledgementRow&)>& visit) = 0;

  virtual Result<int64_t> InsertRestriction(const RestrictionRow& row) = 0;
  // Sets the sealed reason of a restriction inserted in the same transaction (the id is part of
  // the associated data).
  virtual Status UpdateRestrictionSealed(int64_t id, ByteView sealed) = 0;
  // kNotFound if absent, kConflict if already removed.
  virtual Status RemoveRestriction(int64_t id, int64_t removed_by, UnixMicros at) = 0;
  virtual Result<std::optional<RestrictionRow>> GetRestriction(int64_t id) = 0;
  virtual Result<std::vector<RestrictionRow>> ListRestrictionsOfPerson(int64_t person_id) = 0;
  virtual Status ScanActiveRestrictions(const std::function<Status(const RestrictionRow&)>& visit) = 0;

  virtual Result<int64_t> InsertBreakGlass(const BreakGlassRow& row) = 0;
  virtual Status UpdateBreakGlassSealed(int64_t id, ByteView sealed) = 0;
  // kNotFound if absent, kConflict if already ended.
  virtual Status EndBreakGlass(int64_t id, UnixMicros at) = 0;
  virtual Result<std::optional<BreakGlassRow>> GetBreakGlass(int64_t id) = 0;
  // Grants started at or after `since`, newest first (access reviews).
  virtual Result<std::vector<BreakGlassRow>> ListBreakGlassSince(UnixMicros since) = 0;
  // Grants not ended and not expired at `now`.
  virtual Status ScanActiveBreakGlass(UnixMicros now, const std::function<Status(const BreakGlassRow&)>& visit) = 0;

  // A counter every change to the facts above (and to staff, allocations and relationships) moves
  // on, so a process notices changes another process made (SQLite: triggers).
  virtual Result<int64_t> AccessEpoch() = 0;
};

// Consent records (schema v3). Never deleted: a withdrawal is recorded on the record, with who
// withdrew in its sealed part.
class ConsentRepository {
 public:
  virtual ~ConsentRepository() = default;
  virtual Result<int64_t> Insert(const ConsentRow& row) = 0;
  // Sets the sealed part of a record inserted in the same transaction, or replaces it when a
  // withdrawal adds who withdrew (the id is part of the associated data).
  virtual Status UpdateSealed(int64_t id, ByteView sealed) = 0;
  // kNotFound if absent, kConflict if already withdrawn.
  virtual Status Withdraw(int64_t id, UnixMicros at, int64_t recorded_by) = 0;
  virtual Result<std::optional<ConsentRow>> Get(int64_t id) = 0;
  // Oldest first.
  virtual Result<std::vector<ConsentRow>> ListOfPerson(int64_t person_id) = 0;
};

// The sharing register (schema v4): recipients, agreements, and for each request about a child
// its decisions, approvals, disclosures and investigations. Nothing is deleted; decisions,
// approvals and disclosures are sealed once, just after their insert, and never change.
class SharingRepository {
 public:
  enum class Table { kRecipients, kRequests, kDecisions, kApprovals, kDisclosures };
  virtual ~SharingRepository() = default;
  // Sets the sealed part of a row inserted in the same transaction (its id is part of the
  // associated data); for recipients and requests, also replaces it after a change.
  virtual Status UpdateSealed(Table table, int64_t id, ByteView sealed) = 0;

  virtual Result<int64_t> InsertRecipient(const RecipientRow& row) = 0;
  virtual Status SetRecipientVerified(int64_t id, UnixMicros at, int64_t by) = 0;
  virtual Status SetRecipientPublicKey(int64_t id, ByteView public_key) = 0;
  virtual Result<std::optional<RecipientRow>> GetRecipient(int64_t id) = 0;
  virtual Result<std::vector<RecipientRow>> ListRecipients() = 0;

  virtual Result<int64_t> InsertAgreement(const AgreementRow& row) = 0;
  virtual Result<std::optional<AgreementRow>> GetAgreement(int64_t id) = 0;
  virtual Result<std::vector<AgreementRow>> ListAgreements() = 0;

  virtual Result<int64_t> InsertRequest(const SharingRequestRow& row) = 0;
  virtual Result<std::optional<SharingRequestRow>> GetRequest(int64_t id) = 0;
  // Newest first.
  virtual Result<std::vector<SharingRequestRow>> ListRequestsOfPerson(int64_t person_id) = 0;

  // Every request whose latest decision shares or escalates and still misses a backing, whoever
  // may give it (the caller filters): the most urgent first, then the oldest received.
  virtual Result<std::vector<AwaitingApprovalRow>> ListAwaitingApproval() = 0;

  // Oldest first.
  virtual Result<int64_t> InsertDecision(const SharingDecisionRow& row) = 0;
  virtual Result<std::vector<SharingDecisionRow>> ListDecisions(int64_t request_id) = 0;
  virtual Result<int64_t> InsertApproval(const SharingApprovalRow& row) = 0;
  virtual Result<std::vector<SharingApprovalRow>> ListApprovals(int64_t request_id) = 0;
  virtual Result<int64_t> InsertDisclosure(const DisclosureRow& row) = 0;
  virtual Result<std::vector<DisclosureRow>> ListDisclosures(int64_t request_id) = 0;
  // The package a disclosure sent (schema v5), sealed: written once, in the disclosure's
  // transaction, and never changed or deleted. Absent for a disclosure recorded by another route.
  virtual Status InsertDisclosurePackage(int64_t disclosure_id, ByteView sealed) = 0;
  virtual Result<std::optional<Bytes>> GetDisclosurePackage(int64_t disclosure_id) = 0;
  virtual Result<int64_t> InsertInvestigation(const InvestigationRow& row) = 0;
  // Those still open, oldest first.
  virtual Result<std::vector<InvestigationRow>> ListOpenInvestigations() = 0;
  virtual Result<std::vector<InvestigationRow>> ListInvestigations(int64_t request_id) = 0;
};

// Retention and destruction (schema v6). Assignments and reviews are kept (the latest counts); a
// hold is lifted, never deleted; certificates are written once.
class RetentionRepository {
 public:
  virtual ~RetentionRepository() = default;
  virtual Result<int64_t> InsertAssignment(const RetentionAssignmentRow& row) = 0;
  // Oldest first.
  virtual Result<std::vector<RetentionAssignmentRow>> ListAssignments() = 0;
  virtual Result<std::vector<RetentionAssignmentRow>> ListAssignmentsOfPerson(int64_t person_id) = 0;
  virtual Result<int64_t> InsertHold(const LegalHoldRow& row) = 0;
  // kNotFound if absent, kConflict if already lifted.
  virtual Status LiftHold(int64_t id, UnixMicros at, int64_t by) = 0;
  virtual Result<std::optional<LegalHoldRow>> GetHold(int64_t id) = 0;
  // Oldest first; lifted ones too when `include_lifted`.
  virtual Result<std::vector<LegalHoldRow>> ListHolds(bool include_lifted) = 0;
  virtual Result<int64_t> InsertReview(const RetentionReviewRow& row) = 0;
  // Oldest first.
  virtual Result<std::vector<RetentionReviewRow>> ListReviews() = 0;
  virtual Result<std::vector<RetentionReviewRow>> ListReviewsOfPerson(int64_t person_id) = 0;
  // kConflict if the id exists.
  virtual Status InsertCertificate(const DestructionCertificateRow& row) = 0;
  virtual Result<std::optional<DestructionCertificateRow>> GetCertificate(std::string_view id) = 0;
  // Newest first.
  virtual Result<std::vector<DestructionCertificateRow>> ListCertificates() = 0;
  // Every person, in id order, with their records' clear metadata (one query, for runs).
  virtual Status ScanSubjects(const std::function<Status(const RetentionSubjectRow&)>& visit) = 0;
};

// Subject access requests (schema v7): requests and their steps are written once; a release is
// written once per request.
class SubjectAccessRepository {
 public:
  virtual ~SubjectAccessRepository() = default;
  virtual Result<int64_t> InsertRequest(const SubjectAccessRequestRow& row) = 0;
  virtual Result<std::optional<SubjectAccessRequestRow>> GetRequest(int64_t id) = 0;
  // Oldest first.
  virtual Result<std::vector<SubjectAccessRequestRow>> ListRequests() = 0;
  virtual Result<int64_t> InsertEvent(const SubjectAccessEventRow& row) = 0;
  // A request's steps, oldest first.
  virtual Result<std::vector<SubjectAccessEventRow>> ListEvents(int64_t request_id) = 0;
  // kConflict if the request was released already.
  virtual Status InsertRelease(const SubjectAccessReleaseRow& row) = 0;
  virtual Result<std::optional<SubjectAccessReleaseRow>> GetRelease(int64_t request_id) = 0;
  // The requests neither released nor closed, as (request id, person id), oldest first: one query,
  // for retention runs.
  virtual Result<std::vector<std::pair<int64_t, int64_t>>> ListOpen() = 0;
};

// Freedom of Information requests (schema v8): requests and their steps are written once.
class FoiRepository {
 public:
  virtual ~FoiRepository() = default;
  virtual Result<int64_t> InsertRequest(const FoiRequestRow& row) = 0;
  virtual Result<std::optional<FoiRequestRow>> GetRequest(int64_t id) = 0;
  // Oldest first.
  virtual Result<std::vector<FoiRequestRow>> ListRequests() = 0;
  virtual Result<int64_t> InsertEvent(const FoiEventRow& row) = 0;
  // A request's steps, oldest first.
  virtual Result<std::vector<FoiEventRow>> ListEvents(int64_t request_id) = 0;
  // Every request's steps, oldest first (the register in one query rather than one per request).
  virtual Result<std::vector<FoiEventRow>> ListAllEvents() = 0;
};

// Personal data breaches (schema v9): breaches, their steps and dismissed candidates are written once.
class BreachRepository {
 public:
  virtual ~BreachRepository() = default;
  // kConflict if a breach was already raised from the same non-empty source.
  virtual Result<int64_t> InsertBreach(const BreachRow& row) = 0;
  virtual Result<std::optional<BreachRow>> GetBreach(int64_t id) = 0;
  // Oldest first.
  virtual Result<std::vector<BreachRow>> ListBreaches() = 0;
  virtual Result<int64_t> InsertEvent(const BreachEventRow& row) = 0;
  // A breach's steps, oldest first.
  virtual Result<std::vector<BreachEventRow>> ListEvents(int64_t breach_id) = 0;
  // Every breach's steps, oldest first (the register in one query).
  virtual Result<std::vector<BreachEventRow>> ListAllEvents() = 0;
  // kConflict if the source was dismissed already.
  virtual Result<int64_t> InsertDismissal(const BreachDismissalRow& row) = 0;
  virtual Result<std::vector<BreachDismissalRow>> ListDismissals() = 0;
};

// Lookups into the audit log for access reviews.
class AuditIndexRepository {
 public:
  virtual ~AuditIndexRepository() = default;
  virtual Status Insert(const AuditIndexRow& row) = 0;
  // The highest indexed seq + 1 (0 if none): entries at or after it need indexing.
  virtual Result<uint64_t> IndexedCount() = 0;
  // Newest first, at most `limit`, with time in [from, to).
  virtual Result<std::vector<AuditIndexRow>> ForPerson(int64_t person_id, UnixMicros from, UnixMicros to, size_t limit) = 0;
  virtual Result<std::vector<AuditIndexRow>> ForActor(int64_t actor, UnixMicros from, UnixMicros to, size_t limit) = 0;
  // Everything in [from, to), oldest first (anomaly reports).
  virtual Status ScanTimeRange(UnixMicros from, UnixMicros to, const std::function<Status(const AuditIndexRow&)>& visit) = 0;
};

class RecordRepository {
 public:
  virtual ~RecordRepository() = default;
  virtual Result<int64_t> Insert(const RecordRow& row) = 0;
  virtual Status InsertVersion(const RecordVersionRow& row) = 0;  // kConflict if it exists
  // Moves the record's current-version copy to `version` (tier and occurred_at with it).
  virtual Status SetCurrent(int64_t record_id, int32_t version, std::string_view tier, UnixMicros occurred_at) = 0;
  virtual Result<std::optional<RecordRow>> Get(int64_t id) = 0;
  virtual Result<std::optional<RecordVersionRow>> GetVersion(int64_t record_id, int32_t version) = 0;
  virtual Result<std::vector<RecordVersionRow>> ListVersions(int64_t record_id) = 0;
  // The highest version stored (0 if none): reads check it against the clear current_version.
  virtual Result<int32_t> LatestVersion(int64_t record_id) = 0;
  // All of a person's records in time order (occurred_at, then id), each with its current version.
  // Unfiltered on purpose: the clear kind, tier and date are copies, so the service filters only
  // after checking each record against its signed version.
  virtual Result<std::vector<ChronologyRow>> ListForPerson(int64_t person_id) = 0;
  virtual Result<int64_t> Count() = 0;
};

enum class TransactionMode { kRead, kWrite };

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;  // rolls back unless committed
  virtual OrganisationRepository& organisation() = 0;
  virtual KeyRepository& keys() = 0;
  virtual StaffRepository& staff() = 0;
  virtual PersonRepository& persons() = 0;
  virtual CareRepository& care() = 0;
  virtual RecordRepository& records() = 0;
  virtual IdentityRepository& identity() = 0;
  virtual AccessRepository& access() = 0;
  virtual ConsentRepository& consents() = 0;
  virtual SharingRepository& sharing() = 0;
  virtual RetentionRepository& retention() = 0;
  virtual SubjectAccessRepository& subject_access() = 0;
  virtual FoiRepository& foi() = 0;
  virtual BreachRepository& breaches() = 0;
  virtual AuditIndexRepository& audit_index() = 0;
  virtual audit::AuditStore& audit() = 0;
  // Makes every change durable (SQLite: WAL with synchronous=FULL). After an error the unit of work
  // is rolled back and unusable.
  virtual Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::unique_ptr<UnitOfWork>> Begin(TransactionMode mode) = 0;
  // The schema version the store is at.
  virtual Result<int> SchemaVersion() = 0;
  // After crypto-shredding: make sure bytes overwritten or deleted by committed transactions do
  // not survive in journals or free space (SQLite: checkpoint and truncate the WAL).
  virtual Status PurgeFreedData() = 0;
};

}  // namespace confide::store
