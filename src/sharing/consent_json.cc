#include "sharing/consent_json.h"

#include <algorithm>
#include <functional>
#include <set>

#include "domain/civil_date.h"

namespace confide::sharing {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kExplained = {"why", "what", "who_will_see", "purpose", "implications"};

Status Bad(std::string_view field, std::string_view what) {
  return Status::InvalidArgument("consent: " + std::string(field) + " " + std::string(what));
}

Result<std::vector<std::string>> Names(const json& j, std::string_view field, const std::function<bool(const std::string&)>& known) {
  if (!j.is_array()) return Bad(field, "must be a list of names");
  std::vector<std::string> out;
  for (const json& v : j) {
    if (!v.is_string()) return Bad(field, "must be a list of names");
    if (!known(v.get<std::string>())) return Bad(field, "holds an unknown name");
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<UnixMicros> Time(const json& j, std::string_view field) {
  if (!j.is_string()) return Bad(field, "must be a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  auto t = domain::ParseTimestampMicros(j.get<std::string>());
  if (!t.ok()) return Bad(field, "must be a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  return *t;
}

Result<int64_t> Id(const json& j, std::string_view field) {
  if (!j.is_number_integer() || j.get<int64_t>() <= 0) return Bad(field, "must be a positive whole number");
  return j.get<int64_t>();
}

Result<bool> Flag(const json& j, std::string_view field) {
  if (!j.is_boolean()) return Bad(field, "must be true or false");
  return j.get<bool>();
}

}  // namespace

json ConsentToJson(const ConsentRecord& r) {
  json recipients = json::array();
  for (RecipientKind k : r.recipients) recipients.push_back(Name(k));
  json j{{"id", r.id},
         {"subject_id", r.subject_id},
         {"given_by_id", r.given_by_id},
         {"capacity", Name(r.capacity)},
         {"judged_competent", r.judged_competent},
         {"refused", r.refused},
         {"purposes", r.purposes},
         {"recipients", recipients},
         {"categories", r.categories},
         {"explained",
          {{"why", r.explained.why},
           {"what", r.explained.what},
           {"who_will_see", r.explained.who_will_see},
           {"purpose", r.explained.purpose},
           {"implications", r.explained.implications}}},
         {"voluntary", r.voluntary},
         {"method", Name(r.method)},
         {"evidence", r.evidence},
         {"given_at", domain::FormatTimestampIso(r.given_at)},
         {"privacy_notice_version", r.privacy_notice_version}};
  if (r.expires_at) j["expires_at"] = domain::FormatTimestampIso(*r.expires_at);
  if (r.withdrawn_at) j["withdrawn_at"] = domain::FormatTimestampIso(*r.withdrawn_at);
  if (r.withdrawn_by_id) j["withdrawn_by_id"] = *r.withdrawn_by_id;
  return j;
}

Result<ConsentRecord> ConsentFromJson(const json& j, const SharingPolicy* policy) {
  if (!j.is_object()) return Status::InvalidArgument("consent: expected a JSON object");
  static const std::set<std::string> kKnown = {"id", "subject_id", "given_by_id", "capacity", "judged_competent", "refused",
                                               "purposes", "recipients", "categories", "explained", "voluntary", "method",
                                               "evidence", "given_at", "expires_at", "withdrawn_at", "withdrawn_by_id",
                                               "privacy_notice_version"};
  for (const auto& [key, value] : j.items()) {
    if (!kKnown.count(key)) return Bad(key, "is not a field of a consent record");
  }
  for (const char* required : {"given_by_id", "capacity", "purposes", "recipients", "categories", "explained", "voluntary", "method",
                               "evidence", "given_at"}) {
    if (!j.contains(required)) return Bad(required, "is missing");
  }
  ConsentRecord r;
  if (j.contains("id")) {
    CONFIDE_ASSIGN_OR_RETURN(r.id, Id(j["id"], "id"));
  }
  if (j.contains("subject_id")) {
    CONFIDE_ASSIGN_OR_RETURN(r.subject_id, Id(j["subject_id"], "subject_id"));
  }
  CONFIDE_ASSIGN_OR_RETURN(r.given_by_id, Id(j["given_by_id"], "given_by_id"));
  const auto capacity = j["capacity"].is_string() ? ParseName<ConsentCapacity>(j["capacity"].get<std::string>()) : std::nullopt;
  if (!capacity) return Bad("capacity", "must be young_person, parent_with_parental_responsibility or local_authority");
  r.capacity = *capacity;
  if (j.contains("judged_competent")) {
    CONFIDE_ASSIGN_OR_RETURN(r.judged_competent, Flag(j["judged_competent"], "judged_competent"));
  }
  if (j.contains("refused")) {
    CONFIDE_ASSIGN_OR_RETURN(r.refused, Flag(j["refused"], "refused"));
  }
  CONFIDE_ASSIGN_OR_RETURN(r.purposes, Names(j["purposes"], "purposes", [&](const std::string& s) { return !policy || policy->FindPurpose(s).has_value(); }));
  CONFIDE_ASSIGN_OR_RETURN(r.categories,
                           Names(j["categories"], "categories", [&](const std::string& s) { return !policy || policy->FindCategory(s).has_value(); }));
  CONFIDE_ASSIGN_OR_RETURN(std::vector<std::string> recipients,
                           Names(j["recipients"], "recipients", [](const std::string& s) { return ParseName<RecipientKind>(s).has_value(); }));
  for (const std::string& s : recipients) r.recipients.push_back(*ParseName<RecipientKind>(s));
  const json& e = j["explained"];
  if (!e.is_object()) return Bad("explained", "must say, for each of why, what, who_will_see, purpose and implications, whether it was explained");
  for (const auto& [key, value] : e.items()) {
    if (std::find(kExplained.begin(), kExplained.end(), key) == kExplained.end()) return Bad("explained." + key, "is not something explained");
    CONFIDE_ASSIGN_OR_RETURN(bool v, Flag(value, "explained." + key));
    if (key == "why") r.explained.why = v;
    if (key == "what") r.explained.what = v;
    if (key == "who_will_see") r.explained.who_will_see = v;
    if (key == "purpose") r.explained.purpose = v;
    if (key == "implications") r.explained.implications = v;
  }
  CONFIDE_ASSIGN_OR_RETURN(r.voluntary, Flag(j["voluntary"], "voluntary"));
  const auto method = j["method"].is_string() ? ParseName<ConsentMethod>(j["method"].get<std::string>()) : std::nullopt;
  if (!method) return Bad("method", "must be written or verbal");
  r.method = *method;
  if (!j["evidence"].is_string()) return Bad("evidence", "must be text");
  r.evidence = j["evidence"].get<std::string>();
  CONFIDE_ASSIGN_OR_RETURN(r.given_at, Time(j["given_at"], "given_at"));
  if (j.contains("expires_at")) {
    CONFIDE_ASSIGN_OR_RETURN(r.expires_at, Time(j["expires_at"], "expires_at"));
  }
  if (j.contains("withdrawn_at")) {
    CONFIDE_ASSIGN_OR_RETURN(r.withdrawn_at, Time(j["withdrawn_at"], "withdrawn_at"));
  }
  if (j.contains("withdrawn_by_id")) {
    CONFIDE_ASSIGN_OR_RETURN(r.withdrawn_by_id, Id(j["withdrawn_by_id"], "withdrawn_by_id"));
  }
  if (j.contains("privacy_notice_version")) {
    if (!j["privacy_notice_version"].is_string()) return Bad("privacy_notice_version", "must be text");
    r.privacy_notice_version = j["privacy_notice_version"].get<std::string>();
  }
  return r;
}

json FindingToJson(const ConsentFinding& f) {
  return {{"consent", Name(f.state)},
          {"in_writing", f.in_writing},
          {"parents_dispute", f.parents_dispute},
          {"relied_on", f.relied_on},
          {"reasons", f.reasons}};
}

}  // namespace confide::sharing
