// Vault use cases for records: add, amend (a new signed version that keeps the old), read, history,
// chronology.
#include <algorithm>

#include "domain/text.h"
#include "service/field_codec.h"
#include "service/record_export.h"
#include "service/vault_tx.h"
#include "service/version_signature.h"

namespace confide::service {
namespace {

VersionHeader RecordHeader(const store::RecordRow& r, const store::RecordVersionRow& v, int64_t subject_id) {
  VersionHeader h;
  h.entity = "record";
  h.id = r.id;
  h.version = v.version;
  h.subject_id = subject_id;
  h.person_id = r.person_id;
  h.kind = r.kind;
  h.tier = v.tier;
  h.occurred_at = v.occurred_at;
  h.recorded_at = v.recorded_at;
  h.author_id = v.author_id;
  h.source_kind = v.source_kind;
  return h;
}

struct RecordContext {
  store::RecordRow record;
  store::PersonRow person;
};

// The clear current_version decides what a reader is shown; it must name the newest stored version,
// or an edit of that one column could roll a record back to a superseded version unnoticed.
Status CheckCurrentIsLatest(Vault::Tx& tx, const store::RecordRow& record) {
  CONFIDE_ASSIGN_OR_RETURN(int32_t latest, tx.uow().records().LatestVersion(record.id));
  if (latest != record.current_version) {
    return Status::Corruption("record " + std::to_string(record.id) + " does not point at its newest version");
  }
  return Status::Ok();
}

// Loads a record for `action`, asking the access policy first (at the record's current tier) so a
// refusal looks exactly like a missing record, whatever state the record is in.
Result<RecordContext> LoadRecord(Vault::Tx& tx, domain::RecordId id, policy::Action action,
                                 const policy::Decision** decision) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecordRow> record, tx.uow().records().Get(id));
  const domain::PersonId person_id = record ? record->person_id : 0;
  // An unreadable tier is treated as the most restricted until the integrity checks below fail.
  const domain::SensitivityTier tier = record ? domain::ParseSensitivityTier(record->tier).value_or(domain::SensitivityTier::kRestricted)
                                              : domain::SensitivityTier::kGeneral;
  CONFIDE_ASSIGN_OR_RETURN(*decision, tx.Authorize(action, person_id, tier, NoSuchRecord(id)));
  if (!record) return NoSuchRecord(id);
  CONFIDE_RETURN_IF_ERROR(CheckCurrentIsLatest(tx, *record));
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> person, tx.uow().persons().Get(record->person_id));
  if (!person) return Status::Corruption("record " + std::to_string(id) + " is about a person who does not exist");
  return RecordContext{*record, *person};
}

// Validates, seals, signs and stores one version. `v` carries everything but recorded_at/author.
Status WriteRecordVersion(Vault::Tx& tx, const RecordContext& ctx, domain::RecordVersion& v) {
  v.recorded_at = tx.now();
  v.author_id = tx.actor();
  CONFIDE_RETURN_IF_ERROR(domain::ValidateRecordVersion(v));
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(ctx.person.subject_id));
  store::RecordVersionRow row{ctx.record.id, v.version, std::string(domain::ToString(v.tier)), v.occurred_at,
                              v.recorded_at, v.author_id, std::string(domain::ToString(v.content.source.kind)), {}, {}};
  FieldMap fields = RecordToFields(v.content, v.amendment_reason);
  AddSigningSalt(fields);
  const VersionHeader header = RecordHeader(ctx.record, row, ctx.person.subject_id);
  CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*key, header, fields));
  const crypto::Signature sig = SignVersion(tx.keys().signing_key(), header, fields);
  row.signature.assign(sig.begin(), sig.end());
  return tx.uow().records().InsertVersion(row);
}

