#include "codec/breach_json.h"

#include "codec/domain_json.h"
#include "codec/json_reader.h"

namespace confide::codec {
namespace {

nlohmann::json OptionalTime(const std::optional<UnixMicros>& t) {
  return t ? nlohmann::json(TimeText(*t)) : nlohmann::json(nullptr);
}

template <typename T>
nlohmann::json OptionalValue(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json People(const std::vector<domain::PersonId>& people) {
  nlohmann::json out = nlohmann::json::array();
  for (domain::PersonId p : people) out.push_back(p);
  return out;
}

// "misdirected_email, misdirected_post, ... or other", for the message refusing a kind.
std::string KindChoices() {
  std::string out;
  const std::vector<service::BreachKind>& kinds = service::AllBreachKinds();
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (i > 0) out += i + 1 == kinds.size() ? " or " : ", ";
    out += service::ToString(kinds[i]);
  }
  return out;
}

// A required instant (RFC 3339 UTC, or any form codec::ParseTime takes).
Result<UnixMicros> RequiredTime(JsonReader& r, const std::string& key) {
  CONFIDE_ASSIGN_OR_RETURN(auto text, r.String(key, true, 40));
  return ParseTime(text.value_or(""), r.Field(key));
}

Result<std::optional<UnixMicros>> OptionalTimeField(JsonReader& r, const std::string& key) {
  CONFIDE_ASSIGN_OR_RETURN(auto text, r.String(key, false, 40));
  if (!text) return std::optional<UnixMicros>();
  CONFIDE_ASSIGN_OR_RETURN(UnixMicros t, ParseTime(text.value_or(""), r.Field(key)));
  return std::optional<UnixMicros>(t);
}

// The people in Confide a breach touches: ids only; whether the caller may see each is the service's.
Result<std::vector<domain::PersonId>> PeopleField(JsonReader& r, const std::string& key) {
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* list, r.Array(key));
  std::vector<domain::PersonId> out;
  if (!list) return out;
  if (list->size() > 200) return Status::InvalidArgument(r.Field(key) + " lists more than 200 people");
  for (size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& id = (*list)[i];
    if (!id.is_number_integer() || (id.is_number_unsigned() && id.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) ||
        id.get<int64_t>() <= 0) {
      return Status::InvalidArgument(r.Field(key) + "[" + std::to_string(i) + "] must be a person's id");
    }
    out.push_back(id.get<int64_t>());
  }
  return out;
}

Result<std::optional<int64_t>> CountField(JsonReader& r, const std::string& key) {
  CONFIDE_ASSIGN_OR_RETURN(auto n, r.Int(key));
  if (n && *n < 0) return Status::InvalidArgument(r.Field(key) + " must not be negative");
  return n;
}

// The report's fields, shared by a report and the opening of a candidate (which adds "source").
Status ReadReport(JsonReader& r, service::BreachReport& out) {
  CONFIDE_ASSIGN_OR_RETURN(auto kind, r.String("kind", true, 40));
  const std::optional<service::BreachKind> k = service::ParseBreachKind(kind.value_or(""));
  if (!k) return Status::InvalidArgument(r.Field("kind") + " must be " + KindChoices());
  out.kind = *k;
  CONFIDE_ASSIGN_OR_RETURN(out.became_aware_at, RequiredTime(r, "became_aware_at"));
  CONFIDE_ASSIGN_OR_RETURN(out.happened_at, OptionalTimeField(r, "happened_at"));
  CONFIDE_ASSIGN_OR_RETURN(auto discovered_by, r.String("discovered_by", false, 400));
  out.discovered_by = discovered_by.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto what, r.String("what_happened", true, 4000));
  out.what_happened = what.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto data, r.String("data_affected", false, 4000));
  out.data_affected = data.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto count, CountField(r, "people_affected"));
  out.people_affected = count.value_or(0);
  CONFIDE_ASSIGN_OR_RETURN(out.people, PeopleField(r, "people"));
  CONFIDE_ASSIGN_OR_RETURN(auto action, r.String("immediate_action", false, 4000));
  out.immediate_action = action.value_or("");
  return Status::Ok();
}

}  // namespace

nlohmann::json BreachRiskToJson(const governance::BreachRisk& r) {
  return {{"level", governance::ToString(r.level)},
          {"report_to_ico", r.report_to_ico},
          {"tell_people", r.tell_people},
          {"words", r.words}};
}

nlohmann::json BreachDeadlineToJson(const governance::BreachReportDeadline& d) {
  return {{"became_aware_at", TimeText(d.became_aware_at)}, {"report_by", TimeText(d.report_by)}, {"explanation", d.explanation}};
}

nlohmann::json BreachStepToJson(const service::BreachStep& s) {
  return {{"id", s.id},
          {"kind", service::ToString(s.kind)},
          {"at", TimeText(s.at)},
          {"recorded_by", s.recorded_by},
          {"recorded_at", TimeText(s.recorded_at)},
          {"note", s.note},
          {"likelihood", s.likelihood ? nlohmann::json(governance::ToString(*s.likelihood)) : nlohmann::json(nullptr)},
          {"severity", s.severity ? nlohmann::json(governance::ToString(*s.severity)) : nlohmann::json(nullptr)},
          {"risk", s.risk ? BreachRiskToJson(*s.risk) : nlohmann::json(nullptr)},
          {"people_affected", OptionalValue(s.people_affected)},
          {"people", People(s.people)},
          {"report", OptionalValue(s.report)},
          {"ico_reference", s.ico_reference},
          {"delay_reason", s.delay_reason},
          {"told", OptionalValue(s.told)}};
}

