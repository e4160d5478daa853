// SQLite implementations of the repository ports. Each holds the connection of the unit of work
// that owns it; see store/store.h for the contracts. Not thread-safe.
#pragma once

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace confide::store::sqlite {

class SqliteOrganisationRepository final : public OrganisationRepository {
 public:
  explicit SqliteOrganisationRepository(Connection& c) : c_(c) {}
  Result<std::optional<OrganisationRow>> Get() override;
  Status Put(const OrganisationRow& row) override;
  Result<std::optional<WrappedSecretRow>> GetSecret(std::string_view name) override;
  Status PutSecret(const WrappedSecretRow& row) override;
  Result<std::vector<WrappedSecretRow>> ListSecrets() override;

 private:
  Connection& c_;
};

class SqliteKeyRepository final : public KeyRepository {
 public:
  explicit SqliteKeyRepository(Connection& c) : c_(c) {}
  Result<int64_t> CreateSubject(std::string_view kind, UnixMicros now) override;
  Result<std::optional<SubjectRow>> GetSubject(int64_t subject_id) override;
  Status InsertSubjectKey(const SubjectKeyRow& row) override;
  Result<std::optional<SubjectKeyRow>> GetSubjectKey(int64_t subject_id) override;
  Status ReplaceSubjectKey(const SubjectKeyRow& row) override;
  Status DestroySubjectKey(int64_t subject_id, UnixMicros now) override;
  Status ScanSubjectKeys(const std::function<Status(const SubjectKeyRow&)>& visit) override;

 private:
  Connection& c_;
};

class SqliteStaffRepository final : public StaffRepository {
 public:
  explicit SqliteStaffRepository(Connection& c) : c_(c) {}
  Result<int64_t> Insert(const StaffRow& row) override;
  Status UpdateSealed(int64_t id, ByteView sealed) override;
  Result<std::optional<StaffRow>> Get(int64_t id) override;
  Result<std::vector<StaffRow>> List() override;
  Status UpdateRole(int64_t id, std::string_view role, std::string_view team, bool active) override;

 private:
  Connection& c_;
};

class SqlitePersonRepository final : public PersonRepository {
 public:
  explicit SqlitePersonRepository(Connection& c) : c_(c) {}
  Result<int64_t> Insert(const PersonRow& row) override;
  Status InsertVersion(const PersonVersionRow& row) override;
  Status SetCurrentVersion(int64_t person_id, int32_t version, UnixMicros updated_at) override;
  Result<std::optional<PersonRow>> Get(int64_t id) override;
  Result<std::optional<PersonVersionRow>> GetVersion(int64_t person_id, int32_t version) override;
  Result<std::vector<PersonVersionRow>> ListVersions(int64_t person_id) override;
  Result<int32_t> LatestVersion(int64_t person_id) override;
  Status AddIndexTerm(ByteView term, int64_t person_id) override;
  Result<std::vector<int64_t>> FindByIndexTerm(ByteView term) override;
  Status RemoveIndexTerms(int64_t person_id) override;
  Result<int64_t> Count() override;

 private:
  Connection& c_;
};

class SqliteCareRepository final : public CareRepository {
 public:
  explicit SqliteCareRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertRelationship(const RelationshipRow& row) override;
  Status UpdateRelationshipSealed(int64_t id, ByteView sealed) override;
  Result<std::vector<RelationshipRow>> ListRelationshipsOfChild(int64_t child_id) override;
  Result<int64_t> InsertAllocation(const AllocationRow& row) override;
  Result<std::vector<AllocationRow>> ListAllocationsOfChild(int64_t child_id) override;
  Result<std::vector<AllocationRow>> ListAllocationsOfStaff(int64_t staff_id) override;
  Status EndAllocation(int64_t allocation_id, UnixMicros ends_at) override;
  Result<std::optional<AllocationRow>> GetAllocation(int64_t allocation_id) override;
  Status ScanAllocations(const std::function<Status(const AllocationRow&)>& visit) override;
  Status ScanRelationshipLinks(const std::function<Status(const RelationshipLink&)>& visit) override;

 private:
  Connection& c_;
};

class SqliteRecordRepository final : public RecordRepository {
 public:
  explicit SqliteRecordRepository(Connection& c) : c_(c) {}
  Result<int64_t> Insert(const RecordRow& row) override;
  Status InsertVersion(const RecordVersionRow& row) override;
  Status SetCurrent(int64_t record_id, int32_t version, std::string_view tier, UnixMicros occurred_at) override;
  Result<std::optional<RecordRow>> Get(int64_t id) override;
  Result<std::optional<RecordVersionRow>> GetVersion(int64_t record_id, int32_t version) override;
  Result<std::vector<RecordVersionRow>> ListVersions(int64_t record_id) override;
  Result<int32_t> LatestVersion(int64_t record_id) override;
  Result<std::vector<ChronologyRow>> ListForPerson(int64_t person_id) override;
  Result<int64_t> Count() override;

 private:
  Connection& c_;
};

// sqlite_identity_repository.cc
class SqliteIdentityRepository final : public IdentityRepository {
 public:
  explicit SqliteIdentityRepository(Connection& c) : c_(c) {}
  Status PutCredential(const CredentialRow& row) override;
  Result<std::optional<CredentialRow>> GetCredential(int64_t staff_id) override;
  Result<std::optional<CredentialRow>> FindCredentialByLogin(ByteView login_term) override;
  Status RecordSignInFailure(int64_t staff_id, UnixMicros at) override;
  Result<std::vector<UnixMicros>> ListSignInFailures(int64_t staff_id, UnixMicros since) override;
  Status ClearSignInFailures(int64_t staff_id) override;
  Status ReplaceRecoveryCodes(int64_t staff_id, const std::vector<Bytes>& code_hashes) override;
  Result<bool> UseRecoveryCode(int64_t staff_id, ByteView code_hash, UnixMicros now) override;
  Result<int> CountUnusedRecoveryCodes(int64_t staff_id) override;
  Status InsertSession(const SessionRow& row) override;
  Result<std::optional<SessionRow>> GetSession(ByteView token_hash) override;
  Result<std::optional<SessionStanding>> GetSessionStanding(ByteView token_hash) override;
  Status UpdateSession(const SessionRow& row) override;
  Result<int> EndSessionsOfStaff(int64_t staff_id, UnixMicros now, std::string_view reason) override;
  Result<std::vector<SessionRow>> ListSessionsOfStaff(int64_t staff_id) override;

 private:
  Connection& c_;
};

// sqlite_consent_repository.cc
class SqliteConsentRepository final : public ConsentRepository {
 public:
  explicit SqliteConsentRepository(Connection& c) : c_(c) {}
  Result<int64_t> Insert(const ConsentRow& row) override;
  Status UpdateSealed(int64_t id, ByteView sealed) override;
  Status Withdraw(int64_t id, UnixMicros at, int64_t recorded_by) override;
  Result<std::optional<ConsentRow>> Get(int64_t id) override;
  Result<std::vector<ConsentRow>> ListOfPerson(int64_t person_id) override;

 private:
  Connection& c_;
};

class SqliteSharingRepository final : public SharingRepository {
 public:
  explicit SqliteSharingRepository(Connection& c) : c_(c) {}
  Status UpdateSealed(Table table, int64_t id, ByteView sealed) override;
  Result<int64_t> InsertRecipient(const RecipientRow& row) override;
  Status SetRecipientVerified(int64_t id, UnixMicros at, int64_t by) override;
  Status SetRecipientPublicKey(int64_t id, ByteView public_key) override;
  Result<std::optional<RecipientRow>> GetRecipient(int64_t id) override;
  Result<std::vector<RecipientRow>> ListRecipients() override;
  Result<int64_t> InsertAgreement(const AgreementRow& row) override;
  Result<std::optional<AgreementRow>> GetAgreement(int64_t id) override;
  Result<std::vector<AgreementRow>> ListAgreements() override;
  Result<int64_t> InsertRequest(const SharingRequestRow& row) override;
  Result<std::optional<SharingRequestRow>> GetRequest(int64_t id) override;
  Result<std::vector<SharingRequestRow>> ListRequestsOfPerson(int64_t person_id) override;
  Result<std::vector<AwaitingApprovalRow>> ListAwaitingApproval() override;
  Result<int64_t> InsertDecision(const SharingDecisionRow& row) override;
  Result<std::vector<SharingDecisionRow>> ListDecisions(int64_t request_id) override;
  Result<int64_t> InsertApproval(const SharingApprovalRow& row) override;
  Result<std::vector<SharingApprovalRow>> ListApprovals(int64_t request_id) override;
  Result<int64_t> InsertDisclosure(const DisclosureRow& row) override;
  Result<std::vector<DisclosureRow>> ListDisclosures(int64_t request_id) override;
  Status InsertDisclosurePackage(int64_t disclosure_id, ByteView sealed) override;
  Result<std::optional<Bytes>> GetDisclosurePackage(int64_t disclosure_id) override;
  Result<int64_t> InsertInvestigation(const InvestigationRow& row) override;
  Result<std::vector<InvestigationRow>> ListOpenInvestigations() override;
  Result<std::vector<InvestigationRow>> ListInvestigations(int64_t request_id) override;

 private:
  Connection& c_;
};

// sqlite_retention_repository.cc
class SqliteRetentionRepository final : public RetentionRepository {
 public:
  explicit SqliteRetentionRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertAssignment(const RetentionAssignmentRow& row) override;
  Result<std::vector<RetentionAssignmentRow>> ListAssignments() override;
  Result<std::vector<RetentionAssignmentRow>> ListAssignmentsOfPerson(int64_t person_id) override;
  Result<int64_t> InsertHold(const LegalHoldRow& row) override;
  Status LiftHold(int64_t id, UnixMicros at, int64_t by) override;
  Result<std::optional<LegalHoldRow>> GetHold(int64_t id) override;
  Result<std::vector<LegalHoldRow>> ListHolds(bool include_lifted) override;
  Result<int64_t> InsertReview(const RetentionReviewRow& row) override;
  Result<std::vector<RetentionReviewRow>> ListReviews() override;
  Result<std::vector<RetentionReviewRow>> ListReviewsOfPerson(int64_t person_id) override;
  Status InsertCertificate(const DestructionCertificateRow& row) override;
  Result<std::optional<DestructionCertificateRow>> GetCertificate(std::string_view id) override;
  Result<std::vector<DestructionCertificateRow>> ListCertificates() override;
  Status ScanSubjects(const std::function<Status(const RetentionSubjectRow&)>& visit) override;

 private:
  Connection& c_;
};

// sqlite_subject_access_repository.cc
class SqliteSubjectAccessRepository final : public SubjectAccessRepository {
 public:
  explicit SqliteSubjectAccessRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertRequest(const SubjectAccessRequestRow& row) override;
  Result<std::optional<SubjectAccessRequestRow>> GetRequest(int64_t id) override;
  Result<std::vector<SubjectAccessRequestRow>> ListRequests() override;
  Result<int64_t> InsertEvent(const SubjectAccessEventRow& row) override;
  Result<std::vector<SubjectAccessEventRow>> ListEvents(int64_t request_id) override;
  Status InsertRelease(const SubjectAccessReleaseRow& row) override;
  Result<std::optional<SubjectAccessReleaseRow>> GetRelease(int64_t request_id) override;
  Result<std::vector<std::pair<int64_t, int64_t>>> ListOpen() override;

 private:
  Connection& c_;
};

// sqlite_foi_repository.cc
class SqliteFoiRepository final : public FoiRepository {
 public:
  explicit SqliteFoiRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertRequest(const FoiRequestRow& row) override;
  Result<std::optional<FoiRequestRow>> GetRequest(int64_t id) override;
  Result<std::vector<FoiRequestRow>> ListRequests() override;
  Result<int64_t> InsertEvent(const FoiEventRow& row) override;
  Result<std::vector<FoiEventRow>> ListEvents(int64_t request_id) override;
  Result<std::vector<FoiEventRow>> ListAllEvents() override;

 private:
  Connection& c_;
};

// sqlite_breach_repository.cc
class SqliteBreachRepository final : public BreachRepository {
 public:
  explicit SqliteBreachRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertBreach(const BreachRow& row) override;
  Result<std::optional<BreachRow>> GetBreach(int64_t id) override;
  Result<std::vector<BreachRow>> ListBreaches() override;
  Result<int64_t> InsertEvent(const BreachEventRow& row) override;
  Result<std::vector<BreachEventRow>> ListEvents(int64_t breach_id) override;
  Result<std::vector<BreachEventRow>> ListAllEvents() override;
  Result<int64_t> InsertDismissal(const BreachDismissalRow& row) override;
  Result<std::vector<BreachDismissalRow>> ListDismissals() override;

 private:
  Connection& c_;
};

// sqlite_access_repository.cc
class SqliteAccessRepository final : public AccessRepository {
 public:
  explicit SqliteAccessRepository(Connection& c) : c_(c) {}
  Result<int64_t> InsertTraining(const TrainingRow& row) override;
  Result<std::vector<TrainingRow>> ListTraining(int64_t staff_id) override;
  Status ScanTraining(const std::function<Status(const TrainingRow&)>& visit) override;
  Result<int64_t> InsertAcknowledgement(const PolicyAcknowledgementRow& row) override;
  Result<std::vector<PolicyAcknowledgementRow>> ListAcknowledgements(int64_t staff_id) override;
  Status ScanAcknowledgements(const std::function<Status(const PolicyAcknowledgementRow&)>& visit) override;
  Result<int64_t> InsertRestriction(const RestrictionRow& row) override;
  Status UpdateRestrictionSealed(int64_t id, ByteView sealed) override;
  Status RemoveRestriction(int64_t id, int64_t removed_by, UnixMicros at) override;
  Result<std::optional<RestrictionRow>> GetRestriction(int64_t id) override;
  Result<std::vector<RestrictionRow>> ListRestrictionsOfPerson(int64_t person_id) override;
  Status ScanActiveRestrictions(const std::function<Status(const RestrictionRow&)>& visit) override;
  Result<int64_t> InsertBreakGlass(const BreakGlassRow& row) override;
  Status UpdateBreakGlassSealed(int64_t id, ByteView sealed) override;
  Status EndBreakGlass(int64_t id, UnixMicros at) override;
  Result<std::optional<BreakGlassRow>> GetBreakGlass(int64_t id) override;
  Result<std::vector<BreakGlassRow>> ListBreakGlassSince(UnixMicros since) override;
  Status ScanActiveBreakGlass(UnixMicros now, const std::function<Status(const BreakGlassRow&)>& visit) override;
  Result<int64_t> AccessEpoch() override;

 private:
  Connection& c_;
};

// sqlite_audit_index_repository.cc
class SqliteAuditIndexRepository final : public AuditIndexRepository {
 public:
  explicit SqliteAuditIndexRepository(Connection& c) : c_(c) {}
  Status Insert(const AuditIndexRow& row) override;
  Result<uint64_t> IndexedCount() override;
  Result<std::vector<AuditIndexRow>> ForPerson(int64_t person_id, UnixMicros from, UnixMicros to, size_t limit) override;
  Result<std::vector<AuditIndexRow>> ForActor(int64_t actor, UnixMicros from, UnixMicros to, size_t limit) override;
  Status ScanTimeRange(UnixMicros from, UnixMicros to, const std::function<Status(const AuditIndexRow&)>& visit) override;

 private:
  Connection& c_;
};

// sqlite_audit_store.cc. AppendEntry also writes the entry's audit_index row.
class SqliteAuditStore final : public audit::AuditStore {
 public:
  explicit SqliteAuditStore(Connection& c) : c_(c) {}
  Result<uint64_t> EntryCount() override;
  Status AppendEntry(uint64_t seq, ByteView entry, const crypto::Hash32& leaf_hash, const audit::AuditEvent& event) override;
  Result<Bytes> GetEntry(uint64_t seq) override;
  Result<std::vector<crypto::Hash32>> LeafHashes(uint64_t begin, uint64_t end) override;
  Status PutNode(int level, uint64_t index, const crypto::Hash32& hash) override;
  Result<crypto::Hash32> GetNode(int level, uint64_t index) override;
  Status PutLatestTreeHead(const audit::SignedTreeHead& head) override;
  Result<std::optional<audit::SignedTreeHead>> LatestTreeHead() override;
  Status AppendCheckpoint(const audit::SignedTreeHead& head) override;
  Result<std::optional<audit::SignedTreeHead>> LatestCheckpoint() override;
  Result<std::optional<audit::SignedTreeHead>> CheckpointAtSize(uint64_t tree_size) override;
  Status ScanEntries(uint64_t begin, const EntryVisitor& visit) override;
  Status ScanCheckpoints(const std::function<Status(const audit::SignedTreeHead&)>& visit) override;
  Status ScanNodes(const std::function<Status(int level, uint64_t index, ByteView hash)>& visit) override;

 private:
  Connection& c_;
};

}  // namespace confide::store::sqlite