// Decrypts a version and checks its signature.
Result<RecordView> ReadVersion(Vault::Tx& tx, const RecordContext& ctx, const store::RecordVersionRow& row) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(ctx.person.subject_id));
  const VersionHeader header = RecordHeader(ctx.record, row, ctx.person.subject_id);
  CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, header, row.sealed));
  CONFIDE_RETURN_IF_ERROR(tx.VerifyVersion(header, fields, row.signature));
  RecordView view;
  domain::RecordVersion& v = view.version;
  v.record_id = ctx.record.id;
  v.version = row.version;
  v.person_id = ctx.record.person_id;
  auto kind = domain::ParseRecordKind(ctx.record.kind);
  auto tier = domain::ParseSensitivityTier(row.tier);
  auto source = domain::ParseSourceKind(row.source_kind);
  if (!kind || !tier || !source) return Status::Corruption("record " + std::to_string(ctx.record.id) + " has unknown metadata");
  v.kind = *kind;
  v.tier = *tier;
  v.occurred_at = row.occurred_at;
  v.recorded_at = row.recorded_at;
  v.author_id = row.author_id;
  CONFIDE_ASSIGN_OR_RETURN(v.content, RecordFromFields(fields, &v.amendment_reason));
  v.content.source.kind = *source;
  view.current_version = ctx.record.current_version;
  return view;
}

}  // namespace

Result<domain::RecordId> Vault::AddRecordIn(Tx& tx, const RecordDraft& draft) {
  CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* decision,
                           tx.Authorize(policy::Action::kRecordCreate, draft.person_id, draft.tier, NoSuchPerson(draft.person_id)));
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> person, tx.uow().persons().Get(draft.person_id));
  if (!person) return NoSuchPerson(draft.person_id);
  if (person->kind != domain::ToString(domain::PersonKind::kChild)) {
    return Status::InvalidArgument("records are kept about children; person " + std::to_string(draft.person_id) +
                                   " is an adult");
  }
  domain::RecordVersion v;
  v.version = 1;
  v.person_id = draft.person_id;
  v.kind = draft.kind;
  v.tier = draft.tier;
  v.occurred_at = draft.occurred_at;
  v.content = draft.content;
  // Validate before the insert so bad input never consumes an id.
  v.recorded_at = tx.now();
  v.author_id = tx.actor();
  CONFIDE_RETURN_IF_ERROR(domain::ValidateRecordVersion(v));
  RecordContext ctx{{0, draft.person_id, std::string(domain::ToString(draft.kind)), 1,
                     std::string(domain::ToString(draft.tier)), draft.occurred_at, tx.now()},
                    *person};
  CONFIDE_ASSIGN_OR_RETURN(ctx.record.id, tx.uow().records().Insert(ctx.record));
  CONFIDE_RETURN_IF_ERROR(WriteRecordVersion(tx, ctx, v));
  CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("record.create", *decision, draft.person_id, ctx.record.id, 1, ctx.record.kind));
  return ctx.record.id;
}

Result<domain::RecordId> Vault::AddRecord(domain::StaffId actor, const RecordDraft& draft) {
  return Transact<domain::RecordId>(actor, {"record.create", draft.person_id}, [&](Tx& tx) { return AddRecordIn(tx, draft); });
}