nlohmann::json BreachCaseToJson(const service::BreachCase& c) {
  nlohmann::json steps = nlohmann::json::array();
  for (const service::BreachStep& s : c.steps) steps.push_back(BreachStepToJson(s));
  const service::BreachReport& in = c.report;
  return {{"id", c.id},
          {"kind", service::ToString(in.kind)},
          {"kind_words", service::KindWords(in.kind)},
          {"source", c.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.source)},
          {"recorded_by", c.recorded_by},
          {"recorded_at", TimeText(c.recorded_at)},
          {"became_aware_at", TimeText(in.became_aware_at)},
          {"happened_at", OptionalTime(in.happened_at)},
          {"discovered_by", in.discovered_by},
          {"what_happened", in.what_happened},
          {"data_affected", in.data_affected},
          {"immediate_action", in.immediate_action},
          // The latest count and everyone named (the report's and the assessments'), not only the report's.
          {"people_affected", c.people_affected},
          {"people", People(c.people)},
          {"state", c.state},
          {"overdue", c.overdue},
          {"reported_at", OptionalTime(c.reported_at)},
          {"reported_late", c.reported_late},
          {"people_told", OptionalValue(c.people_told)},
          {"risk", c.risk ? BreachRiskToJson(*c.risk) : nlohmann::json(nullptr)},
          // A destroyed breach keeps only its clear columns: no clock is worked out for it.
          {"deadline", c.state == "destroyed" ? nlohmann::json(nullptr) : BreachDeadlineToJson(c.deadline)},
          {"warnings", c.warnings},
          {"steps", steps}};
}

nlohmann::json BreachCandidateToJson(const service::BreachCandidate& c) {
  return {{"source", c.source},
          {"kind", c.kind},
          {"at", TimeText(c.at)},
          {"staff_id", c.staff_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(c.staff_id)},
          {"person_id", c.person_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(c.person_id)},
          {"suggested_kind", service::ToString(c.suggested_kind)},
          {"detail", c.detail}};
}

nlohmann::json BreachKindsToJson() {
  nlohmann::json out = nlohmann::json::array();
  for (service::BreachKind k : service::AllBreachKinds()) {
    out.push_back({{"kind", service::ToString(k)}, {"words", service::KindWords(k)}});
  }
  return out;
}

Result<service::BreachReport> BreachReportFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  service::BreachReport out;
  CONFIDE_RETURN_IF_ERROR(ReadReport(r, out));
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return out;
}

Result<BreachOpening> BreachOpeningFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  BreachOpening out;
  CONFIDE_ASSIGN_OR_RETURN(auto source, r.String("source", true, 200));
  out.source = source.value_or("");
  CONFIDE_RETURN_IF_ERROR(ReadReport(r, out.report));
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return out;
}

Result<BreachDismissal> BreachDismissalFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  BreachDismissal out;
  CONFIDE_ASSIGN_OR_RETURN(auto source, r.String("source", true, 200));
  out.source = source.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto reason, r.String("reason", true, 4000));
  out.reason = reason.value_or("");
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return out;
}

Result<service::BreachStepInput> BreachStepFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  service::BreachStepInput s;
  CONFIDE_ASSIGN_OR_RETURN(auto kind, r.String("kind", true, 40));
  const std::optional<service::BreachStepKind> k = service::ParseBreachStepKind(kind.value_or(""));
  if (!k) return Status::InvalidArgument("body.kind must be assessed, decided, reported, people_told, action or closed");
  s.kind = *k;
  CONFIDE_ASSIGN_OR_RETURN(s.at, RequiredTime(r, "at"));
  CONFIDE_ASSIGN_OR_RETURN(auto note, r.String("note", true, 4000));
  s.note = note.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto likelihood, r.String("likelihood", false, 40));
  if (likelihood) {
    s.likelihood = governance::ParseBreachLikelihood(likelihood.value_or(""));
    if (!s.likelihood) return Status::InvalidArgument("body.likelihood must be remote, possible or likely");
  }
  CONFIDE_ASSIGN_OR_RETURN(auto severity, r.String("severity", false, 40));
  if (severity) {
    s.severity = governance::ParseBreachSeverity(severity.value_or(""));
    if (!s.severity) return Status::InvalidArgument("body.severity must be minimal, significant or severe");
  }
  CONFIDE_ASSIGN_OR_RETURN(s.people_affected, CountField(r, "people_affected"));
  CONFIDE_ASSIGN_OR_RETURN(s.people, PeopleField(r, "people"));
  CONFIDE_ASSIGN_OR_RETURN(s.report, r.Bool("report"));
  CONFIDE_ASSIGN_OR_RETURN(auto reference, r.String("ico_reference", false, 100));
  s.ico_reference = reference.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto delay, r.String("delay_reason", false, 4000));
  s.delay_reason = delay.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(s.told, r.Bool("told"));
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return s;
}

}  // namespace confide::codec
