#include "codec/domain_json.h"

#include "codec/json_reader.h"
#include "crypto/encoding.h"
#include "domain/civil_date.h"
#include "sharing/sharing_explanation.h"

namespace confide::codec {
namespace {

std::string DateText(const std::optional<domain::CivilDate>& d) { return d ? d->ToIso() : ""; }

nlohmann::json StatementsToJson(const std::vector<domain::Statement>& s) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& st : s) arr.push_back({{"basis", domain::ToString(st.basis)}, {"text", st.text}});
  return arr;
}

Result<std::vector<domain::Statement>> StatementsFromJson(const nlohmann::json* arr, const std::string& where) {
  std::vector<domain::Statement> out;
  if (!arr) return out;
  if (arr->size() > 100) return Status::InvalidArgument(where + " has more than 100 statements");
  for (const auto& item : *arr) {
    JsonReader r(item, where + "[]");
    CONFIDE_ASSIGN_OR_RETURN(auto text, r.String("text", true, 20000));
    CONFIDE_ASSIGN_OR_RETURN(auto basis, r.String("basis", true));
    CONFIDE_RETURN_IF_ERROR(r.Finish());
    auto b = domain::ParseStatementBasis(*basis);
    if (!b) return Status::InvalidArgument(r.Field("basis") + " must be fact or opinion");
    out.push_back({*text, *b});
  }
  return out;
}

}  // namespace

std::string TimeText(UnixMicros t) { return domain::FormatTimestampIso(t); }

