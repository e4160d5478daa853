// confide due: everything with a clock the acting staff member may see, the most urgent first,
// with the countdown and the arithmetic (docs/governance.md, "Deadlines at a glance").
#include "cli/commands.h"
#include "codec/deadlines_json.h"
#include "domain/uk_time.h"
#include "service/deadlines.h"

namespace confide::cli {
namespace {

struct Args {
  int within = 60;
  bool explain = false;
};

int RunDue(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto deadlines = service::Deadlines::Create(vault);
  if (!deadlines.ok()) return ctx.Fail(deadlines.status());
  const domain::CivilDate today = domain::ToUkLocal(SystemClock::Default().NowMicros()).date;
  auto report = (*deadlines)->Due(ctx.actor, today, a.within);
  if (!report.ok()) return ctx.Fail(report.status());
  return ctx.Ok(codec::DeadlineReportToJson(*report), [&](std::ostream& o) {
    o << "Deadlines as of " << report->today.ToIso() << ": everything overdue and everything due within " << report->within_days
      << " days, the most urgent first.\n";
    if (report->deadlines.empty()) o << "Nothing is due.\n";
    for (const governance::Deadline& d : report->deadlines) {
      o << (d.overdue ? "OVERDUE  " : "         ") << d.due_on.ToIso() << "  " << governance::KindWords(d.kind) << ": " << d.title << "\n"
        << "           " << d.countdown << "\n";
      if (a.explain) {
        for (const std::string& line : d.explanation) o << "             " << line << "\n";
      }
    }
    if (report->waiting) {
      o << report->waiting << " subject access or FOI request" << (report->waiting == 1 ? "" : "s")
        << " with no running clock (identity, clarification or a fee awaited): confide sar list, confide foi list\n";
    }
    for (const std::string& s : report->not_shown) o << "Not shown (the access policy does not let you see them): " << s << "\n";
  });
}

}  // namespace

void AddDueCommand(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* due = app.add_subcommand("due", "Everything with a clock, the most urgent first: subject access, retention "
                                            "reviews, agreement reviews, training refreshers");
  auto a = std::make_shared<Args>();
  due->add_option("--within", a->within, "Also list what falls due within this many days (default 60: a subject access request's month fits)")->check(CLI::Range(0, 3650));
  due->add_flag("--explain", a->explain, "Say how each date was worked out");
  due->callback([&ctx, &run, a] { run = [&ctx, a] { return RunDue(ctx, *a); }; });
}

}  // namespace confide::cli
