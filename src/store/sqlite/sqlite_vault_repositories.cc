// SQLite repositories for the vault: organisation, keys, staff, people, care, records.
#include <string>

#include "store/sqlite/sqlite_repositories.h"
#include "store/sqlite/sqlite_write_helpers.h"

namespace confide::store::sqlite {

// ---- organisation -----------------------------------------------------------------------------

Result<std::optional<OrganisationRow>> SqliteOrganisationRepository::Get() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT id, name, kind, signing_public_key, created_at FROM organisation WHERE id = 1"));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<OrganisationRow>();
  return std::optional<OrganisationRow>(OrganisationRow{s->Int(0), s->Text(1), s->Text(2), s->Blob(3), s->Int(4)});
}

Status SqliteOrganisationRepository::Put(const OrganisationRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO organisation(id, name, kind, signing_public_key, created_at) VALUES (1, ?, ?, ?, ?)"));
  s->Bind(1, std::string_view(r.name)).Bind(2, std::string_view(r.kind)).Bind(3, ByteView(r.signing_public_key)).Bind(4, r.created_at);
  return RunWrite(c_, *s);
}

Result<std::optional<WrappedSecretRow>> SqliteOrganisationRepository::GetSecret(std::string_view name) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT name, kek_id, wrapped FROM org_secrets WHERE name = ?"));
  s->Bind(1, name);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<WrappedSecretRow>();
  return std::optional<WrappedSecretRow>(WrappedSecretRow{s->Text(0), s->Text(1), s->Blob(2)});
}

Status SqliteOrganisationRepository::PutSecret(const WrappedSecretRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO org_secrets(name, kek_id, wrapped) VALUES (?, ?, ?) "
      "ON CONFLICT(name) DO UPDATE SET kek_id = excluded.kek_id, wrapped = excluded.wrapped"));
  s->Bind(1, std::string_view(r.name)).Bind(2, std::string_view(r.kek_id)).Bind(3, ByteView(r.wrapped));
  return RunWrite(c_, *s);
}

Result<std::vector<WrappedSecretRow>> SqliteOrganisationRepository::ListSecrets() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT name, kek_id, wrapped FROM org_secrets ORDER BY name"));
  std::vector<WrappedSecretRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back({s->Text(0), s->Text(1), s->Blob(2)});
  }
  return out;
}

// ---- keys -------------------------------------------------------------------------------------

Result<int64_t> SqliteKeyRepository::CreateSubject(std::string_view kind, UnixMicros now) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("INSERT INTO subjects(kind, created_at) VALUES (?, ?)"));
  s->Bind(1, kind).Bind(2, now);
  return InsertReturningId(c_, *s);
}

Result<std::optional<SubjectRow>> SqliteKeyRepository::GetSubject(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT id, kind, created_at, shredded_at FROM subjects WHERE id = ?"));
  s->Bind(1, id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<SubjectRow>();
  return std::optional<SubjectRow>(SubjectRow{s->Int(0), s->Text(1), s->Int(2), OptionalInt(*s, 3)});
}

Status SqliteKeyRepository::InsertSubjectKey(const SubjectKeyRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("INSERT INTO subject_keys(subject_id, kek_id, wrapped_key) VALUES (?, ?, ?)"));
  s->Bind(1, r.subject_id).Bind(2, std::string_view(r.kek_id)).Bind(3, ByteView(r.wrapped_key));
  return RunWrite(c_, *s);
}

