#include "service/field_codec.h"

#include <nlohmann/json.hpp>

namespace confide::service {
namespace {

using nlohmann::json;

void Put(FieldMap& f, const char* name, const std::string& value) {
  if (!value.empty()) f[name] = value;
}

std::string Get(const FieldMap& f, const char* name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

json StatementsToJson(const std::vector<domain::Statement>& statements) {
  json arr = json::array();
  for (const auto& s : statements) arr.push_back({{"text", s.text}, {"basis", domain::ToString(s.basis)}});
  return arr;
}

Result<std::vector<domain::Statement>> StatementsFromJson(const json& arr) {
  std::vector<domain::Statement> out;
  if (!arr.is_array()) return Status::Corruption("stored statements are not a list");
  for (const json& item : arr) {
    if (!item.is_object() || !item.contains("text") || !item["text"].is_string()) {
      return Status::Corruption("stored statement is malformed");
    }
    auto basis = domain::ParseStatementBasis(item.value("basis", ""));
    if (!basis) return Status::Corruption("stored statement has an unknown basis");
    out.push_back({item["text"].get<std::string>(), *basis});
  }
  return out;
}

Result<json> ParseStoredJson(const std::string& text, const char* what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corruption(std::string("stored ") + what + " is not valid JSON");
  return j;
}

}  // namespace

FieldMap PersonToFields(const domain::PersonDetails& d) {
  FieldMap f;
  Put(f, "given_names", d.given_names);
  Put(f, "family_name", d.family_name);
  Put(f, "preferred_name", d.preferred_name);
  if (d.date_of_birth) f["date_of_birth"] = d.date_of_birth->ToIso();
  Put(f, "gender", d.gender);
  Put(f, "address", d.address);
  Put(f, "postcode", d.postcode);
  Put(f, "phone", d.phone);
  Put(f, "email", d.email);
  if (d.nhs_number) f["nhs_number"] = d.nhs_number->digits();
  Put(f, "unique_pupil_number", d.unique_pupil_number);
  Put(f, "la_child_id", d.la_child_id);
  if (d.status != domain::ChildStatus{}) {
    f["child_status"] = json{{"looked_after", d.status.looked_after},
                             {"looked_after_by", d.status.looked_after_by},
                             {"child_in_need", d.status.child_in_need},
                             {"child_protection_plan", d.status.child_protection_plan}}
                            .dump();
  }
  return f;
}

Result<domain::PersonDetails> PersonFromFields(const FieldMap& f) {
  domain::PersonDetails d;
  d.given_names = Get(f, "given_names");
  d.family_name = Get(f, "family_name");
  d.preferred_name = Get(f, "preferred_name");
  if (std::string dob = Get(f, "date_of_birth"); !dob.empty()) {
    auto parsed = domain::CivilDate::Parse(dob);
    if (!parsed.ok()) return Status::Corruption("stored date of birth is malformed");
    d.date_of_birth = *parsed;
  }
  d.gender = Get(f, "gender");
  d.address = Get(f, "address");
  d.postcode = Get(f, "postcode");
  d.phone = Get(f, "phone");
  d.email = Get(f, "email");
  if (std::string nhs = Get(f, "nhs_number"); !nhs.empty()) {
    auto parsed = domain::NhsNumber::Parse(nhs);
    if (!parsed.ok()) return Status::Corruption("stored NHS number is malformed");
    d.nhs_number = *parsed;
  }
  d.unique_pupil_number = Get(f, "unique_pupil_number");
  d.la_child_id = Get(f, "la_child_id");
  if (std::string status = Get(f, "child_status"); !status.empty()) {
    CONFIDE_ASSIGN_OR_RETURN(json j, ParseStoredJson(status, "child status"));
    d.status.looked_after = j.value("looked_after", false);
    d.status.looked_after_by = j.value("looked_after_by", "");
    d.status.child_in_need = j.value("child_in_need", false);
    d.status.child_protection_plan = j.value("child_protection_plan", false);
  }
  return d;
}

FieldMap RecordToFields(const domain::RecordContent& c, const std::string& amendment_reason) {
  FieldMap f;
  Put(f, "summary", c.summary);
  Put(f, "text", c.text);
  Put(f, "source_name", c.source.name);
  Put(f, "source_relationship", c.source.relationship);
  Put(f, "amendment_reason", amendment_reason);
  if (c.concern) {
    const auto& k = *c.concern;
    f["concern"] = json{{"what_happened", StatementsToJson(k.what_happened)},
                        {"where", k.where},
                        {"who_was_present", k.who_was_present},
                        {"childs_words", k.childs_words},
                        {"injuries_observed", StatementsToJson(k.injuries_observed)},
                        {"action_taken", StatementsToJson(k.action_taken)}}
                       .dump();
  }
  if (c.attachment) {
    f["attachment_name"] = c.attachment->file_name;
    Put(f, "attachment_media_type", c.attachment->media_type);
    f["attachment_content"] = std::string(AsChars(c.attachment->content));
  }
  return f;
}

Result<domain::RecordContent> RecordFromFields(const FieldMap& f, std::string* amendment_reason) {
  domain::RecordContent c;
  c.summary = Get(f, "summary");
  c.text = Get(f, "text");
  c.source.name = Get(f, "source_name");
  c.source.relationship = Get(f, "source_relationship");
  if (amendment_reason) *amendment_reason = Get(f, "amendment_reason");
  if (std::string concern = Get(f, "concern"); !concern.empty()) {
    CONFIDE_ASSIGN_OR_RETURN(json j, ParseStoredJson(concern, "concern"));
    domain::SafeguardingConcern k;
    CONFIDE_ASSIGN_OR_RETURN(k.what_happened, StatementsFromJson(j.value("what_happened", json::array())));
    k.where = j.value("where", "");
    k.who_was_present = j.value("who_was_present", "");
    k.childs_words = j.value("childs_words", "");
    CONFIDE_ASSIGN_OR_RETURN(k.injuries_observed, StatementsFromJson(j.value("injuries_observed", json::array())));
    CONFIDE_ASSIGN_OR_RETURN(k.action_taken, StatementsFromJson(j.value("action_taken", json::array())));
    c.concern = std::move(k);
  }
  if (f.contains("attachment_name")) {
    domain::Attachment a;
    a.file_name = Get(f, "attachment_name");
    a.media_type = Get(f, "attachment_media_type");
    std::string content = Get(f, "attachment_content");
    a.content.assign(content.begin(), content.end());
    c.attachment = std::move(a);
  }
  return c;
}

FieldMap StaffToFields(const domain::StaffDetails& d) {
  FieldMap f;
  Put(f, "full_name", d.full_name);
  Put(f, "email", d.email);
  return f;
}

domain::StaffDetails StaffFromFields(const FieldMap& f) { return {Get(f, "full_name"), Get(f, "email")}; }

FieldMap RelationshipToFields(const domain::RelationshipDetails& d) {
  FieldMap f;
  f["kind"] = std::string(domain::ToString(d.kind));
  f["parental_responsibility"] = d.parental_responsibility ? "yes" : "no";
  f["lives_with"] = d.lives_with ? "yes" : "no";
  // Only when set: relationships signed before the mark existed keep verifying.
  if (d.poses_risk) f["poses_risk"] = "yes";
  json restrictions = json::array();
  for (auto r : d.restrictions) restrictions.push_back(domain::ToString(r));
  f["restrictions"] = restrictions.dump();
  Put(f, "notes", d.notes);
  return f;
}

Result<domain::RelationshipDetails> RelationshipFromFields(const FieldMap& f) {
  domain::RelationshipDetails d;
  auto kind = domain::ParseRelationshipKind(Get(f, "kind"));
  if (!kind) return Status::Corruption("stored relationship has an unknown kind");
  d.kind = *kind;
  d.parental_responsibility = Get(f, "parental_responsibility") == "yes";
  d.lives_with = Get(f, "lives_with") == "yes";
  d.poses_risk = Get(f, "poses_risk") == "yes";
  CONFIDE_ASSIGN_OR_RETURN(json restrictions, ParseStoredJson(Get(f, "restrictions"), "restrictions"));
  if (!restrictions.is_array()) return Status::Corruption("stored restrictions are not a list");
  for (const json& r : restrictions) {
    auto parsed = r.is_string() ? domain::ParseRestriction(r.get<std::string>()) : std::nullopt;
    if (!parsed) return Status::Corruption("stored restriction is unknown");
    d.restrictions.push_back(*parsed);
  }
  d.notes = Get(f, "notes");
  return d;
}

VersionHeader StaffHeader(int64_t staff_id, int64_t subject_id) {
  VersionHeader h;
  h.entity = "staff";
  h.id = staff_id;
  h.version = 1;
  h.subject_id = subject_id;
  return h;
}

}  // namespace confide::service