Result<domain::VersionNumber> Vault::AmendRecordIn(Tx& tx, const RecordAmendment& a) {
  const policy::Decision* decision = nullptr;
  CONFIDE_ASSIGN_OR_RETURN(RecordContext ctx, LoadRecord(tx, a.record_id, policy::Action::kRecordAmend, &decision));
  // Moving a record to another tier needs the right to amend at that tier too.
  if (a.tier) {
    CONFIDE_ASSIGN_OR_RETURN(decision, tx.Authorize(policy::Action::kRecordAmend, ctx.record.person_id, *a.tier,
                                                    NoSuchRecord(a.record_id)));
  }
  if (domain::IsBlank(a.reason)) return Status::InvalidArgument("an amendment needs a reason");
  if (a.expected_current != 0 && a.expected_current != ctx.record.current_version) {
    return Status::Conflict("record " + std::to_string(a.record_id) + " is at version " +
                            std::to_string(ctx.record.current_version) + ", not " + std::to_string(a.expected_current) +
                            ": someone amended it meanwhile");
  }
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecordVersionRow> current,
                           tx.uow().records().GetVersion(a.record_id, ctx.record.current_version));
  if (!current) return Status::Corruption("record " + std::to_string(a.record_id) + " has lost its current version");
  // The amendment builds on a version whose signature holds: never extend a tampered chain.
  CONFIDE_ASSIGN_OR_RETURN(RecordView before, ReadVersion(tx, ctx, *current));

  domain::RecordVersion v = before.version;
  v.version = ctx.record.current_version + 1;
  if (a.tier) v.tier = *a.tier;
  if (a.occurred_at) v.occurred_at = *a.occurred_at;
  v.content = a.edit ? before.version.content : a.content;
  if (a.edit) CONFIDE_RETURN_IF_ERROR(a.edit(v.content));
  v.amendment_reason = a.reason;
  CONFIDE_RETURN_IF_ERROR(WriteRecordVersion(tx, ctx, v));
  CONFIDE_RETURN_IF_ERROR(tx.uow().records().SetCurrent(a.record_id, v.version, domain::ToString(v.tier), v.occurred_at));
  CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("record.amend", *decision, ctx.record.person_id, a.record_id, v.version));
  return v.version;
}

Result<domain::VersionNumber> Vault::AmendRecord(domain::StaffId actor, const RecordAmendment& a) {
  return Transact<domain::VersionNumber>(actor, {"record.amend", 0, a.record_id}, [&](Tx& tx) { return AmendRecordIn(tx, a); });
}

Result<RecordView> Vault::GetRecord(domain::StaffId actor, domain::RecordId id, std::optional<domain::VersionNumber> version) {
  return Read<RecordView>(actor, {"record.read", 0, id}, [&](Tx& tx) -> Result<RecordView> {
    const policy::Decision* decision = nullptr;
    CONFIDE_ASSIGN_OR_RETURN(RecordContext ctx, LoadRecord(tx, id, policy::Action::kRecordRead, &decision));
    const int32_t wanted = version.value_or(ctx.record.current_version);
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecordVersionRow> row, tx.uow().records().GetVersion(id, wanted));
    if (!row) return Status::NotFound("record " + std::to_string(id) + " has no version " + std::to_string(wanted));
    // The current version, to check the record's clear columns against: in the usual case the one
    // just read.
    const store::RecordVersionRow* current = &*row;
    std::optional<store::RecordVersionRow> current_row;
    if (wanted != ctx.record.current_version) {
      CONFIDE_ASSIGN_OR_RETURN(current_row, tx.uow().records().GetVersion(id, ctx.record.current_version));
      current = current_row ? &*current_row : nullptr;
    }
    if (!current || current->tier != ctx.record.tier || current->occurred_at != ctx.record.occurred_at) {
      return Status::Corruption("record " + std::to_string(id) + " does not match its current version");
    }
    // An older version may have been at another tier: it needs the right to read at that tier.
    if (row->tier != current->tier) {
      auto old_tier = domain::ParseSensitivityTier(row->tier);
      if (!old_tier) return Status::Corruption("record " + std::to_string(id) + " has unknown metadata");
      CONFIDE_ASSIGN_OR_RETURN(decision, tx.Authorize(policy::Action::kRecordRead, ctx.record.person_id, *old_tier, NoSuchRecord(id)));
    }
    CONFIDE_ASSIGN_OR_RETURN(RecordView view, ReadVersion(tx, ctx, *row));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("record.read", *decision, ctx.record.person_id, id, wanted));
    return view;
  });
}

