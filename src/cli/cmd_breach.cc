// confide breach report | list | show | step | candidates | open | dismiss | kinds: the personal
// data breach register (service/breach.h). Anyone reports; the data protection officer keeps the
// register. Instants are written as other commands write them (ParseTimeArg: UTC unless they end
// in Z or an offset such as +01:00).
#include <charconv>

#include "cli/commands.h"
#include "codec/breach_json.h"
#include "service/breach.h"

namespace confide::cli {
namespace {

constexpr UnixMicros kDayMicros = int64_t{86400} * 1000000;

struct Args {
  int64_t id = 0;
  bool all = false;
  std::string source, kind, aware_at, happened_at, discovered_by, what, data, people_affected, immediate_action;
  std::vector<int64_t> people;  // --person, repeatable
  std::string at, note, likelihood, severity, report, ico_reference, delay_reason, told, reason, since;
};

#define CONFIDE_CLI_OPEN_BREACHES(ctx, vault, breaches)                \
  CONFIDE_CLI_OPEN(ctx, vault);                                        \
  auto breaches##_or = service::BreachRegister::Create(vault);         \
  if (!breaches##_or.ok()) return (ctx).Fail(breaches##_or.status()); \
  service::BreachRegister& breaches = **breaches##_or

std::string KindChoices() {
  std::string out;
  for (service::BreachKind k : service::AllBreachKinds()) out += (out.empty() ? "" : ", ") + std::string(service::ToString(k));
  return out;
}

// A count option (written as text so a mistake exits 4 naming the option, not as a usage error).
Result<std::optional<int64_t>> CountArg(const std::string& text, const char* what) {
  if (text.empty()) return std::optional<int64_t>();
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0) {
    return Status::InvalidArgument(std::string(what) + " must be a whole number, 0 or more");
  }
  return std::optional<int64_t>(n);
}

Result<std::optional<bool>> YesNoArg(const std::string& text, const char* what) {
  if (text.empty()) return std::optional<bool>();
  if (text == "yes") return std::optional<bool>(true);
  if (text == "no") return std::optional<bool>(false);
  return Status::InvalidArgument(std::string(what) + " must be yes or no");
}

Result<service::BreachReport> ReportFromArgs(const Args& a) {
  service::BreachReport r;
  const std::optional<service::BreachKind> kind = service::ParseBreachKind(a.kind);
  if (!kind) return Status::InvalidArgument("--kind must be one of " + KindChoices() + " (see confide breach kinds)");
  r.kind = *kind;
  CONFIDE_ASSIGN_OR_RETURN(r.became_aware_at, ParseTimeArg(a.aware_at, "--aware-at"));
  if (!a.happened_at.empty()) {
    CONFIDE_ASSIGN_OR_RETURN(UnixMicros t, ParseTimeArg(a.happened_at, "--happened-at"));
    r.happened_at = t;
  }
  r.discovered_by = a.discovered_by;
  r.what_happened = a.what;
  r.data_affected = a.data;
  CONFIDE_ASSIGN_OR_RETURN(auto count, CountArg(a.people_affected, "--people-affected"));
  r.people_affected = count.value_or(0);
  r.people = a.people;
  r.immediate_action = a.immediate_action;
  return r;
}

Result<service::BreachStepInput> StepFromArgs(const Args& a) {
  service::BreachStepInput s;
  const std::optional<service::BreachStepKind> kind = service::ParseBreachStepKind(a.kind);
  if (!kind) return Status::InvalidArgument("--kind must be assessed, decided, reported, people_told, action or closed");
  s.kind = *kind;
  CONFIDE_ASSIGN_OR_RETURN(s.at, ParseTimeArg(a.at, "--at"));
  s.note = a.note;
  if (!a.likelihood.empty()) {
    s.likelihood = governance::ParseBreachLikelihood(a.likelihood);
    if (!s.likelihood) return Status::InvalidArgument("--likelihood must be remote, possible or likely");
  }
  if (!a.severity.empty()) {
    s.severity = governance::ParseBreachSeverity(a.severity);
    if (!s.severity) return Status::InvalidArgument("--severity must be minimal, significant or severe");
  }
  CONFIDE_ASSIGN_OR_RETURN(s.people_affected, CountArg(a.people_affected, "--people-affected"));
  s.people = a.people;
  CONFIDE_ASSIGN_OR_RETURN(s.report, YesNoArg(a.report, "--report"));
  s.ico_reference = a.ico_reference;
  s.delay_reason = a.delay_reason;
  CONFIDE_ASSIGN_OR_RETURN(s.told, YesNoArg(a.told, "--told"));
  return s;
}

std::string IdList(const std::vector<domain::PersonId>& ids) {
  std::string out;
  for (domain::PersonId id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

// Where the breach stands against the 72 hours, for the list and the heading.
std::string Due(const service::BreachCase& c) {
  if (c.reported_at) return "reported " + FormatTime(*c.reported_at) + (c.reported_late ? " (LATE)" : "");
  if (c.state == "not_reported" || c.state == "closed" || c.state == "destroyed") return "-";
  return FormatTime(c.deadline.report_by) + (c.overdue ? " OVERDUE" : "");
}

std::string StepDetail(const service::BreachStep& s) {
  std::string d;
  if (s.risk) d += std::string(governance::ToString(s.risk->level)) + ": ";
  if (s.report) d += *s.report ? "report to the ICO: " : "not reporting to the ICO: ";
  if (s.told) d += *s.told ? "told: " : "not told: ";
  d += s.note;
  if (!s.ico_reference.empty()) d += " (ICO reference " + s.ico_reference + ")";
  if (!s.delay_reason.empty()) d += " (late because: " + s.delay_reason + ")";
  if (s.people_affected) d += " (" + std::to_string(*s.people_affected) + " people affected)";
  if (!s.people.empty()) d += " (people " + IdList(s.people) + ")";
  return d;
}

void PrintCase(std::ostream& o, const service::BreachCase& c) {
  const service::BreachReport& r = c.report;
  o << "Breach " << c.id << ": " << c.state << (c.overdue ? " (OVERDUE)" : "") << "\n";
  o << "  Kind: " << service::KindWords(r.kind) << (c.source.empty() ? "" : " (raised from " + c.source + ")") << "\n";
  o << "  What happened: " << r.what_happened << "\n";
  if (r.happened_at) o << "  Happened: " << FormatTime(*r.happened_at) << "\n";
  if (!r.discovered_by.empty()) o << "  Discovered by: " << r.discovered_by << "\n";
  if (!r.data_affected.empty()) o << "  Data affected: " << r.data_affected << "\n";
  o << "  People affected: " << (c.people_affected ? std::to_string(c.people_affected) : "not yet known")
    << (c.people.empty() ? "" : "; in Confide: " + IdList(c.people)) << "\n";
  if (!r.immediate_action.empty()) o << "  Done at once: " << r.immediate_action << "\n";
  o << "  Became aware: " << FormatTime(c.deadline.became_aware_at) << "; report by: " << Due(c) << "\n";
  for (const std::string& line : c.deadline.explanation) o << "    " << line << "\n";
  if (c.risk) o << "  Risk: " << governance::ToString(c.risk->level) << ": " << c.risk->words << "\n";
  for (const std::string& w : c.warnings) o << "  WARNING: " << w << "\n";
  if (c.steps.empty()) return;
  std::vector<std::vector<std::string>> table;
  for (const service::BreachStep& s : c.steps) {
    table.push_back({std::to_string(s.id), std::string(service::ToString(s.kind)), FormatTime(s.at), std::to_string(s.recorded_by),
                     StepDetail(s)});
  }
  PrintTable(o, {"STEP", "KIND", "AT", "BY", "DETAILS"}, table);
}

int RunReport(const CliContext& ctx, const Args& a) {
  auto report = ReportFromArgs(a);
  if (!report.ok()) return ctx.Fail(report.status());
  CONFIDE_CLI_OPEN_BREACHES(ctx, vault, breaches);
  auto id = breaches.Report(ctx.actor, *report);
  if (!id.ok()) return ctx.Fail(id.status());
  // The reporter learns the id and nothing more: the register is the data protection officer's.
  return ctx.Ok({{"id", *id}}, [&](std::ostream& o) {
    o << "Recorded as breach " << *id << ". The data protection officer takes it from here; quote the number if you learn more.\n";
  });
}

int RunList(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_BREACHES(ctx, vault, breaches);
  auto list = breaches.List(ctx.actor, a.all);
  if (!list.ok()) return ctx.Fail(list.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const auto& c : *list) {
    j.push_back(codec::BreachCaseToJson(c));
    table.push_back({std::to_string(c.id), std::string(service::ToString(c.report.kind)), FormatTime(c.report.became_aware_at),
                     c.state, c.risk ? std::string(governance::ToString(c.risk->level)) : "-", Due(c)});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "KIND", "AWARE", "STATE", "RISK", "REPORT BY"}, table); });
}

int RunShow(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_BREACHES(ctx, vault, breaches);
  auto c = breaches.Get(ctx.actor, a.id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::BreachCaseToJson(*c), [&](std::ostream& o) { PrintCase(o, *c); });
}

int RunStep(const CliContext& ctx, const Args& a) {
  auto step = StepFromArgs(a);
  if (!step.ok()) return ctx.Fail(step.status());
  CONFIDE_CLI_OPEN_BREACHES(ctx, vault, breaches);
  auto id = breaches.AddStep(ctx.actor, a.id, *step);
  if (!id.ok()) return ctx.Fail(id.status());
  auto c = breaches.Get(ctx.actor, a.id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::BreachCaseToJson(*c), [&](std::ostream& o) { PrintCase(o, *c); });
}

int RunCandidates(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_BREACHES(ctx, vault, breaches);
  UnixMicros since = vault.clock().NowMicros() - 30 * kDayMicros;
  if (!a.since.empty()) {
    auto s = ParseTimeArg(a.since, "--since");
    if (!s.ok()) return ctx.Fail(s.status());
    since = *s;
  }
  auto list = breaches.Candidates(ctx.actor, since);
  if (!list.ok()) return ctx.Fail(list.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const auto& c : *list) {
    j.push_back(codec::BreachCandidateToJson(c));
    table.push_back({c.source, FormatTime(c.at), c.staff_id ? std::to_string(c.staff_id) : "-",
                     c.person_id ? std::to_string(c.person_id) : "-", std::string(service::ToString(c.suggested_kind)), c.detail});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"SOURCE", "AT", "STAFF", "PERSON", "SUGGESTED", "DETAIL"}, table); });
}