Result<UnixMicros> ParseTime(const std::string& text, const std::string& field) {
  auto t = domain::ParseTimestampMicros(text);
  if (!t.ok()) return Status::InvalidArgument(field + " is not a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  return *t;
}

nlohmann::json PersonToJson(const domain::Person& p) {
  const auto& d = p.details;
  return {{"id", p.id},
          {"kind", domain::ToString(p.kind)},
          {"version", p.version},
          {"given_names", d.given_names},
          {"family_name", d.family_name},
          {"preferred_name", d.preferred_name},
          {"date_of_birth", DateText(d.date_of_birth)},
          {"gender", d.gender},
          {"address", d.address},
          {"postcode", d.postcode},
          {"phone", d.phone},
          {"email", d.email},
          {"nhs_number", d.nhs_number ? d.nhs_number->Formatted() : ""},
          {"unique_pupil_number", d.unique_pupil_number},
          {"la_child_id", d.la_child_id},
          {"status",
           {{"looked_after", d.status.looked_after},
            {"looked_after_by", d.status.looked_after_by},
            {"child_in_need", d.status.child_in_need},
            {"child_protection_plan", d.status.child_protection_plan}}}};
}

nlohmann::json PersonMatchToJson(const service::PersonMatch& m) {
  return {{"id", m.id},
          {"kind", domain::ToString(m.kind)},
          {"display_name", m.display_name},
          {"date_of_birth", DateText(m.date_of_birth)},
          {"nhs_number", m.nhs_number ? m.nhs_number->Formatted() : ""}};
}

nlohmann::json RecordVersionToJson(const domain::RecordVersion& v) {
  nlohmann::json j{{"record_id", v.record_id},
                   {"version", v.version},
                   {"person_id", v.person_id},
                   {"kind", domain::ToString(v.kind)},
                   {"tier", domain::ToString(v.tier)},
                   {"occurred_at", TimeText(v.occurred_at)},
                   {"recorded_at", TimeText(v.recorded_at)},
                   {"author_id", v.author_id},
                   {"summary", v.content.summary},
                   {"text", v.content.text},
                   {"source", {{"kind", domain::ToString(v.content.source.kind)}, {"name", v.content.source.name},
                               {"relationship", v.content.source.relationship}}}};
  if (!v.amendment_reason.empty()) j["amendment_reason"] = v.amendment_reason;
  if (v.content.concern) {
    const auto& k = *v.content.concern;
    j["concern"] = {{"what_happened", StatementsToJson(k.what_happened)}, {"where", k.where},
                    {"who_was_present", k.who_was_present}, {"childs_words", k.childs_words},
                    {"injuries_observed", StatementsToJson(k.injuries_observed)},
                    {"action_taken", StatementsToJson(k.action_taken)}};
  }
  if (v.content.attachment) {
    j["attachment"] = {{"file_name", v.content.attachment->file_name}, {"media_type", v.content.attachment->media_type},
                       {"bytes", v.content.attachment->content.size()}};
  }
  return j;
}

nlohmann::json ChronologyItemToJson(const service::ChronologyItem& i) {
  return {{"record_id", i.record_id}, {"version", i.version},           {"kind", domain::ToString(i.kind)},
          {"tier", domain::ToString(i.tier)}, {"occurred_at", TimeText(i.occurred_at)},
          {"recorded_at", TimeText(i.recorded_at)}, {"author_id", i.author_id}, {"summary", i.summary}};
}

nlohmann::json RelationshipToJson(const domain::Relationship& r) {
  nlohmann::json restrictions = nlohmann::json::array();
  for (auto x : r.details.restrictions) restrictions.push_back(domain::ToString(x));
  return {{"id", r.id},
          {"child_id", r.child_id},
          {"person_id", r.person_id},
          {"kind", domain::ToString(r.details.kind)},
          {"parental_responsibility", r.details.parental_responsibility},
          {"lives_with", r.details.lives_with},
          {"poses_risk", r.details.poses_risk},
          {"restrictions", restrictions},
          {"notes", r.details.notes},
          {"created_at", TimeText(r.created_at)},
          {"created_by", r.created_by}};
}

nlohmann::json AllocationToJson(const domain::Allocation& a) {
  return {{"id", a.id},
          {"child_id", a.child_id},
          {"staff_id", a.staff_id},
          {"role", domain::ToString(a.role)},
          {"team", a.team},
          {"starts_at", TimeText(a.starts_at)},
          {"ends_at", a.ends_at ? nlohmann::json(TimeText(*a.ends_at)) : nlohmann::json(nullptr)},
          {"created_by", a.created_by}};
}

nlohmann::json StaffToJson(const domain::StaffMember& s) {
  return {{"id", s.id},     {"role", domain::ToString(s.role)}, {"team", s.team},
          {"active", s.active}, {"name", s.details.full_name},     {"email", s.details.email}};
}

nlohmann::json TrainingToJson(const domain::TrainingRecord& t) {
  return {{"id", t.id},
          {"staff_id", t.staff_id},
          {"course", t.course},
          {"completed_at", TimeText(t.completed_at)},
          {"expires_at", t.expires_at ? nlohmann::json(TimeText(*t.expires_at)) : nlohmann::json(nullptr)},
          {"recorded_by", t.recorded_by}};
}

nlohmann::json AccessEventToJson(const service::AccessEvent& e) {
  return {{"seq", e.seq},         {"time", TimeText(e.time)},   {"staff_id", e.actor},
          {"action", e.action},   {"person_id", e.person_id},   {"record_id", e.record_id},
          {"version", e.record_version}, {"outcome", e.outcome}, {"explanation", e.detail}};
}

nlohmann::json AnomalyToJson(const service::Anomaly& a) {
  return {{"kind", a.kind}, {"staff_id", a.staff_id}, {"person_id", a.person_id}, {"time", TimeText(a.time)},
          {"seq", a.seq},   {"detail", a.detail}};
}

nlohmann::json BreakGlassToJson(const domain::BreakGlassGrant& g) {
  return {{"id", g.id},
          {"staff_id", g.staff_id},
          {"person_id", g.person_id},
          {"reason", g.reason},
          {"started_at", TimeText(g.started_at)},
          {"expires_at", TimeText(g.expires_at)}};
}

nlohmann::json CaseloadItemToJson(const service::CaseloadItem& c) {
  return {{"person_id", c.person_id}, {"display_name", c.display_name}, {"date_of_birth", DateText(c.date_of_birth)},
          {"role", domain::ToString(c.role)}, {"since", TimeText(c.since)}};
}

nlohmann::json ApprovalQueueToJson(const service::ApprovalQueue& q) {
  nlohmann::json items = nlohmann::json::array();
  for (const service::AwaitingApproval& a : q.items) {
    nlohmann::json j = {{"request_id", a.request_id},
                        {"person_id", a.person_id},
                        {"direction", sharing::Name(a.direction)},
                        {"urgency", sharing::Name(a.urgency)},
                        {"purpose", a.purpose},
                        {"outcome", sharing::Name(a.outcome)},
                        {"approvals_missing", sharing::ApprovalNames(a.approvals_missing)},
                        {"yours", sharing::ApprovalNames(a.yours)},
                        {"received_at", TimeText(a.received_at)},
                        {"decided_at", TimeText(a.decided_at)},
                        {"sent", a.sent}};
    if (a.person_name) j["person_name"] = *a.person_name;
    items.push_back(std::move(j));
  }
  return {{"approver", q.approver}, {"requests", std::move(items)}};
}

Result<domain::PersonDetails> PersonDetailsFromJson(const nlohmann::json& j) {
  JsonReader r(j, "details");
  domain::PersonDetails d;
  auto text = [&](const char* key, std::string& out, bool required = false) -> Status {
    CONFIDE_ASSIGN_OR_RETURN(auto v, r.String(key, required, 2000));
    if (v) out = *v;
    return Status::Ok();
  };
  CONFIDE_RETURN_IF_ERROR(text("given_names", d.given_names, true));
  CONFIDE_RETURN_IF_ERROR(text("family_name", d.family_name, true));
  CONFIDE_RETURN_IF_ERROR(text("preferred_name", d.preferred_name));
  CONFIDE_RETURN_IF_ERROR(text("gender", d.gender));
  CONFIDE_RETURN_IF_ERROR(text("address", d.address));
  CONFIDE_RETURN_IF_ERROR(text("postcode", d.postcode));
  CONFIDE_RETURN_IF_ERROR(text("phone", d.phone));
  CONFIDE_RETURN_IF_ERROR(text("email", d.email));
  CONFIDE_RETURN_IF_ERROR(text("unique_pupil_number", d.unique_pupil_number));
  CONFIDE_RETURN_IF_ERROR(text("la_child_id", d.la_child_id));
  CONFIDE_ASSIGN_OR_RETURN(auto dob, r.String("date_of_birth"));
  if (dob && !dob->empty()) {
    auto parsed = domain::CivilDate::Parse(*dob);
    if (!parsed.ok()) return Status::InvalidArgument("details.date_of_birth is not a date (YYYY-MM-DD)");
    d.date_of_birth = *parsed;
  }
  CONFIDE_ASSIGN_OR_RETURN(auto nhs, r.String("nhs_number"));
  if (nhs && !nhs->empty()) {
    auto parsed = domain::NhsNumber::Parse(*nhs);
    if (!parsed.ok()) return Status::InvalidArgument("details.nhs_number is not a valid NHS number");
    d.nhs_number = *parsed;
  }
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* status, r.Object("status"));
  if (status) {
    JsonReader s(*status, "details.status");
    CONFIDE_ASSIGN_OR_RETURN(auto la, s.Bool("looked_after"));
    CONFIDE_ASSIGN_OR_RETURN(auto by, s.String("looked_after_by", false, 200));
    CONFIDE_ASSIGN_OR_RETURN(auto cin, s.Bool("child_in_need"));
    CONFIDE_ASSIGN_OR_RETURN(auto cp, s.Bool("child_protection_plan"));
    CONFIDE_RETURN_IF_ERROR(s.Finish());
    d.status.looked_after = la.value_or(false);
    d.status.looked_after_by = by.value_or("");
    d.status.child_in_need = cin.value_or(false);
    d.status.child_protection_plan = cp.value_or(false);
  }
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return d;
}

