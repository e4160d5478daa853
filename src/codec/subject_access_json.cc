#include "codec/subject_access_json.h"

#include "codec/json_reader.h"
#include "domain/civil_date.h"

namespace confide::codec {
namespace {

nlohmann::json OptionalDate(const std::optional<domain::CivilDate>& d) {
  return d ? nlohmann::json(d->ToIso()) : nlohmann::json(nullptr);
}

std::string_view ClockName(governance::SubjectAccessClock c) {
  switch (c) {
    case governance::SubjectAccessClock::kNotStarted: return "not_started";
    case governance::SubjectAccessClock::kStopped: return "stopped";
    case governance::SubjectAccessClock::kRunning: return "running";
  }
  return "unknown";
}

}  // namespace

nlohmann::json SarStepToJson(const service::SarStep& s) {
  nlohmann::json details = nlohmann::json::object();
  for (const auto& [k, v] : s.details) details[k] = v;
  return {{"id", s.id},
          {"kind", service::ToString(s.kind)},
          {"on", s.on.ToIso()},
          {"recorded_by", s.recorded_by},
          {"recorded_at", domain::FormatTimestampIso(s.recorded_at)},
          {"details", details}};
}

nlohmann::json RedactionToJson(const governance::Redaction& r) {
  return {{"id", r.id},     {"ref", r.ref},       {"field", r.field}, {"text", r.text}, {"ground", governance::ToString(r.ground)},
          {"reason", r.reason}};
}

nlohmann::json SarDeadlineToJson(const governance::SubjectAccessDeadline& d) {
  return {{"clock", ClockName(d.clock)},
          {"clock_started_on", OptionalDate(d.clock_started_on)},
          {"due_on", OptionalDate(d.due_on)},
          {"extension_notice_due_on", OptionalDate(d.extension_notice_due_on)},
          {"days_stopped", d.days_stopped},
          {"explanation", d.explanation}};
}

nlohmann::json SubjectAccessCaseToJson(const service::SubjectAccessCase& c) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : c.steps) steps.push_back(SarStepToJson(s));
  nlohmann::json redactions = nlohmann::json::array();
  for (const auto& r : c.redactions) redactions.push_back(RedactionToJson(r));
  nlohmann::json release = nullptr;
  if (c.release) {
    release = {{"bundle", c.release->bundle_id},
               {"sha256", c.release->sha256},
               {"released_by", c.release->released_by},
               {"released_at", domain::FormatTimestampIso(c.release->released_at)},
               {"channel", c.release->channel}};
  }
  const service::SubjectAccessIntake& in = c.intake;
  return {{"id", c.id},
          {"person_id", c.person_id},
          {"received_on", c.received_on.ToIso()},
          {"recorded_by", c.recorded_by},
          {"recorded_at", domain::FormatTimestampIso(c.recorded_at)},
          {"requester", service::ToString(in.requester)},
          {"requester_name", in.requester_name},
          {"requester_person_id", in.requester_person_id ? nlohmann::json(*in.requester_person_id) : nlohmann::json(nullptr)},
          {"contact", in.contact},
          {"request_text", in.request_text},
          {"identity_confirmed", in.identity_confirmed},
          {"identity_method", in.identity_method},
          {"state", c.state},
          {"overdue", c.overdue},
          {"deadline", SarDeadlineToJson(c.deadline)},
          {"checks", c.checks},
          {"steps", steps},
          {"redactions", redactions},
          {"release", release}};
}

nlohmann::json BundleItemToJson(const governance::BundleItem& item) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& [name, value] : item.fields) fields.push_back({{"name", name}, {"value", value}});
  return {{"ref", item.ref}, {"section", item.section}, {"title", item.title}, {"fields", fields}};
}

nlohmann::json SubjectAccessBundleToJson(const service::SubjectAccessBundle& b, bool with_content) {
  nlohmann::json j = {{"bundle", b.header.bundle_id},
                      {"request", b.header.request_id},
                      {"person_id", b.header.person_id},
                      {"prepared_on", b.header.prepared_on},
                      {"content_sha256", b.header.content_sha256},
                      {"items", b.items},
                      {"items_withheld", b.items_withheld},
                      {"fields_redacted", b.fields_redacted},
                      {"approved", b.approved}};
  if (with_content) {
    j["json"] = nlohmann::json::parse(b.json, nullptr, false);
    j["document"] = b.document;
  }
  return j;
}

Result<service::SubjectAccessIntake> SarIntakeFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  service::SubjectAccessIntake in;
  CONFIDE_ASSIGN_OR_RETURN(auto person, r.Int("person_id", true));
  in.person_id = *person;
  CONFIDE_ASSIGN_OR_RETURN(in.received_on, r.Date("received_on"));
  CONFIDE_ASSIGN_OR_RETURN(auto requester, r.String("requester", true, 40));
  auto kind = service::ParseSarRequester(*requester);
  if (!kind) return Status::InvalidArgument("body.requester must be subject, parent or representative");
  in.requester = *kind;
  CONFIDE_ASSIGN_OR_RETURN(auto name, r.String("requester_name", true, 400));
  in.requester_name = *name;
  CONFIDE_ASSIGN_OR_RETURN(auto requester_person, r.Int("requester_person_id"));
  in.requester_person_id = requester_person;
  CONFIDE_ASSIGN_OR_RETURN(auto contact, r.String("contact", false, 4000));
  in.contact = contact.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto text, r.String("request_text", true, 4000));
  in.request_text = *text;
  CONFIDE_ASSIGN_OR_RETURN(auto confirmed, r.Bool("identity_confirmed"));
  in.identity_confirmed = confirmed.value_or(false);
  CONFIDE_ASSIGN_OR_RETURN(auto method, r.String("identity_method", false, 4000));
  in.identity_method = method.value_or("");
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return in;
}

Result<service::SarStepInput> SarStepFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  service::SarStepInput s;
  CONFIDE_ASSIGN_OR_RETURN(auto kind, r.String("kind", true, 40));
  auto k = service::ParseSarStepKind(*kind);
  if (!k) return Status::InvalidArgument("body.kind is not a kind of step");
  s.kind = *k;
  CONFIDE_ASSIGN_OR_RETURN(s.on, r.Date("on"));
  CONFIDE_ASSIGN_OR_RETURN(auto note, r.String("note", false, 4000));
  s.note = note.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto months, r.Int("months"));
  if (months && (*months < 0 || *months > 12)) return Status::InvalidArgument("body.months is out of range");
  s.months = static_cast<int>(months.value_or(0));
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return s;
}

Result<governance::Redaction> RedactionFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  governance::Redaction red;
  CONFIDE_ASSIGN_OR_RETURN(auto ref, r.String("ref", true, 200));
  red.ref = *ref;
  CONFIDE_ASSIGN_OR_RETURN(auto field, r.String("field", false, 200));
  red.field = field.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto text, r.String("text", false, 4000));
  red.text = text.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto ground, r.String("ground", true, 40));
  auto g = governance::ParseRedactionGround(*ground);
  if (!g) return Status::InvalidArgument("body.ground must be third_party, anonymous_informant, childs_expectation, serious_harm or other_exemption");
  red.ground = *g;
  CONFIDE_ASSIGN_OR_RETURN(auto reason, r.String("reason", true, 4000));
  red.reason = *reason;
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return red;
}

}  // namespace confide::codec
