#include "codec/training_json.h"

#include "codec/domain_json.h"
#include "codec/json_reader.h"

namespace confide::codec {
namespace {

nlohmann::json OptionalTime(const std::optional<UnixMicros>& t) {
  return t ? nlohmann::json(TimeText(*t)) : nlohmann::json(nullptr);
}

nlohmann::json RolesToJson(const std::vector<domain::StaffRole>& roles) {
  nlohmann::json out = nlohmann::json::array();
  for (domain::StaffRole r : roles) out.push_back(domain::ToString(r));
  return out;
}

}  // namespace

nlohmann::json CoursesToJson(const governance::TrainingCatalogue& catalogue) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : catalogue.courses) {
    out.push_back({{"id", c.id},
                   {"name", c.name},
                   {"basis", c.basis},
                   {"refresher_months", c.refresher_months},
                   {"roles", RolesToJson(c.roles)}});
  }
  return out;
}

nlohmann::json ConfidentialityPolicyToJson(const std::optional<governance::ConfidentialityPolicy>& policy,
                                           const std::string& digest, bool with_text) {
  if (!policy) return nullptr;
  nlohmann::json j{{"version", policy->version},
                   {"title", policy->title},
                   {"in_force_from", policy->in_force_from.ToIso()},
                   {"acknowledge_within_days", policy->acknowledge_within_days},
                   {"acknowledge_by", policy->AcknowledgeBy().ToIso()},
                   {"digest", digest}};
  if (with_text) j["text"] = policy->text;
  return j;
}

nlohmann::json TrainingStandingToJson(const service::Vault::StaffTrainingStanding& s,
                                      const governance::TrainingCatalogue& catalogue) {
  nlohmann::json courses = nlohmann::json::array();
  for (const auto& c : s.standing.courses) {
    const governance::Course* course = catalogue.Find(c.course);
    courses.push_back({{"course", c.course},
                       {"name", course ? course->name : c.course},
                       {"required", c.required},
                       {"state", governance::ToString(c.state)},
                       {"completed_at", OptionalTime(c.completed_at)},
                       {"expires_at", OptionalTime(c.expires_at)}});
  }
  const governance::AcknowledgementStanding& a = s.standing.acknowledgement;
  nlohmann::json ack{{"state", governance::ToString(a.state)},
                     {"version", a.version},
                     {"acknowledged_at", OptionalTime(a.acknowledged_at)},
                     {"last_version_acknowledged", a.last_version_acknowledged},
                     {"due_by", a.due_by ? nlohmann::json(a.due_by->ToIso()) : nlohmann::json(nullptr)}};
  return {{"staff", {{"id", s.staff.id},
                     {"name", s.staff.details.full_name},
                     {"role", domain::ToString(s.staff.role)},
                     {"team", s.staff.team}}},
          {"gate", policy::ToString(s.gate)},
          {"overdue", s.standing.overdue},
          {"due_soon", s.standing.due_soon},
          {"courses", courses},
          {"acknowledgement", ack}};
}

Result<AcknowledgementBody> AcknowledgementFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  CONFIDE_ASSIGN_OR_RETURN(auto version, r.String("version", true, 32));
  CONFIDE_ASSIGN_OR_RETURN(auto digest, r.String("digest", true, 64));
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return AcknowledgementBody{version.value_or(""), digest.value_or("")};
}

}  // namespace confide::codec