Result<std::optional<SubjectKeyRow>> SqliteKeyRepository::GetSubjectKey(int64_t subject_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT subject_id, kek_id, wrapped_key FROM subject_keys WHERE subject_id = ?"));
  s->Bind(1, subject_id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<SubjectKeyRow>();
  return std::optional<SubjectKeyRow>(SubjectKeyRow{s->Int(0), s->Text(1), s->Blob(2)});
}

Status SqliteKeyRepository::ReplaceSubjectKey(const SubjectKeyRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE subject_keys SET kek_id = ?, wrapped_key = ? WHERE subject_id = ?"));
  s->Bind(1, std::string_view(r.kek_id)).Bind(2, ByteView(r.wrapped_key)).Bind(3, r.subject_id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "subject key");
}

Status SqliteKeyRepository::DestroySubjectKey(int64_t subject_id, UnixMicros now) {
  // Overwrite before deleting: with secure_delete on, SQLite zeroes freed cells, and the overwrite
  // makes sure no copy of the wrapped key survives in this database's pages either way.
  {
    CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE subject_keys SET wrapped_key = zeroblob(length(wrapped_key)) WHERE subject_id = ?"));
    s->Bind(1, subject_id);
    CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
    CONFIDE_RETURN_IF_ERROR(ExpectOneChange(c_, "subject key"));
  }
  {
    CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("DELETE FROM subject_keys WHERE subject_id = ?"));
    s->Bind(1, subject_id);
    CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  }
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE subjects SET shredded_at = ? WHERE id = ?"));
  s->Bind(1, now).Bind(2, subject_id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "subject");
}

Status SqliteKeyRepository::ScanSubjectKeys(const std::function<Status(const SubjectKeyRow&)>& visit) {
  // Materialise first: the visitor may update the same table (key rotation).
  std::vector<SubjectKeyRow> rows;
  {
    CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT subject_id, kek_id, wrapped_key FROM subject_keys ORDER BY subject_id"));
    for (;;) {
      CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      rows.push_back({s->Int(0), s->Text(1), s->Blob(2)});
    }
  }
  for (const SubjectKeyRow& r : rows) CONFIDE_RETURN_IF_ERROR(visit(r));
  return Status::Ok();
}

// ---- staff ------------------------------------------------------------------------------------

Result<int64_t> SqliteStaffRepository::Insert(const StaffRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO staff(subject_id, role, team, active, created_at, sealed) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.subject_id).Bind(2, std::string_view(r.role)).Bind(3, std::string_view(r.team))
      .Bind(4, int64_t{r.active ? 1 : 0}).Bind(5, r.created_at).Bind(6, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Status SqliteStaffRepository::UpdateSealed(int64_t id, ByteView sealed) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE staff SET sealed = ? WHERE id = ?"));
  s->Bind(1, sealed).Bind(2, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "staff member");
}

namespace {
StaffRow ReadStaff(const Stmt& s) {
  return StaffRow{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Int(4) != 0, s.Int(5), s.Blob(6)};
}
}  // namespace

Result<std::optional<StaffRow>> SqliteStaffRepository::Get(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT id, subject_id, role, team, active, created_at, sealed FROM staff WHERE id = ?"));
  s->Bind(1, id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<StaffRow>();
  return std::optional<StaffRow>(ReadStaff(*s));
}

Result<std::vector<StaffRow>> SqliteStaffRepository::List() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT id, subject_id, role, team, active, created_at, sealed FROM staff ORDER BY id"));
  std::vector<StaffRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(ReadStaff(*s));
  }
  return out;
}

Status SqliteStaffRepository::UpdateRole(int64_t id, std::string_view role, std::string_view team, bool active) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE staff SET role = ?, team = ?, active = ? WHERE id = ?"));
  s->Bind(1, role).Bind(2, team).Bind(3, int64_t{active ? 1 : 0}).Bind(4, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "staff member");
}

// ---- people -----------------------------------------------------------------------------------

Result<int64_t> SqlitePersonRepository::Insert(const PersonRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO persons(subject_id, kind, current_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
  s->Bind(1, r.subject_id).Bind(2, std::string_view(r.kind)).Bind(3, int64_t{r.current_version})
      .Bind(4, r.created_at).Bind(5, r.updated_at);
  return InsertReturningId(c_, *s);
}

Status SqlitePersonRepository::InsertVersion(const PersonVersionRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO person_versions(person_id, version, recorded_at, recorded_by, sealed, signature) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, int64_t{r.version}).Bind(3, r.recorded_at).Bind(4, r.recorded_by)
      .Bind(5, ByteView(r.sealed)).Bind(6, ByteView(r.signature));
  return RunWrite(c_, *s);
}

Status SqlitePersonRepository::SetCurrentVersion(int64_t person_id, int32_t version, UnixMicros updated_at) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE persons SET current_version = ?, updated_at = ? WHERE id = ?"));
  s->Bind(1, int64_t{version}).Bind(2, updated_at).Bind(3, person_id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "person");
}