int RunOpen(const CliContext& ctx, const Args& a) {
  auto report = ReportFromArgs(a);
  if (!report.ok()) return ctx.Fail(report.status());
  CONFIDE_CLI_OPEN_BREACHES(ctx, vault, breaches);
  auto id = breaches.OpenCandidate(ctx.actor, a.source, *report);
  if (!id.ok()) return ctx.Fail(id.status());
  auto c = breaches.Get(ctx.actor, *id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::BreachCaseToJson(*c), [&](std::ostream& o) { PrintCase(o, *c); });
}

int RunDismiss(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_BREACHES(ctx, vault, breaches);
  if (Status s = breaches.DismissCandidate(ctx.actor, a.source, a.reason); !s.ok()) return ctx.Fail(s);
  return ctx.Ok({{"source", a.source}, {"dismissed", true}},
                [&](std::ostream& o) { o << "Dismissed " << a.source << ": it leaves the list of candidates\n"; });
}

int RunKinds(const CliContext& ctx) {
  std::vector<std::vector<std::string>> table;
  for (service::BreachKind k : service::AllBreachKinds()) {
    table.push_back({std::string(service::ToString(k)), std::string(service::KindWords(k))});
  }
  return ctx.Ok(codec::BreachKindsToJson(), [&](std::ostream& o) { PrintTable(o, {"KIND", "WHAT IT MEANS"}, table); });
}

