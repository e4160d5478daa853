// The Freedom of Information register: intake, steps, the clock (service/foi.h).
#include "service/foi.h"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/uk_time.h"
#include "governance/foi_exemptions.h"
#include "service/chained_steps.h"
#include "service/governance_policy_file.h"
#include "service/sealed_fields.h"
#include "service/text_checks.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

using domain::CivilDate;

constexpr char kRequestEntity[] = "foi_request";
constexpr char kStepEntity[] = "foi_step";
constexpr char kSubjectKind[] = "foi_requester";
constexpr int kMaxExtension = 20;

constexpr std::array<std::pair<FoiStepKind, std::string_view>, 8> kStepNames{{
    {FoiStepKind::kClarificationRequested, "clarification_requested"},
    {FoiStepKind::kClarificationReceived, "clarification_received"},
    {FoiStepKind::kFeeNotice, "fee_notice"},
    {FoiStepKind::kFeeReceived, "fee_received"},
    {FoiStepKind::kExtended, "extended"},
    {FoiStepKind::kRoutedToSubjectAccess, "routed_to_subject_access"},
    {FoiStepKind::kResponded, "responded"},
    {FoiStepKind::kClosed, "closed"},
}};

constexpr std::array<std::pair<FoiOutcome, std::string_view>, 4> kOutcomeNames{{
    {FoiOutcome::kDisclosed, "disclosed"},
    {FoiOutcome::kDisclosedInPart, "disclosed_in_part"},
    {FoiOutcome::kRefused, "refused"},
    {FoiOutcome::kNotHeld, "not_held"},
}};

Status NoSuchRequest(int64_t id) { return Status::NotFound("no FOI request with id " + std::to_string(id)); }




Status CheckDay(CivilDate day, std::string_view what) {
  if (governance::BankHolidayCalendar::Covers(day)) return Status::Ok();
  return Status::InvalidArgument(std::string(what) + ", " + day.ToIso() + ", is outside the calendar Confide knows");
}

// What a sealed request or step is bound to: its requester's subject, the moment, the author, the
// clear day and, for a step, its request, kind and the step before it (so a step deleted from the
// middle of the history breaks the one after it). A clear column changed in the database no
// longer opens.
VersionHeader Header(const char* entity, int64_t subject_id, UnixMicros at, domain::StaffId by, std::string_view day,
                     int64_t request_id = 0, std::string_view kind = {}, int64_t previous_step = 0) {
  VersionHeader h;
  h.entity = entity;
  h.id = previous_step;
  h.version = 1;
  h.subject_id = subject_id;
  h.related_id = request_id;
  h.kind = std::string(kind);
  h.tier = std::string(day);
  h.recorded_at = at;
  h.author_id = by;
  return h;
}

std::string FieldOf(const FieldMap& f, const char* name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

nlohmann::json ExemptionsToJson(const std::vector<FoiExemptionUse>& uses) {
  nlohmann::json out = nlohmann::json::array();
  for (const FoiExemptionUse& u : uses) {
    out.push_back({{"exemption", u.exemption}, {"reason", u.reason}, {"public_interest", u.public_interest}});
  }
  return out;
}

Result<std::vector<FoiExemptionUse>> ExemptionsFromJson(const std::string& text, int64_t step_id) {
  std::vector<FoiExemptionUse> out;
  if (text.empty()) return out;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return Status::Corruption("FOI step " + std::to_string(step_id) + " has unreadable exemptions");
  for (const nlohmann::json& e : j) {
    if (!e.is_object()) return Status::Corruption("FOI step " + std::to_string(step_id) + " has unreadable exemptions");
    out.push_back({e.value("exemption", ""), e.value("reason", ""), e.value("public_interest", "")});
  }
  return out;
}

// Each exemption known, with a reason, and (in a reply) the public interest test for a qualified
// one. An extension names the exemptions whose test is still being weighed.
Status CheckExemptions(const std::vector<FoiExemptionUse>& uses, bool in_reply) {
  std::set<std::string> seen;
  for (const FoiExemptionUse& u : uses) {
    const governance::FoiExemption* e = governance::FindFoiExemption(u.exemption);
    if (!e) return Status::InvalidArgument("unknown exemption \"" + u.exemption + "\" (see GET /api/foi-exemptions)");
    if (!seen.insert(u.exemption).second) return Status::InvalidArgument(std::string(e->section) + " is listed twice");
    CONFIDE_RETURN_IF_ERROR(CheckText(u.reason, "why " + std::string(e->section) + " applies (reason)", true));
    CONFIDE_RETURN_IF_ERROR(CheckText(u.public_interest, "the public interest test for " + std::string(e->section), e->qualified && in_reply));
    if (!e->qualified && !Blank(u.public_interest)) {
      return Status::InvalidArgument(std::string(e->section) + " is absolute: it has no public interest test");
    }
  }
  return Status::Ok();
}

// ---- requests and their steps ------------------------------------------------------------------

Result<FoiIntake> OpenIntake(Vault::Tx& tx, const store::FoiRequestRow& row) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, Header(kRequestEntity, row.subject_id, row.recorded_at, row.recorded_by,
                                                               row.received_on), row.sealed));
  FoiIntake in;
  CONFIDE_ASSIGN_OR_RETURN(in.received_on, CivilDate::Parse(row.received_on));
  in.requester_name = FieldOf(f, "requester_name");
  in.contact = FieldOf(f, "contact");
  in.request_text = FieldOf(f, "request_text");
  in.channel = FieldOf(f, "channel");
  return in;
}