Result<std::optional<PersonRow>> SqlitePersonRepository::Get(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, subject_id, kind, current_version, created_at, updated_at FROM persons WHERE id = ?"));
  s->Bind(1, id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<PersonRow>();
  return std::optional<PersonRow>(
      PersonRow{s->Int(0), s->Int(1), s->Text(2), static_cast<int32_t>(s->Int(3)), s->Int(4), s->Int(5)});
}

namespace {
PersonVersionRow ReadPersonVersion(const Stmt& s) {
  return PersonVersionRow{s.Int(0), static_cast<int32_t>(s.Int(1)), s.Int(2), s.Int(3), s.Blob(4), s.Blob(5)};
}
}  // namespace

Result<std::optional<PersonVersionRow>> SqlitePersonRepository::GetVersion(int64_t person_id, int32_t version) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT person_id, version, recorded_at, recorded_by, sealed, signature FROM person_versions WHERE person_id = ? AND version = ?"));
  s->Bind(1, person_id).Bind(2, int64_t{version});
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<PersonVersionRow>();
  return std::optional<PersonVersionRow>(ReadPersonVersion(*s));
}

Result<std::vector<PersonVersionRow>> SqlitePersonRepository::ListVersions(int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT person_id, version, recorded_at, recorded_by, sealed, signature FROM person_versions WHERE person_id = ? ORDER BY version"));
  s->Bind(1, person_id);
  std::vector<PersonVersionRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(ReadPersonVersion(*s));
  }
  return out;
}

Result<int32_t> SqlitePersonRepository::LatestVersion(int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT COALESCE(MAX(version), 0) FROM person_versions WHERE person_id = ?"));
  s->Bind(1, person_id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? static_cast<int32_t>(s->Int(0)) : 0;
}

Status SqlitePersonRepository::AddIndexTerm(ByteView term, int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("INSERT OR IGNORE INTO person_index(term, person_id) VALUES (?, ?)"));
  s->Bind(1, term).Bind(2, person_id);
  return RunWrite(c_, *s);
}

Result<std::vector<int64_t>> SqlitePersonRepository::FindByIndexTerm(ByteView term) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT person_id FROM person_index WHERE term = ? ORDER BY person_id"));
  s->Bind(1, term);
  std::vector<int64_t> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(s->Int(0));
  }
  return out;
}

Status SqlitePersonRepository::RemoveIndexTerms(int64_t person_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("DELETE FROM person_index WHERE person_id = ?"));
  s->Bind(1, person_id);
  return RunWrite(c_, *s);
}

Result<int64_t> SqlitePersonRepository::Count() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT COUNT(*) FROM persons"));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? s->Int(0) : 0;
}

// ---- care: relationships and allocations --------------------------------------------------------

Result<int64_t> SqliteCareRepository::InsertRelationship(const RelationshipRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO relationships(child_id, person_id, created_at, created_by, sealed) VALUES (?, ?, ?, ?, ?)"));
  s->Bind(1, r.child_id).Bind(2, r.person_id).Bind(3, r.created_at).Bind(4, r.created_by).Bind(5, ByteView(r.sealed));
  return InsertReturningId(c_, *s);
}

Status SqliteCareRepository::UpdateRelationshipSealed(int64_t id, ByteView sealed) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE relationships SET sealed = ? WHERE id = ?"));
  s->Bind(1, sealed).Bind(2, id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "relationship");
}

Result<std::vector<RelationshipRow>> SqliteCareRepository::ListRelationshipsOfChild(int64_t child_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, child_id, person_id, created_at, created_by, sealed FROM relationships WHERE child_id = ? ORDER BY id"));
  s->Bind(1, child_id);
  std::vector<RelationshipRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back({s->Int(0), s->Int(1), s->Int(2), s->Int(3), s->Int(4), s->Blob(5)});
  }
  return out;
}

Result<int64_t> SqliteCareRepository::InsertAllocation(const AllocationRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO allocations(child_id, staff_id, role, team, starts_at, ends_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.child_id).Bind(2, r.staff_id).Bind(3, std::string_view(r.role)).Bind(4, std::string_view(r.team))
      .Bind(5, r.starts_at).Bind(6, r.ends_at).Bind(7, r.created_by);
  return InsertReturningId(c_, *s);
}