Result<service::PersonQuery> PersonQueryFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  service::PersonQuery q;
  CONFIDE_ASSIGN_OR_RETURN(auto family, r.String("family_name", false, 200));
  CONFIDE_ASSIGN_OR_RETURN(auto given, r.String("given_name", false, 200));
  CONFIDE_ASSIGN_OR_RETURN(auto dob, r.String("date_of_birth", false, 20));
  CONFIDE_ASSIGN_OR_RETURN(auto nhs, r.String("nhs_number", false, 20));
  CONFIDE_ASSIGN_OR_RETURN(auto upn, r.String("unique_pupil_number", false, 20));
  CONFIDE_ASSIGN_OR_RETURN(auto la, r.String("la_child_id", false, 50));
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  q.family_name = family.value_or("");
  q.given_name = given.value_or("");
  q.unique_pupil_number = upn.value_or("");
  q.la_child_id = la.value_or("");
  if (dob && !dob->empty()) {
    auto parsed = domain::CivilDate::Parse(*dob);
    if (!parsed.ok()) return Status::InvalidArgument("body.date_of_birth is not a date (YYYY-MM-DD)");
    q.date_of_birth = *parsed;
  }
  if (nhs && !nhs->empty()) {
    auto parsed = domain::NhsNumber::Parse(*nhs);
    if (!parsed.ok()) return Status::InvalidArgument("body.nhs_number is not a valid NHS number");
    q.nhs_number = *parsed;
  }
  return q;
}

