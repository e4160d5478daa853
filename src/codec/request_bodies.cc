#include "codec/request_bodies.h"

#include <climits>

#include "codec/domain_json.h"
#include "codec/json_reader.h"

namespace confide::codec {
namespace {

Result<std::optional<domain::SensitivityTier>> OptionalTier(const std::optional<std::string>& text, const std::string& field) {
  if (!text) return std::optional<domain::SensitivityTier>();
  auto t = domain::ParseSensitivityTier(*text);
  if (!t) return Status::InvalidArgument(field + " must be general, sensitive or restricted");
  return std::optional<domain::SensitivityTier>(*t);
}

// 0 would skip the optimistic check, and a value past int32 would wrap onto another version.
Result<domain::VersionNumber> ExpectedVersion(int64_t v, const std::string& field) {
  if (v < 1 || v > INT32_MAX) return Status::InvalidArgument(field + " must be 1 or more");
  return static_cast<domain::VersionNumber>(v);
}

}  // namespace

Result<service::RecordDraft> RecordDraftFromJson(const nlohmann::json& body, domain::PersonId person_id) {
  JsonReader rd(body, "body");
  CONFIDE_ASSIGN_OR_RETURN(auto kind, rd.String("kind", true));
  CONFIDE_ASSIGN_OR_RETURN(auto tier_text, rd.String("tier", true));
  CONFIDE_ASSIGN_OR_RETURN(auto occurred, rd.String("occurred_at", true));
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* content, rd.Object("content", true));
  CONFIDE_RETURN_IF_ERROR(rd.Finish());
  service::RecordDraft draft;
  draft.person_id = person_id;
  auto k = domain::ParseRecordKind(*kind);
  if (!k) return Status::InvalidArgument("body.kind is not a record kind Confide knows");
  draft.kind = *k;
  CONFIDE_ASSIGN_OR_RETURN(auto tier, OptionalTier(tier_text, "body.tier"));
  draft.tier = *tier;
  CONFIDE_ASSIGN_OR_RETURN(draft.occurred_at, ParseTime(*occurred, "body.occurred_at"));
  CONFIDE_ASSIGN_OR_RETURN(draft.content, RecordContentFromJson(*content, "body.content"));
  return draft;
}

Result<service::RecordAmendment> RecordAmendmentFromJson(const nlohmann::json& body, domain::RecordId record_id) {
  JsonReader rd(body, "body");
  CONFIDE_ASSIGN_OR_RETURN(auto expected, rd.Int("expected_version", true));
  CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 2000));
  CONFIDE_ASSIGN_OR_RETURN(auto tier_text, rd.String("tier"));
  CONFIDE_ASSIGN_OR_RETURN(auto occurred, rd.String("occurred_at"));
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* content, rd.Object("content", true));
  CONFIDE_RETURN_IF_ERROR(rd.Finish());
  service::RecordAmendment a;
  a.record_id = record_id;
  CONFIDE_ASSIGN_OR_RETURN(a.expected_current, ExpectedVersion(*expected, "body.expected_version"));
  a.reason = *reason;
  CONFIDE_ASSIGN_OR_RETURN(a.tier, OptionalTier(tier_text, "body.tier"));
  if (occurred) {
    CONFIDE_ASSIGN_OR_RETURN(UnixMicros t, ParseTime(*occurred, "body.occurred_at"));
    a.occurred_at = t;
  }
  CONFIDE_ASSIGN_OR_RETURN(a.content, RecordContentFromJson(*content, "body.content"));
  return a;
}

Result<NewPerson> NewPersonFromJson(const nlohmann::json& body) {
  JsonReader rd(body, "body");
  CONFIDE_ASSIGN_OR_RETURN(auto kind_text, rd.String("kind", true));
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* details, rd.Object("details", true));
  CONFIDE_RETURN_IF_ERROR(rd.Finish());
  auto kind = domain::ParsePersonKind(*kind_text);
  if (!kind) return Status::InvalidArgument("body.kind must be child or adult");
  NewPerson out;
  out.kind = *kind;
  CONFIDE_ASSIGN_OR_RETURN(out.details, PersonDetailsFromJson(*details));
  return out;
}

Result<PersonAmendment> PersonAmendmentFromJson(const nlohmann::json& body) {
  JsonReader rd(body, "body");
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* details, rd.Object("details", true));
  CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 2000));
  CONFIDE_ASSIGN_OR_RETURN(auto expected, rd.Int("expected_version", true));
  CONFIDE_RETURN_IF_ERROR(rd.Finish());
  PersonAmendment out;
  CONFIDE_ASSIGN_OR_RETURN(out.expected_version, ExpectedVersion(*expected, "body.expected_version"));
  CONFIDE_ASSIGN_OR_RETURN(out.details, PersonDetailsFromJson(*details));
  out.reason = *reason;
  return out;
}

}  // namespace confide::codec