namespace {
Result<std::vector<AllocationRow>> ReadAllocations(Stmt& s) {
  std::vector<AllocationRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back({s.Int(0), s.Int(1), s.Int(2), s.Text(3), s.Text(4), s.Int(5), OptionalInt(s, 6), s.Int(7)});
  }
  return out;
}
}  // namespace

Result<std::vector<AllocationRow>> SqliteCareRepository::ListAllocationsOfChild(int64_t child_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, child_id, staff_id, role, team, starts_at, ends_at, created_by FROM allocations WHERE child_id = ? ORDER BY starts_at, id"));
  s->Bind(1, child_id);
  return ReadAllocations(*s);
}

Result<std::vector<AllocationRow>> SqliteCareRepository::ListAllocationsOfStaff(int64_t staff_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, child_id, staff_id, role, team, starts_at, ends_at, created_by FROM allocations WHERE staff_id = ? ORDER BY starts_at, id"));
  s->Bind(1, staff_id);
  return ReadAllocations(*s);
}

Status SqliteCareRepository::EndAllocation(int64_t allocation_id, UnixMicros ends_at) {
  // An allocation created with a planned end still in the future has not ended: ending it brings
  // the end forward. One whose end is at or before `ends_at` has already ended.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "UPDATE allocations SET ends_at = ? WHERE id = ? AND (ends_at IS NULL OR ends_at > ?)"));
  s->Bind(1, ends_at).Bind(2, allocation_id).Bind(3, ends_at);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChangeOrConflict(c_, "SELECT 1 FROM allocations WHERE id = ?", allocation_id, "allocation",
                                   "has already ended");
}

Result<std::optional<AllocationRow>> SqliteCareRepository::GetAllocation(int64_t allocation_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, child_id, staff_id, role, team, starts_at, ends_at, created_by FROM allocations WHERE id = ?"));
  s->Bind(1, allocation_id);
  CONFIDE_ASSIGN_OR_RETURN(std::vector<AllocationRow> rows, ReadAllocations(*s));
  if (rows.empty()) return std::optional<AllocationRow>();
  return std::optional<AllocationRow>(std::move(rows.front()));
}

Status SqliteCareRepository::ScanAllocations(const std::function<Status(const AllocationRow&)>& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, child_id, staff_id, role, team, starts_at, ends_at, created_by FROM allocations ORDER BY id"));
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Ok();
    CONFIDE_RETURN_IF_ERROR(visit(AllocationRow{s->Int(0), s->Int(1), s->Int(2), s->Text(3), s->Text(4), s->Int(5),
                                                OptionalInt(*s, 6), s->Int(7)}));
  }
}

Status SqliteCareRepository::ScanRelationshipLinks(const std::function<Status(const RelationshipLink&)>& visit) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT child_id, person_id FROM relationships ORDER BY id"));
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Ok();
    CONFIDE_RETURN_IF_ERROR(visit(RelationshipLink{s->Int(0), s->Int(1)}));
  }
}

// ---- records ----------------------------------------------------------------------------------

Result<int64_t> SqliteRecordRepository::Insert(const RecordRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO records(person_id, kind, current_version, tier, occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.person_id).Bind(2, std::string_view(r.kind)).Bind(3, int64_t{r.current_version})
      .Bind(4, std::string_view(r.tier)).Bind(5, r.occurred_at).Bind(6, r.created_at);
  return InsertReturningId(c_, *s);
}

Status SqliteRecordRepository::InsertVersion(const RecordVersionRow& r) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "INSERT INTO record_versions(record_id, version, tier, occurred_at, recorded_at, author_id, source_kind, sealed, signature) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s->Bind(1, r.record_id).Bind(2, int64_t{r.version}).Bind(3, std::string_view(r.tier)).Bind(4, r.occurred_at)
      .Bind(5, r.recorded_at).Bind(6, r.author_id).Bind(7, std::string_view(r.source_kind))
      .Bind(8, ByteView(r.sealed)).Bind(9, ByteView(r.signature));
  return RunWrite(c_, *s);
}