Result<domain::RecordContent> RecordContentFromJson(const nlohmann::json& j, const std::string& where) {
  JsonReader r(j, where);
  domain::RecordContent c;
  CONFIDE_ASSIGN_OR_RETURN(auto summary, r.String("summary", true, 500));
  CONFIDE_ASSIGN_OR_RETURN(auto text, r.String("text", false, 200000));
  c.summary = *summary;
  c.text = text.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* source, r.Object("source"));
  if (source) {
    JsonReader s(*source, where + ".source");
    CONFIDE_ASSIGN_OR_RETURN(auto kind, s.String("kind", true));
    CONFIDE_ASSIGN_OR_RETURN(auto name, s.String("name", false, 200));
    CONFIDE_ASSIGN_OR_RETURN(auto rel, s.String("relationship", false, 200));
    CONFIDE_RETURN_IF_ERROR(s.Finish());
    auto k = domain::ParseSourceKind(*kind);
    if (!k) return Status::InvalidArgument(s.Field("kind") + " is not a source Confide knows");
    c.source.kind = *k;
    c.source.name = name.value_or("");
    c.source.relationship = rel.value_or("");
  }
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* concern, r.Object("concern"));
  if (concern) {
    JsonReader k(*concern, where + ".concern");
    domain::SafeguardingConcern sc;
    CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* what, k.Array("what_happened"));
    CONFIDE_ASSIGN_OR_RETURN(sc.what_happened, StatementsFromJson(what, k.Field("what_happened")));
    CONFIDE_ASSIGN_OR_RETURN(auto where_text, k.String("where", false, 2000));
    CONFIDE_ASSIGN_OR_RETURN(auto present, k.String("who_was_present", false, 2000));
    CONFIDE_ASSIGN_OR_RETURN(auto words, k.String("childs_words", false, 20000));
    CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* injuries, k.Array("injuries_observed"));
    CONFIDE_ASSIGN_OR_RETURN(sc.injuries_observed, StatementsFromJson(injuries, k.Field("injuries_observed")));
    CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* actions, k.Array("action_taken"));
    CONFIDE_ASSIGN_OR_RETURN(sc.action_taken, StatementsFromJson(actions, k.Field("action_taken")));
    CONFIDE_RETURN_IF_ERROR(k.Finish());
    sc.where = where_text.value_or("");
    sc.who_was_present = present.value_or("");
    sc.childs_words = words.value_or("");
    c.concern = std::move(sc);
  }
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* attachment, r.Object("attachment"));
  if (attachment) {
    JsonReader a(*attachment, where + ".attachment");
    CONFIDE_ASSIGN_OR_RETURN(auto name, a.String("file_name", true, 255));
    CONFIDE_ASSIGN_OR_RETURN(auto type, a.String("media_type", true, 100));
    CONFIDE_ASSIGN_OR_RETURN(auto content, a.String("content_base64", true, 8 * 1024 * 1024));
    CONFIDE_RETURN_IF_ERROR(a.Finish());
    auto bytes = crypto::Base64Decode(*content);
    if (!bytes.ok()) return Status::InvalidArgument(a.Field("content_base64") + " is not base64");
    c.attachment = domain::Attachment{*name, *type, std::move(bytes).value()};
  }
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<domain::RelationshipDetails> RelationshipDetailsFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  domain::RelationshipDetails d;
  CONFIDE_ASSIGN_OR_RETURN(auto kind, r.String("kind", true));
  CONFIDE_ASSIGN_OR_RETURN(auto pr, r.Bool("parental_responsibility"));
  CONFIDE_ASSIGN_OR_RETURN(auto lives, r.Bool("lives_with"));
  CONFIDE_ASSIGN_OR_RETURN(auto risk, r.Bool("poses_risk"));
  CONFIDE_ASSIGN_OR_RETURN(auto restrictions, r.Strings("restrictions"));
  CONFIDE_ASSIGN_OR_RETURN(auto notes, r.String("notes", false, 2000));
  // person_id is read by the caller; mark it known here so Finish does not refuse it.
  CONFIDE_RETURN_IF_ERROR(r.Int("person_id", true).status());
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  auto k = domain::ParseRelationshipKind(*kind);
  if (!k) return Status::InvalidArgument("body.kind is not a relationship Confide knows");
  d.kind = *k;
  d.parental_responsibility = pr.value_or(false);
  d.lives_with = lives.value_or(false);
  d.poses_risk = risk.value_or(false);
  d.notes = notes.value_or("");
  for (const auto& s : restrictions.value_or(std::vector<std::string>{})) {
    auto x = domain::ParseRestriction(s);
    if (!x) return Status::InvalidArgument("body.restrictions has a restriction Confide does not know");
    d.restrictions.push_back(*x);
  }
  return d;
}

}  // namespace confide::codec
