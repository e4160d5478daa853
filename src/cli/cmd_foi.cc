// confide foi open | list | show | step | exemptions: the Freedom of Information register
// (docs/governance.md).
#include <sstream>

#include "cli/commands.h"
#include "codec/foi_json.h"
#include "governance/foi_exemptions.h"
#include "service/foi.h"

namespace confide::cli {
namespace {

struct Args {
  int64_t id = 0, subject_access_request = 0;
  int working_days = 0;
  bool all = false;
  std::string received, name, contact, request_text, channel, kind, on, note, outcome;
  // --exemption ID=REASON[|PUBLIC INTEREST], repeatable
  std::vector<std::string> exemptions;
};

#define CONFIDE_CLI_OPEN_FOI(ctx, vault, foi)                \
  CONFIDE_CLI_OPEN(ctx, vault);                              \
  auto foi##_or = service::FoiRegister::Create(vault);       \
  if (!foi##_or.ok()) return (ctx).Fail(foi##_or.status()); \
  service::FoiRegister& foi = **foi##_or

std::string Due(const service::FoiCase& c) {
  if (c.answered_on) return "answered " + c.answered_on->ToIso() + (c.answered_late ? " (LATE)" : "");
  if (c.deadline.due_on) return c.deadline.due_on->ToIso() + (c.overdue ? " OVERDUE" : "");
  if (!c.deadline.waiting_for.empty()) return "(" + c.deadline.waiting_for + " awaited)";
  return "-";
}

void PrintCase(std::ostream& o, const service::FoiCase& c) {
  o << "FOI request " << c.id << ": " << c.state << "\n";
  o << "  Requester: " << c.intake.requester_name << (c.intake.contact.empty() ? "" : ", " + c.intake.contact) << "\n";
  o << "  Asked for: " << c.intake.request_text << "\n  Received: " << c.intake.received_on.ToIso() << "; due: " << Due(c) << "\n";
  for (const std::string& line : c.deadline.explanation) o << "    " << line << "\n";
  if (c.steps.empty()) return;
  std::vector<std::vector<std::string>> table;
  for (const service::FoiStep& s : c.steps) {
    std::string detail = s.note;
    if (s.outcome) detail = std::string(service::ToString(*s.outcome)) + ": " + detail;
    if (s.working_days) detail += " (" + std::to_string(s.working_days) + " working days)";
    if (s.subject_access_request_id) detail += " (subject access request " + std::to_string(*s.subject_access_request_id) + ")";
    for (const service::FoiExemptionUse& u : s.exemptions) {
      const governance::FoiExemption* e = governance::FindFoiExemption(u.exemption);
      detail += "; " + std::string(e ? e->section : u.exemption) + ": " + u.reason;
      if (!u.public_interest.empty()) detail += " (public interest: " + u.public_interest + ")";
    }
    table.push_back({std::to_string(s.id), std::string(service::ToString(s.kind)), s.on.ToIso(), std::to_string(s.recorded_by), detail});
  }
  PrintTable(o, {"STEP", "KIND", "ON", "BY", "DETAILS"}, table);
}

// "s40_2=Names of staff|..." -> the exemption, its reason and (after '|') the public interest test.
Result<std::vector<service::FoiExemptionUse>> ParseExemptions(const std::vector<std::string>& args) {
  std::vector<service::FoiExemptionUse> out;
  for (const std::string& a : args) {
    const size_t eq = a.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument("--exemption is written ID=REASON or ID=REASON|PUBLIC INTEREST TEST (see confide foi exemptions)");
    }
    service::FoiExemptionUse u;
    u.exemption = a.substr(0, eq);
    std::string rest = a.substr(eq + 1);
    if (const size_t bar = rest.find('|'); bar != std::string::npos) {
      u.public_interest = rest.substr(bar + 1);
      rest.resize(bar);
    }
    u.reason = rest;
    out.push_back(std::move(u));
  }
  return out;
}

int RunOpen(const CliContext& ctx, const Args& a) {
  auto received = DateArg(a.received, "--received");
  if (!received.ok()) return ctx.Fail(received.status());
  const service::FoiIntake in{*received, a.name, a.contact, a.request_text, a.channel};
  CONFIDE_CLI_OPEN_FOI(ctx, vault, foi);
  auto id = foi.Open(ctx.actor, in);
  if (!id.ok()) return ctx.Fail(id.status());
  auto c = foi.Get(ctx.actor, *id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::FoiCaseToJson(*c), [&](std::ostream& o) { PrintCase(o, *c); });
}

int RunList(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_FOI(ctx, vault, foi);
  auto list = foi.List(ctx.actor, a.all);
  if (!list.ok()) return ctx.Fail(list.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const auto& c : *list) {
    j.push_back(codec::FoiCaseToJson(c));
    table.push_back({std::to_string(c.id), c.intake.received_on.ToIso(), c.state, Due(c)});
  }
  return ctx.Ok(j, [&](std::ostream& o) {
    PrintTable(o, {"ID", "RECEIVED", "STATE", "DUE"}, table);
    if (foi.maintained_school()) o << "(A maintained school: the earlier of 20 school days and 60 working days.)\n";
  });
}

int RunShow(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_FOI(ctx, vault, foi);
  auto c = foi.Get(ctx.actor, a.id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::FoiCaseToJson(*c), [&](std::ostream& o) { PrintCase(o, *c); });
}

int RunStep(const CliContext& ctx, const Args& a) {
  auto kind = service::ParseFoiStepKind(a.kind);
  if (!kind) {
    return ctx.Fail(Status::InvalidArgument("--kind must be clarification_requested, clarification_received, fee_notice, "
                                            "fee_received, extended, routed_to_subject_access, responded or closed"));
  }
  auto on = DateArg(a.on, "--on");
  if (!on.ok()) return ctx.Fail(on.status());
  service::FoiStepInput step;
  step.kind = *kind;
  step.on = *on;
  step.note = a.note;
  step.working_days = a.working_days;
  if (a.subject_access_request) step.subject_access_request_id = a.subject_access_request;
  if (!a.outcome.empty()) {
    step.outcome = service::ParseFoiOutcome(a.outcome);
    if (!step.outcome) return ctx.Fail(Status::InvalidArgument("--outcome must be disclosed, disclosed_in_part, refused or not_held"));
  }
  auto exemptions = ParseExemptions(a.exemptions);
  if (!exemptions.ok()) return ctx.Fail(exemptions.status());
  step.exemptions = std::move(*exemptions);
  CONFIDE_CLI_OPEN_FOI(ctx, vault, foi);
  auto id = foi.AddStep(ctx.actor, a.id, step);
  if (!id.ok()) return ctx.Fail(id.status());
  auto c = foi.Get(ctx.actor, a.id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::FoiCaseToJson(*c), [&](std::ostream& o) { PrintCase(o, *c); });
}

int RunExemptions(const CliContext& ctx) {
  std::vector<std::vector<std::string>> table;
  for (const governance::FoiExemption& e : governance::FoiExemptions()) {
    table.push_back({std::string(e.id), std::string(e.section), e.qualified ? "qualified" : "absolute", std::string(e.name)});
  }
  return ctx.Ok(codec::FoiExemptionsToJson(), [&](std::ostream& o) { PrintTable(o, {"ID", "SECTION", "KIND", "GROUND"}, table); });
}

}  // namespace

void AddFoiCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* f = app.add_subcommand("foi", "Freedom of Information requests: the register, its clock, exemptions and replies")
                    ->require_subcommand(1);
  auto a = std::make_shared<Args>();