Result<std::vector<FoiStep>> OpenSteps(Vault::Tx& tx, const store::FoiRequestRow& request,
                                       const std::vector<store::FoiEventRow>& rows) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(request.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(std::vector<FieldMap> opened, OpenChainedSteps(*key, rows, "FOI step", [&](const store::FoiEventRow& row, int64_t previous) {
    return Header(kStepEntity, request.subject_id, row.recorded_at, row.recorded_by, row.on_date, request.id, row.kind, previous);
  }));
  std::vector<FoiStep> steps;
  for (size_t i = 0; i < rows.size(); ++i) {
    const store::FoiEventRow& row = rows[i];
    const FieldMap& f = opened[i];
    FoiStep s;
    s.id = row.id;
    auto kind = ParseFoiStepKind(row.kind);
    if (!kind) return Status::Corruption("FOI step " + std::to_string(row.id) + " has an unknown kind");
    s.kind = *kind;
    CONFIDE_ASSIGN_OR_RETURN(s.on, CivilDate::Parse(row.on_date));
    s.recorded_by = row.recorded_by;
    s.recorded_at = row.recorded_at;
    s.note = FieldOf(f, "note");
    s.working_days = std::atoi(FieldOf(f, "working_days").c_str());
    if (std::string id = FieldOf(f, "subject_access_request_id"); !id.empty()) s.subject_access_request_id = std::stoll(id);
    if (std::string o = FieldOf(f, "outcome"); !o.empty()) s.outcome = ParseFoiOutcome(o);
    CONFIDE_ASSIGN_OR_RETURN(s.exemptions, ExemptionsFromJson(FieldOf(f, "exemptions"), row.id));
    steps.push_back(std::move(s));
  }
  return steps;
}

governance::FoiClockSteps ClockOf(const FoiIntake& intake, const std::vector<FoiStep>& steps) {
  governance::FoiClockSteps c;
  c.received_on = intake.received_on;
  for (const FoiStep& s : steps) {
    switch (s.kind) {
      case FoiStepKind::kClarificationRequested:
        c.clarification = governance::FoiWait{s.on, std::nullopt};
        break;
      case FoiStepKind::kClarificationReceived:
        if (c.clarification) c.clarification->until = s.on;
        break;
      case FoiStepKind::kFeeNotice:
        c.fees.push_back({s.on, std::nullopt});
        break;
      case FoiStepKind::kFeeReceived:
        if (!c.fees.empty()) c.fees.back().until = s.on;
        break;
      case FoiStepKind::kExtended:
        c.extension_working_days += s.working_days;
        break;
      default:
        break;
    }
  }
  return c;
}

bool Finished(const std::string& state) {
  return state == "responded" || state == "routed_to_subject_access" || state == "closed" || state == "destroyed";
}