Result<std::vector<domain::RecordVersion>> Vault::GetRecordHistory(domain::StaffId actor, domain::RecordId id) {
  using Out = std::vector<domain::RecordVersion>;
  return Read<Out>(actor, {"record.history", 0, id}, [&](Tx& tx) -> Result<Out> {
    const policy::Decision* decision = nullptr;
    CONFIDE_ASSIGN_OR_RETURN(RecordContext ctx, LoadRecord(tx, id, policy::Action::kRecordRead, &decision));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::RecordVersionRow> rows, tx.uow().records().ListVersions(id));
    if (rows.size() != static_cast<size_t>(ctx.record.current_version)) {
      return Status::Corruption("record " + std::to_string(id) + " is missing versions");
    }
    Out out;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].version != static_cast<int32_t>(i + 1)) return Status::Corruption("record versions are not contiguous");
      // The history shows every version, so each version's tier must be readable.
      if (rows[i].tier != ctx.record.tier) {
        auto tier = domain::ParseSensitivityTier(rows[i].tier);
        if (!tier) return Status::Corruption("record " + std::to_string(id) + " has unknown metadata");
        CONFIDE_ASSIGN_OR_RETURN(decision, tx.Authorize(policy::Action::kRecordRead, ctx.record.person_id, *tier, NoSuchRecord(id)));
      }
      CONFIDE_ASSIGN_OR_RETURN(RecordView view, ReadVersion(tx, ctx, rows[i]));
      out.push_back(std::move(view.version));
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("record.history", *decision, ctx.record.person_id, id, ctx.record.current_version,
                                           "versions " + std::to_string(out.size())));
    return out;
  });
}

Result<nlohmann::json> Vault::ExportRecord(domain::StaffId actor, domain::RecordId id,
                                           std::optional<domain::VersionNumber> version) {
  return Read<nlohmann::json>(actor, {"record.export", 0, id}, [&](Tx& tx) -> Result<nlohmann::json> {
    const policy::Decision* decision = nullptr;
    CONFIDE_ASSIGN_OR_RETURN(RecordContext ctx, LoadRecord(tx, id, policy::Action::kRecordExport, &decision));
    const int32_t wanted = version.value_or(ctx.record.current_version);
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecordVersionRow> row, tx.uow().records().GetVersion(id, wanted));
    if (!row) return Status::NotFound("record " + std::to_string(id) + " has no version " + std::to_string(wanted));
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(ctx.person.subject_id));
    const VersionHeader header = RecordHeader(ctx.record, *row, ctx.person.subject_id);
    CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, header, row->sealed));
    const crypto::PublicKey& pk = tx.keys().signing_key().public_key();
    CONFIDE_RETURN_IF_ERROR(tx.VerifyVersion(header, fields, row->signature));
    if (row->tier != ctx.record.tier) {
      auto tier = domain::ParseSensitivityTier(row->tier);
      if (!tier) return Status::Corruption("record " + std::to_string(id) + " has unknown metadata");
      CONFIDE_ASSIGN_OR_RETURN(decision, tx.Authorize(policy::Action::kRecordExport, ctx.record.person_id, *tier, NoSuchRecord(id)));
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("record.export", *decision, ctx.record.person_id, id, wanted));
    return BuildRecordExport(header, fields, row->signature, pk);
  });
}

Result<std::vector<domain::RecordVersion>> ReadCurrentRecords(Vault::Tx& tx, const store::PersonRow& person,
                                                              const std::function<bool(domain::SensitivityTier)>& include) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::ChronologyRow> rows, tx.uow().records().ListForPerson(person.id));
  std::vector<domain::RecordVersion> out;
  for (const store::ChronologyRow& row : rows) {
    if (!row.current || row.latest_version != row.record.current_version) {
      return Status::Corruption("record " + std::to_string(row.record.id) + " does not match its current version");
    }
    // The clear tier is a copy: ReadVersion checks it against the sealed version's associated data.
    const auto tier = domain::ParseSensitivityTier(row.record.tier);
    if (!tier) return Status::Corruption("record " + std::to_string(row.record.id) + " has unknown metadata");
    if (!include(*tier)) continue;
    CONFIDE_ASSIGN_OR_RETURN(RecordView view, ReadVersion(tx, RecordContext{row.record, person}, *row.current));
    out.push_back(std::move(view.version));
  }
  return out;
}