  CLI::App* open = f->add_subcommand("open", "Record an FOI request as it arrived");
  open->add_option("--received", a->received, "The day it arrived (YYYY-MM-DD): day zero of the 20 working days")->required();
  open->add_option("--name", a->name, "The requester's name (kept encrypted)")->required();
  open->add_option("--contact", a->contact, "Where the reply goes (kept encrypted)");
  open->add_option("--request", a->request_text, "What they asked for, in their words (kept encrypted)")->required();
  open->add_option("--channel", a->channel, "How it arrived: email, letter, web form");
  open->callback([&ctx, &run, a] { run = [&ctx, a] { return RunOpen(ctx, *a); }; });

  CLI::App* list = f->add_subcommand("list", "Requests, the most urgent first (--all: answered and closed ones too)");
  list->add_flag("--all", a->all, "Include answered, routed and closed requests");
  list->callback([&ctx, &run, a] { run = [&ctx, a] { return RunList(ctx, *a); }; });

  CLI::App* show = f->add_subcommand("show", "One request: its deadline with the arithmetic, and its steps");
  show->add_option("id", a->id, "Request id")->required();
  show->callback([&ctx, &run, a] { run = [&ctx, a] { return RunShow(ctx, *a); }; });

  CLI::App* step = f->add_subcommand("step", "Record a step: clarification, a fee, an extension, routing, the reply, closing");
  step->add_option("id", a->id, "Request id")->required();
  step->add_option("--kind", a->kind,
                   "clarification_requested, clarification_received, fee_notice, fee_received, extended, "
                   "routed_to_subject_access, responded or closed")
      ->required();
  step->add_option("--on", a->on, "The day it happened (YYYY-MM-DD)")->required();
  step->add_option("--note", a->note, "What was asked, the fee, why, or the reply in brief (kept encrypted)");
  step->add_option("--working-days", a->working_days, "For extended: 1 to 20 further working days");
  step->add_option("--subject-access-request", a->subject_access_request, "For routed_to_subject_access: the request opened");
  step->add_option("--outcome", a->outcome, "For responded: disclosed, disclosed_in_part, refused or not_held");
  step->add_option("--exemption", a->exemptions,
                   "An exemption relied on, ID=REASON, or ID=REASON|PUBLIC INTEREST TEST for a qualified one (repeatable)");
  step->callback([&ctx, &run, a] { run = [&ctx, a] { return RunStep(ctx, *a); }; });

  CLI::App* exemptions = f->add_subcommand("exemptions", "The grounds a reply can rely on, absolute or qualified");
  exemptions->callback([&ctx, &run] { run = [&ctx] { return RunExemptions(ctx); }; });
}

}  // namespace confide::cli