Result<FoiCase> BuildCase(Vault::Tx& tx, const store::FoiRequestRow& row, const std::vector<store::FoiEventRow>& events,
                          const governance::SchoolCalendar* school, const governance::BankHolidayCalendar& holidays) {
  FoiCase c;
  c.id = row.id;
  c.recorded_by = row.recorded_by;
  c.recorded_at = row.recorded_at;
  CONFIDE_ASSIGN_OR_RETURN(c.intake, OpenIntake(tx, row));
  CONFIDE_ASSIGN_OR_RETURN(c.steps, OpenSteps(tx, row, events));
  CONFIDE_ASSIGN_OR_RETURN(c.deadline, governance::FoiRequestDeadlineFor(ClockOf(c.intake, c.steps), school, holidays));
  c.state = "open";
  if (c.deadline.waiting_for == "clarification") c.state = "awaiting_clarification";
  if (c.deadline.waiting_for == "the fee") c.state = "awaiting_fee";
  for (const FoiStep& s : c.steps) {
    if (s.kind == FoiStepKind::kResponded) c.state = "responded";
    if (s.kind == FoiStepKind::kRoutedToSubjectAccess) c.state = "routed_to_subject_access";
    if (s.kind == FoiStepKind::kClosed) c.state = "closed";
    if (s.kind == FoiStepKind::kResponded || s.kind == FoiStepKind::kRoutedToSubjectAccess) c.answered_on = s.on;
  }
  if (c.answered_on && c.deadline.due_on) c.answered_late = *c.answered_on > *c.deadline.due_on;
  c.overdue = !Finished(c.state) && c.deadline.due_on && UkToday(tx.now()) > *c.deadline.due_on;
  return c;
}

Result<store::FoiRequestRow> LoadRow(Vault::Tx& tx, int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::FoiRequestRow> row, tx.uow().foi().GetRequest(request_id));
  if (!row) return NoSuchRequest(request_id);
  return *row;
}

// What a step must carry, whatever the request's state.
Status CheckStepShape(const FoiStepInput& step) {
  const bool note_required = step.kind != FoiStepKind::kClarificationReceived && step.kind != FoiStepKind::kFeeReceived;
  CONFIDE_RETURN_IF_ERROR(CheckText(step.note, "a note (what was asked, the fee, why, or the reply in brief)", note_required));
  CONFIDE_RETURN_IF_ERROR(CheckDay(step.on, "the day"));
  if (step.kind == FoiStepKind::kExtended && (step.working_days < 1 || step.working_days > kMaxExtension)) {
    return Status::InvalidArgument("an extension for the public interest test is 1 to 20 working days");
  }
  if (step.kind != FoiStepKind::kExtended && step.working_days != 0) {
    return Status::InvalidArgument("working days are given only for an extension");
  }
  if (step.kind != FoiStepKind::kRoutedToSubjectAccess && step.subject_access_request_id) {
    return Status::InvalidArgument("a subject access request is named only when routing to subject access");
  }
  if ((step.kind == FoiStepKind::kResponded) != step.outcome.has_value()) {
    return Status::InvalidArgument(step.kind == FoiStepKind::kResponded
                                       ? "a reply says its outcome (disclosed, disclosed_in_part, refused, not_held)"
                                       : "an outcome is given only with the reply");
  }
  if (step.kind != FoiStepKind::kResponded && step.kind != FoiStepKind::kExtended && !step.exemptions.empty()) {
    return Status::InvalidArgument("exemptions are given with the reply, or with an extension to weigh them");
  }
  CONFIDE_RETURN_IF_ERROR(CheckExemptions(step.exemptions, step.kind == FoiStepKind::kResponded));
  if (step.kind == FoiStepKind::kExtended) {
    // Time to weigh the public interest is for a qualified exemption (s.10(3)); the requester is
    // told which, in a refusal notice within the 20 days (s.17(2)).
    if (step.exemptions.empty()) return Status::InvalidArgument("an extension names the qualified exemption being considered");
    for (const FoiExemptionUse& u : step.exemptions) {
      const governance::FoiExemption* e = governance::FindFoiExemption(u.exemption);
      if (!e->qualified) {
        return Status::InvalidArgument(std::string(e->section) + " is absolute: no public interest test, so no extension for one");
      }
    }
  }
  if (step.outcome) {
    const bool withholds = *step.outcome == FoiOutcome::kRefused || *step.outcome == FoiOutcome::kDisclosedInPart;
    if (withholds && step.exemptions.empty()) {
      return Status::InvalidArgument("a reply that withholds information names the exemption relied on, with its reason");
    }
    if (!withholds && !step.exemptions.empty()) {
      return Status::InvalidArgument("exemptions are named only when information is withheld (refused, or disclosed in part)");
    }
  }
  return Status::Ok();
}