Result<std::vector<domain::RecordVersion>> ReadAllRecordVersions(Vault::Tx& tx, const store::PersonRow& person) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::ChronologyRow> rows, tx.uow().records().ListForPerson(person.id));
  std::vector<domain::RecordVersion> out;
  for (const store::ChronologyRow& row : rows) {
    CONFIDE_RETURN_IF_ERROR(CheckCurrentIsLatest(tx, row.record));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::RecordVersionRow> versions, tx.uow().records().ListVersions(row.record.id));
    if (versions.size() != static_cast<size_t>(row.record.current_version)) {
      return Status::Corruption("record " + std::to_string(row.record.id) + " is missing versions");
    }
    for (size_t i = 0; i < versions.size(); ++i) {
      if (versions[i].version != static_cast<int32_t>(i + 1)) return Status::Corruption("record versions are not contiguous");
      CONFIDE_ASSIGN_OR_RETURN(RecordView view, ReadVersion(tx, RecordContext{row.record, person}, versions[i]));
      out.push_back(std::move(view.version));
    }
  }
  return out;
}

Result<std::vector<ChronologyItem>> Vault::Chronology(domain::StaffId actor, domain::PersonId person_id,
                                                      const ChronologyQuery& q) {
  using Out = std::vector<ChronologyItem>;
  return Read<Out>(actor, {"chronology.read", person_id}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* decision,
                             tx.Authorize(policy::Action::kChronologyRead, person_id, domain::SensitivityTier::kGeneral,
                                          NoSuchPerson(person_id)));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> person, tx.uow().persons().Get(person_id));
    if (!person) return NoSuchPerson(person_id);
    // Every record of the child is read and checked before any filter applies: the clear kind,
    // tier and date are only copies, and an edited copy must fail, not hide a record.
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::ChronologyRow> rows, tx.uow().records().ListForPerson(person_id));
    auto wanted = [&](const ChronologyItem& item) {
      auto has = [](const auto& allowed, auto v) {
        return allowed.empty() || std::find(allowed.begin(), allowed.end(), v) != allowed.end();
      };
      return has(q.kinds, item.kind) && has(q.tiers, item.tier) && (!q.from || item.occurred_at >= *q.from) &&
             (!q.to || item.occurred_at < *q.to);
    };
    Out out;
    size_t hidden = 0;
    if (!rows.empty()) {
      CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person->subject_id));
      // Only the summary is decrypted. Its associated data binds the version's clear header, so an
      // edited tier, date, kind or author fails here without checking every signature.
      static const std::set<std::string> kSummaryOnly = {"summary"};
      for (const auto& row : rows) {
        const std::string id_text = std::to_string(row.record.id);
        if (!row.current || row.latest_version != row.record.current_version ||
            row.current->tier != row.record.tier || row.current->occurred_at != row.record.occurred_at) {
          return Status::Corruption("record " + id_text + " does not match its current version");
        }
        const VersionHeader header = RecordHeader(row.record, *row.current, person->subject_id);
        CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, header, row.current->sealed, &kSummaryOnly));
        auto kind = domain::ParseRecordKind(row.record.kind);
        auto tier = domain::ParseSensitivityTier(row.record.tier);
        if (!kind || !tier) return Status::Corruption("record " + id_text + " has unknown metadata");
        ChronologyItem item{row.record.id, row.record.current_version, *kind, *tier, row.record.occurred_at,
                            row.current->recorded_at, row.current->author_id, fields["summary"]};
        if (!wanted(item)) continue;
        // Records above the reader's tier are left out without a trace in the list: the reader
        // sees the chronology the policy lets them see, not a count of what they may not.
        if (!tx.Decide(policy::Action::kRecordRead, person_id, item.tier).allowed) {
          ++hidden;
          continue;
        }
        out.push_back(std::move(item));
        if (q.limit != 0 && out.size() >= q.limit) break;
      }
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("chronology.read", *decision, person_id, 0, 0,
                                           "records " + std::to_string(out.size()) + ", withheld by tier " + std::to_string(hidden)));
    return out;
  });
}

}  // namespace confide::service