// The report's options, shared by `report` and `open` (the DPO words the report of a candidate).
void AddReportOptions(CLI::App* cmd, Args& a) {
  cmd->add_option("--kind", a.kind, "What kind of breach: " + KindChoices() + " (see confide breach kinds)")->required();
  cmd->add_option("--aware-at", a.aware_at,
                  "When the organisation became aware (YYYY-MM-DDTHH:MM[:SS], UTC unless ending in Z or an offset such as "
                  "+01:00): the 72 hours run from here")
      ->required();
  cmd->add_option("--happened-at", a.happened_at, "When it happened, if known (not after --aware-at)");
  cmd->add_option("--discovered-by", a.discovered_by, "Who found it: a colleague, a parent, the recipient (kept encrypted)");
  cmd->add_option("--what", a.what, "What happened (kept encrypted)")->required();
  cmd->add_option("--data", a.data, "What kinds of personal data (kept encrypted)");
  cmd->add_option("--people-affected", a.people_affected, "How many people, as far as known (0: not yet known)");
  cmd->add_option("--person", a.people, "A person in Confide it touches, by id (repeatable); one you may see");
  cmd->add_option("--immediate-action", a.immediate_action, "What was done at once: recalled the email, ... (kept encrypted)");
}

}  // namespace

void AddBreachCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* b = app.add_subcommand("breach", "Personal data breaches: report one; the register, the 72 hours and the ICO")
                    ->require_subcommand(1);
  auto a = std::make_shared<Args>();

  CLI::App* report = b->add_subcommand("report", "Report a suspected personal data breach as soon as you know of it (anyone)");
  AddReportOptions(report, *a);
  report->callback([&ctx, &run, a] { run = [&ctx, a] { return RunReport(ctx, *a); }; });

  CLI::App* list = b->add_subcommand("list", "The register, the most urgent first (--all: closed ones too)");
  list->add_flag("--all", a->all, "Include closed and destroyed breaches");
  list->callback([&ctx, &run, a] { run = [&ctx, a] { return RunList(ctx, *a); }; });

  CLI::App* show = b->add_subcommand("show", "One breach: the 72 hours with the arithmetic, the risk, warnings and its steps");
  show->add_option("id", a->id, "Breach id")->required();
  show->callback([&ctx, &run, a] { run = [&ctx, a] { return RunShow(ctx, *a); }; });

  CLI::App* step = b->add_subcommand("step", "Record a step: assessment, decision, the report to the ICO, telling people, an action, closing");
  step->add_option("id", a->id, "Breach id")->required();
  step->add_option("--kind", a->kind, "assessed, decided, reported, people_told, action or closed")->required();
  step->add_option("--at", a->at, "When it happened (as --aware-at; not before awareness, not in the future)")->required();
  step->add_option("--note", a->note,
                   "What the assessment rests on, the reasons for the decision, how it was reported, what people were told "
                   "(or why not), what was done, or the lessons learned (kept encrypted)")
      ->required();
  step->add_option("--likelihood", a->likelihood, "For assessed: remote, possible or likely");
  step->add_option("--severity", a->severity, "For assessed: minimal, significant or severe");
  step->add_option("--people-affected", a->people_affected, "For assessed: a revised count");
  step->add_option("--person", a->people, "For assessed: another person in Confide it touches (repeatable)");
  step->add_option("--report", a->report, "For decided: yes (report to the ICO) or no");
  step->add_option("--ico-reference", a->ico_reference, "For reported: the ICO's reference");
  step->add_option("--delay-reason", a->delay_reason, "For reported after the 72 hours: why it was late");
  step->add_option("--told", a->told, "For people_told: yes (they were told) or no (decided not to, with the reason in --note)");
  step->callback([&ctx, &run, a] { run = [&ctx, a] { return RunStep(ctx, *a); }; });

  CLI::App* candidates = b->add_subcommand("candidates", "What Confide noticed that may be a breach, for the DPO to open or dismiss");
  candidates->add_option("--since", a->since, "Raised since (default: 30 days ago)");
  candidates->callback([&ctx, &run, a] { run = [&ctx, a] { return RunCandidates(ctx, *a); }; });

  CLI::App* open = b->add_subcommand("open", "Open a candidate as a breach, with the report in your words");
  open->add_option("source", a->source, "The candidate's source, as candidates lists it (break_glass/12)")->required();
  AddReportOptions(open, *a);
  open->callback([&ctx, &run, a] { run = [&ctx, a] { return RunOpen(ctx, *a); }; });

  CLI::App* dismiss = b->add_subcommand("dismiss", "Dismiss a candidate that is not a breach, saying why");
  dismiss->add_option("source", a->source, "The candidate's source, as candidates lists it")->required();
  dismiss->add_option("--reason", a->reason, "Why it is not a breach (kept encrypted)")->required();
  dismiss->callback([&ctx, &run, a] { run = [&ctx, a] { return RunDismiss(ctx, *a); }; });

  CLI::App* kinds = b->add_subcommand("kinds", "The kinds of breach and what each means");
  kinds->callback([&ctx, &run] { run = [&ctx] { return RunKinds(ctx); }; });
}

}  // namespace confide::cli