// Whether the step fits the request as it stands.
Status CheckStepFits(const FoiCase& c, const FoiStepInput& step, CivilDate today) {
  if (Finished(c.state)) {
    const char* words = c.state == "responded" ? "has been answered" : c.state == "closed" ? "is closed" : "was routed to subject access";
    return Status::FailedPrecondition("FOI request " + std::to_string(c.id) + " " + words + ": nothing more can be added");
  }
  if (step.on > today) return Status::InvalidArgument("the day of a step cannot be in the future");
  if (step.on < c.intake.received_on) return Status::InvalidArgument("the day of a step cannot be before the request arrived");
  if (!c.steps.empty() && step.on < c.steps.back().on) {
    return Status::InvalidArgument("steps are recorded in order: the last one was on " + c.steps.back().on.ToIso());
  }
  const std::string& waiting = c.deadline.waiting_for;
  switch (step.kind) {
    case FoiStepKind::kClarificationRequested:
    case FoiStepKind::kFeeNotice:
      if (!waiting.empty()) return Status::FailedPrecondition("the clock is already stopped: " + waiting + " is awaited");
      // The clock cannot be stopped after the fact, once the reply was due.
      if (c.deadline.due_on && step.on > *c.deadline.due_on) {
        return Status::FailedPrecondition("the reply was due on " + c.deadline.due_on->ToIso() + ": the clock can no longer be stopped");
      }
      break;
    case FoiStepKind::kClarificationReceived:
      if (waiting != "clarification") return Status::FailedPrecondition("no clarification is awaited");
      break;
    case FoiStepKind::kFeeReceived:
      if (waiting != "the fee") return Status::FailedPrecondition("no fee is awaited");
      break;
    case FoiStepKind::kExtended: {
      if (!waiting.empty()) return Status::FailedPrecondition("the clock is stopped (" + waiting + " is awaited): nothing to extend");
      // The requester is told within the 20 days (s.17(2)), so an extension is recorded by then.
      if (c.deadline.statutory_due_on && step.on > *c.deadline.statutory_due_on) {
        return Status::FailedPrecondition("an extension is given by the 20th working day, " + c.deadline.statutory_due_on->ToIso() +
                                          " (the refusal notice names the exemption being weighed)");
      }
      int used = 0;
      for (const FoiStep& s : c.steps) used += s.kind == FoiStepKind::kExtended ? s.working_days : 0;
      if (used + step.working_days > kMaxExtension) {
        return Status::FailedPrecondition("the extensions would come to " + std::to_string(used + step.working_days) +
                                          " working days: the ICO expects no more than 20 in all");
      }
      break;
    }
    default:
      break;
  }
  return Status::Ok();
}

FieldMap StepFields(const FoiStepInput& step) {
  FieldMap f{{"note", step.note}};
  if (step.working_days) f["working_days"] = std::to_string(step.working_days);
  if (step.subject_access_request_id) f["subject_access_request_id"] = std::to_string(*step.subject_access_request_id);
  if (step.outcome) f["outcome"] = std::string(ToString(*step.outcome));
  if (!step.exemptions.empty()) f["exemptions"] = ExemptionsToJson(step.exemptions).dump();
  return f;
}

}  // namespace

std::string_view ToString(FoiStepKind k) {
  for (const auto& [kind, name] : kStepNames) {
    if (kind == k) return name;
  }
  return "?";
}

std::optional<FoiStepKind> ParseFoiStepKind(std::string_view s) {
  for (const auto& [kind, name] : kStepNames) {
    if (name == s) return kind;
  }
  return std::nullopt;
}

std::string_view ToString(FoiOutcome o) {
  for (const auto& [outcome, name] : kOutcomeNames) {
    if (outcome == o) return name;
  }
  return "?";
}