Status SqliteRecordRepository::SetCurrent(int64_t record_id, int32_t version, std::string_view tier, UnixMicros occurred_at) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("UPDATE records SET current_version = ?, tier = ?, occurred_at = ? WHERE id = ?"));
  s->Bind(1, int64_t{version}).Bind(2, tier).Bind(3, occurred_at).Bind(4, record_id);
  CONFIDE_RETURN_IF_ERROR(RunWrite(c_, *s));
  return ExpectOneChange(c_, "record");
}

namespace {
RecordRow ReadRecord(const Stmt& s) {
  return RecordRow{s.Int(0), s.Int(1), s.Text(2), static_cast<int32_t>(s.Int(3)), s.Text(4), s.Int(5), s.Int(6)};
}
RecordVersionRow ReadRecordVersion(const Stmt& s) {
  return RecordVersionRow{s.Int(0), static_cast<int32_t>(s.Int(1)), s.Text(2), s.Int(3), s.Int(4),
                          s.Int(5), s.Text(6), s.Blob(7), s.Blob(8)};
}
}  // namespace

Result<std::optional<RecordRow>> SqliteRecordRepository::Get(int64_t id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT id, person_id, kind, current_version, tier, occurred_at, created_at FROM records WHERE id = ?"));
  s->Bind(1, id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<RecordRow>();
  return std::optional<RecordRow>(ReadRecord(*s));
}

Result<std::optional<RecordVersionRow>> SqliteRecordRepository::GetVersion(int64_t record_id, int32_t version) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT record_id, version, tier, occurred_at, recorded_at, author_id, source_kind, sealed, signature "
      "FROM record_versions WHERE record_id = ? AND version = ?"));
  s->Bind(1, record_id).Bind(2, int64_t{version});
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<RecordVersionRow>();
  return std::optional<RecordVersionRow>(ReadRecordVersion(*s));
}

Result<std::vector<RecordVersionRow>> SqliteRecordRepository::ListVersions(int64_t record_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT record_id, version, tier, occurred_at, recorded_at, author_id, source_kind, sealed, signature "
      "FROM record_versions WHERE record_id = ? ORDER BY version"));
  s->Bind(1, record_id);
  std::vector<RecordVersionRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(ReadRecordVersion(*s));
  }
  return out;
}

Result<int32_t> SqliteRecordRepository::LatestVersion(int64_t record_id) {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT COALESCE(MAX(version), 0) FROM record_versions WHERE record_id = ?"));
  s->Bind(1, record_id);
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? static_cast<int32_t>(s->Int(0)) : 0;
}

Result<std::vector<ChronologyRow>> SqliteRecordRepository::ListForPerson(int64_t person_id) {
  // One indexed range scan on (person_id, occurred_at) joined to each record's current version and
  // its highest version. LEFT JOIN: a current version that is missing must surface, not vanish.
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare(
      "SELECT r.id, r.person_id, r.kind, r.current_version, r.tier, r.occurred_at, r.created_at, "
      "v.record_id, v.version, v.tier, v.occurred_at, v.recorded_at, v.author_id, v.source_kind, v.sealed, v.signature, "
      "(SELECT MAX(m.version) FROM record_versions m WHERE m.record_id = r.id) "
      "FROM records r LEFT JOIN record_versions v ON v.record_id = r.id AND v.version = r.current_version "
      "WHERE r.person_id = ? ORDER BY r.occurred_at, r.id"));
  s->Bind(1, person_id);
  std::vector<ChronologyRow> out;
  for (;;) {
    CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    ChronologyRow c;
    c.record = ReadRecord(*s);
    if (!s->IsNull(7)) {
      c.current = RecordVersionRow{s->Int(7), static_cast<int32_t>(s->Int(8)), s->Text(9), s->Int(10), s->Int(11),
                                   s->Int(12), s->Text(13), s->Blob(14), s->Blob(15)};
    }
    c.latest_version = s->IsNull(16) ? 0 : static_cast<int32_t>(s->Int(16));
    out.push_back(std::move(c));
  }
  return out;
}

Result<int64_t> SqliteRecordRepository::Count() {
  CONFIDE_ASSIGN_OR_RETURN(auto s, c_.Prepare("SELECT COUNT(*) FROM records"));
  CONFIDE_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? s->Int(0) : 0;
}

}  // namespace confide::store::sqlite
