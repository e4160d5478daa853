#include "codec/foi_json.h"

#include "codec/json_reader.h"
#include "domain/civil_date.h"
#include "governance/foi_exemptions.h"

namespace confide::codec {
namespace {

nlohmann::json OptionalDate(const std::optional<domain::CivilDate>& d) {
  return d ? nlohmann::json(d->ToIso()) : nlohmann::json(nullptr);
}

nlohmann::json ExemptionUseToJson(const service::FoiExemptionUse& u) {
  const governance::FoiExemption* e = governance::FindFoiExemption(u.exemption);
  return {{"exemption", u.exemption},
          {"section", e ? std::string(e->section) : std::string()},
          {"name", e ? std::string(e->name) : std::string()},
          {"reason", u.reason},
          {"public_interest", u.public_interest}};
}

}  // namespace

nlohmann::json FoiStepToJson(const service::FoiStep& s) {
  nlohmann::json exemptions = nlohmann::json::array();
  for (const auto& u : s.exemptions) exemptions.push_back(ExemptionUseToJson(u));
  return {{"id", s.id},
          {"kind", service::ToString(s.kind)},
          {"on", s.on.ToIso()},
          {"recorded_by", s.recorded_by},
          {"recorded_at", domain::FormatTimestampIso(s.recorded_at)},
          {"note", s.note},
          {"working_days", s.working_days},
          {"subject_access_request_id", s.subject_access_request_id ? nlohmann::json(*s.subject_access_request_id) : nlohmann::json(nullptr)},
          {"outcome", s.outcome ? nlohmann::json(service::ToString(*s.outcome)) : nlohmann::json(nullptr)},
          {"exemptions", exemptions}};
}

nlohmann::json FoiDeadlineToJson(const governance::FoiRequestDeadline& d) {
  return {{"due_on", OptionalDate(d.due_on)},
          {"statutory_due_on", OptionalDate(d.statutory_due_on)},
          {"waiting_for", d.waiting_for.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.waiting_for)},
          {"explanation", d.explanation}};
}

nlohmann::json FoiCaseToJson(const service::FoiCase& c) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : c.steps) steps.push_back(FoiStepToJson(s));
  const service::FoiIntake& in = c.intake;
  return {{"id", c.id},
          {"received_on", in.received_on.ToIso()},
          {"recorded_by", c.recorded_by},
          {"recorded_at", domain::FormatTimestampIso(c.recorded_at)},
          {"requester_name", in.requester_name},
          {"contact", in.contact},
          {"request_text", in.request_text},
          {"channel", in.channel},
          {"state", c.state},
          {"overdue", c.overdue},
          {"answered_on", OptionalDate(c.answered_on)},
          {"answered_late", c.answered_late},
          {"deadline", FoiDeadlineToJson(c.deadline)},
          {"steps", steps}};
}

nlohmann::json FoiExemptionsToJson() {
  nlohmann::json out = nlohmann::json::array();
  for (const governance::FoiExemption& e : governance::FoiExemptions()) {
    out.push_back({{"id", e.id}, {"section", e.section}, {"name", e.name}, {"qualified", e.qualified}});
  }
  return out;
}

Result<service::FoiIntake> FoiIntakeFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  service::FoiIntake in;
  CONFIDE_ASSIGN_OR_RETURN(in.received_on, r.Date("received_on"));
  CONFIDE_ASSIGN_OR_RETURN(auto name, r.String("requester_name", true, 400));
  in.requester_name = name.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto contact, r.String("contact", false, 4000));
  in.contact = contact.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto text, r.String("request_text", true, 4000));
  in.request_text = text.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto channel, r.String("channel", false, 100));
  in.channel = channel.value_or("");
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return in;
}

Result<service::FoiStepInput> FoiStepFromJson(const nlohmann::json& j) {
  JsonReader r(j, "body");
  service::FoiStepInput s;
  CONFIDE_ASSIGN_OR_RETURN(auto kind, r.String("kind", true, 40));
  auto k = service::ParseFoiStepKind(kind.value_or(""));
  if (!k) {
    return Status::InvalidArgument("body.kind must be clarification_requested, clarification_received, fee_notice, fee_received, "
                                   "extended, routed_to_subject_access, responded or closed");
  }
  s.kind = *k;
  CONFIDE_ASSIGN_OR_RETURN(s.on, r.Date("on"));
  CONFIDE_ASSIGN_OR_RETURN(auto note, r.String("note", false, 4000));
  s.note = note.value_or("");
  CONFIDE_ASSIGN_OR_RETURN(auto days, r.Int("working_days"));
  if (days && (*days < 0 || *days > 366)) return Status::InvalidArgument("body.working_days is out of range");
  s.working_days = static_cast<int>(days.value_or(0));
  CONFIDE_ASSIGN_OR_RETURN(s.subject_access_request_id, r.Int("subject_access_request_id"));
  CONFIDE_ASSIGN_OR_RETURN(auto outcome, r.String("outcome", false, 40));
  if (outcome) {
    s.outcome = service::ParseFoiOutcome(outcome.value_or(""));
    if (!s.outcome) return Status::InvalidArgument("body.outcome must be disclosed, disclosed_in_part, refused or not_held");
  }
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* exemptions, r.Array("exemptions"));
  if (exemptions) {
    if (exemptions->size() > 20) return Status::InvalidArgument("body.exemptions lists more than 20");
    for (size_t i = 0; i < exemptions->size(); ++i) {
      const std::string where = "body.exemptions[" + std::to_string(i) + "]";
      if (!(*exemptions)[i].is_object()) return Status::InvalidArgument(where + " must be an object");
      JsonReader e((*exemptions)[i], where);
      service::FoiExemptionUse use;
      CONFIDE_ASSIGN_OR_RETURN(auto id, e.String("exemption", true, 40));
      use.exemption = id.value_or("");
      CONFIDE_ASSIGN_OR_RETURN(auto reason, e.String("reason", false, 4000));
      use.reason = reason.value_or("");
      CONFIDE_ASSIGN_OR_RETURN(auto interest, e.String("public_interest", false, 4000));
      use.public_interest = interest.value_or("");
      CONFIDE_RETURN_IF_ERROR(e.Finish());
      s.exemptions.push_back(std::move(use));
    }
  }
  CONFIDE_RETURN_IF_ERROR(r.Finish());
  return s;
}

}  // namespace confide::codec