std::optional<FoiOutcome> ParseFoiOutcome(std::string_view s) {
  for (const auto& [outcome, name] : kOutcomeNames) {
    if (name == s) return outcome;
  }
  return std::nullopt;
}

Result<std::unique_ptr<FoiRegister>> FoiRegister::Create(Vault& vault) {
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy policy, LoadGovernancePolicy(vault.config()));
  CONFIDE_ASSIGN_OR_RETURN(governance::BankHolidayCalendar holidays, governance::BankHolidayCalendar::Create(policy.bank_holidays));
  std::optional<governance::SchoolCalendar> school;
  if (policy.maintained_school) {
    CONFIDE_ASSIGN_OR_RETURN(governance::SchoolCalendar calendar, governance::SchoolCalendar::Create(policy.school_closures));
    school = std::move(calendar);
  }
  return std::make_unique<FoiRegister>(vault, std::move(holidays), std::move(school));
}

Status FoiRegister::MayManage(domain::StaffId actor) {
  return vault_.Read<bool>(actor, {"foi.list"}, [&](Vault::Tx& tx) -> Result<bool> {
               CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kFoiManage).status());
               return true;
             })
      .status();
}

Result<int64_t> FoiRegister::Open(domain::StaffId actor, const FoiIntake& in) {
  CONFIDE_RETURN_IF_ERROR(CheckText(in.requester_name, "the requester's name", true));
  CONFIDE_RETURN_IF_ERROR(CheckText(in.request_text, "what was asked for (request text)", true));
  CONFIDE_RETURN_IF_ERROR(CheckText(in.contact, "where the reply goes (contact)", false));
  CONFIDE_RETURN_IF_ERROR(CheckText(in.channel, "how it arrived (channel)", false));
  CONFIDE_RETURN_IF_ERROR(CheckDay(in.received_on, "the day received"));
  return vault_.Transact<int64_t>(actor, {"foi.open"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kFoiManage));
    if (in.received_on > UkToday(tx.now())) return Status::InvalidArgument("the day received is in the future");
    CONFIDE_ASSIGN_OR_RETURN(auto subject, tx.NewSubject(kSubjectKind));
    store::FoiRequestRow row{0, subject.first, in.received_on.ToIso(), tx.actor(), tx.now(), {}};
    const FieldMap f{{"requester_name", in.requester_name},
                     {"contact", in.contact},
                     {"request_text", in.request_text},
                     {"channel", in.channel}};
    CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*subject.second, Header(kRequestEntity, row.subject_id, row.recorded_at,
                                                                            row.recorded_by, row.received_on), f));
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, tx.uow().foi().InsertRequest(row));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("foi.open", *d, 0, 0, 0, "request=" + std::to_string(id)));
    return id;
  });
}

Result<int64_t> FoiRegister::AddStep(domain::StaffId actor, int64_t request_id, const FoiStepInput& step) {
  CONFIDE_RETURN_IF_ERROR(CheckStepShape(step));
  return vault_.Transact<int64_t>(actor, {"foi.step"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kFoiManage));
    CONFIDE_ASSIGN_OR_RETURN(store::FoiRequestRow row, LoadRow(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::FoiEventRow> events, tx.uow().foi().ListEvents(request_id));
    CONFIDE_ASSIGN_OR_RETURN(FoiCase c, BuildCase(tx, row, events, school_ ? &*school_ : nullptr, holidays_));
    CONFIDE_RETURN_IF_ERROR(CheckStepFits(c, step, UkToday(tx.now())));
    if (step.subject_access_request_id) {
      // The subject access request it went to must exist and be one this DPO may see.
      CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SubjectAccessRequestRow> sar,
                               tx.uow().subject_access().GetRequest(*step.subject_access_request_id));
      if (!sar || !tx.Decide(policy::Action::kSubjectAccessManage, sar->person_id, domain::SensitivityTier::kRestricted).allowed) {
        return Status::InvalidArgument("no subject access request with id " + std::to_string(*step.subject_access_request_id));
      }
    }
    store::FoiEventRow event{0, request_id, std::string(ToString(step.kind)), step.on.ToIso(), tx.actor(), tx.now(), {}};
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row.subject_id));
    const int64_t previous = c.steps.empty() ? 0 : c.steps.back().id;
    CONFIDE_ASSIGN_OR_RETURN(event.sealed, SealFields(*key, Header(kStepEntity, row.subject_id, event.recorded_at, event.recorded_by,
                                                                   event.on_date, request_id, event.kind, previous),
                                                      StepFields(step)));
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, tx.uow().foi().InsertEvent(event));
    std::string detail = "request=" + std::to_string(request_id) + "; step=" + event.kind;
    if (step.outcome) detail += "; outcome=" + std::string(ToString(*step.outcome));
    for (const FoiExemptionUse& u : step.exemptions) detail += "; exemption=" + u.exemption;
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("foi.step", *d, 0, 0, 0, detail));
    return id;
  });
}

Result<FoiCase> FoiRegister::Get(domain::StaffId actor, int64_t request_id) {
  return vault_.Read<FoiCase>(actor, {"foi.read"}, [&](Vault::Tx& tx) -> Result<FoiCase> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kFoiManage));
    CONFIDE_ASSIGN_OR_RETURN(store::FoiRequestRow row, LoadRow(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::FoiEventRow> events, tx.uow().foi().ListEvents(request_id));
    if (auto key = tx.SubjectKey(row.subject_id); !key.ok()) {
      // Only a shredded key reads as destroyed; any other failure is reported as itself.
      if (key.status().code() != StatusCode::kFailedPrecondition) return key.status();
      return Status::FailedPrecondition("FOI request " + std::to_string(request_id) + ": the requester's details have been destroyed");
    }
    CONFIDE_ASSIGN_OR_RETURN(FoiCase c, BuildCase(tx, row, events, school_ ? &*school_ : nullptr, holidays_));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("foi.read", *d, 0, 0, 0, "request=" + std::to_string(request_id)));
    return c;
  });
}

Result<std::vector<FoiCase>> FoiRegister::List(domain::StaffId actor, bool include_finished) {
  using Out = std::vector<FoiCase>;
  return vault_.Read<Out>(actor, {"foi.list"}, [&](Vault::Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kFoiManage));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::FoiRequestRow> rows, tx.uow().foi().ListRequests());
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::FoiEventRow> all, tx.uow().foi().ListAllEvents());
    std::map<int64_t, std::vector<store::FoiEventRow>> events;
    for (store::FoiEventRow& e : all) events[e.request_id].push_back(std::move(e));
    Out out;
    for (const store::FoiRequestRow& row : rows) {
      if (auto key = tx.SubjectKey(row.subject_id); !key.ok()) {
        if (key.status().code() != StatusCode::kFailedPrecondition) return key.status();
        // The requester's details were shredded when the request's retention ended: the clear
        // columns remain, listed with the finished ones.
        if (!include_finished) continue;
        FoiCase gone;
        gone.id = row.id;
        gone.recorded_by = row.recorded_by;
        gone.recorded_at = row.recorded_at;
        CONFIDE_ASSIGN_OR_RETURN(gone.intake.received_on, CivilDate::Parse(row.received_on));
        gone.state = "destroyed";
        out.push_back(std::move(gone));
        continue;
      }
      CONFIDE_ASSIGN_OR_RETURN(FoiCase c, BuildCase(tx, row, events[row.id], school_ ? &*school_ : nullptr, holidays_));
      tx.ForgetSubjectKey(row.subject_id);
      if (!include_finished && Finished(c.state)) continue;
      out.push_back(std::move(c));
    }
    // Most urgent first: overdue, then the nearest due date; a stopped clock after them, finished last.
    std::stable_sort(out.begin(), out.end(), [](const FoiCase& a, const FoiCase& b) {
      const bool fa = Finished(a.state), fb = Finished(b.state);
      if (fa != fb) return fb;
      if (a.deadline.due_on.has_value() != b.deadline.due_on.has_value()) return a.deadline.due_on.has_value();
      if (a.deadline.due_on && b.deadline.due_on && *a.deadline.due_on != *b.deadline.due_on) {
        return *a.deadline.due_on < *b.deadline.due_on;
      }
      return a.id < b.id;
    });
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("foi.list", *d, 0, 0, 0, "count=" + std::to_string(out.size())));
    return out;
  });
}

}  // namespace confide::service
