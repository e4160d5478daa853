// confide policy check|explain | staff update|set-password | restriction
// add|lift|list | break-glass start|list | allocation end | access-log person|staff|anomalies
#include <iostream>

#include "cli/commands.h"
#include "codec/domain_json.h"
#include "policy/access_policy.h"
#include "service/identity.h"

namespace confide::cli {
namespace {

constexpr UnixMicros kDayMicros = int64_t{86400} * 1000000;


int PrintEvents(const CliContext& ctx, const std::vector<service::AccessEvent>& events) {
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : events) {
    j.push_back(codec::AccessEventToJson(e));
    rows.push_back({std::to_string(e.seq), FormatTime(e.time), std::to_string(e.actor), e.action,
                    e.person_id ? std::to_string(e.person_id) : "", e.record_id ? std::to_string(e.record_id) : "",
                    e.outcome, e.detail});
  }
  return ctx.Ok(j, [&](std::ostream& o) {
    PrintTable(o, {"SEQ", "TIME", "STAFF", "ACTION", "PERSON", "RECORD", "OUTCOME", "WHY"}, rows);
  });
}

struct Period {
  std::string from, to;
  size_t limit = 500;
};

Result<std::pair<UnixMicros, UnixMicros>> ParsePeriod(const Period& p, UnixMicros now) {
  UnixMicros from = now - 30 * kDayMicros, to = now + 1;
  if (!p.from.empty()) {
    CONFIDE_ASSIGN_OR_RETURN(from, ParseTimeArg(p.from, "--from"));
  }
  if (!p.to.empty()) {
    CONFIDE_ASSIGN_OR_RETURN(to, ParseTimeArg(p.to, "--to"));
  }
  return std::make_pair(from, to);
}

void AddPeriodOptions(CLI::App* cmd, Period& p) {
  cmd->add_option("--from", p.from, "Start of the period (default: 30 days ago)");
  cmd->add_option("--to", p.to, "End of the period (default: now)");
  cmd->add_option("--limit", p.limit, "At most this many events (newest first)");
}

void AddPolicyCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* policy = app.add_subcommand("policy", "The access policy: check a file, explain a decision")->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  CLI::App* check = policy->add_subcommand("check", "Validate an access policy file");
  check->add_option("file", *file, "The policy file (TOML)")->required();
  check->callback([&ctx, &run, file] {
    run = [&ctx, file]() -> int {
      auto p = policy::AccessPolicy::LoadFile(*file);
      if (!p.ok()) return ctx.Fail(p.status());
      return ctx.Ok({{"valid", true}, {"name", p->name()}, {"version", p->version()},
                     {"training", policy::ToString(p->training_mode())}, {"team_access", p->team_access()},
                     {"break_glass_minutes", p->break_glass_minutes()}, {"distinct_decisions", p->distinct_decisions()}},
                    [&](std::ostream& o) {
                      o << "The policy is valid: \"" << p->name() << "\" version " << p->version() << " ("
                        << p->distinct_decisions() << " distinct decisions)\n";
                    });
    };
  });

  struct ExplainArgs {
    int64_t staff = 0, record = 0, person = 0;
    std::string action;
  };
  auto ea = std::make_shared<ExplainArgs>();
  CLI::App* explain = policy->add_subcommand("explain", "Why a staff member may or may not do something");
  explain->add_option("--staff", ea->staff, "The staff member asked about")->required();
  explain->add_option("--record", ea->record, "A record (the decision uses its person and tier)");
  explain->add_option("--person", ea->person, "A person");
  explain->add_option("--action", ea->action, "The action (default record.read with --record, person.read with --person)");
  explain->callback([&ctx, &run, ea] {
    run = [&ctx, ea]() -> int {
      std::string name = ea->action;
      if (name.empty()) name = ea->record ? "record.read" : "person.read";
      auto action = policy::ParseAction(name);
      if (!action) return ctx.Fail(Status::InvalidArgument("unknown action; docs/policy.md lists them"));
      if (ea->record && ea->person) return ctx.Fail(Status::InvalidArgument("give --record or --person, not both"));
      CONFIDE_CLI_OPEN(ctx, vault);
      auto d = vault.ExplainAccess(ctx.actor, ea->staff, *action, ea->person, ea->record);
      if (!d.ok()) return ctx.Fail(d.status());
      nlohmann::json steps = nlohmann::json::array();
      for (const auto& s : d->chain) steps.push_back({{"id", s.id}, {"says", s.says}});
      return ctx.Ok({{"allowed", d->allowed}, {"flagged", d->flagged}, {"rule", d->rule_id}, {"steps", steps},
                     {"explanation", d->AuditText()}},
                    [&](std::ostream& o) { o << d->Explain() << "\n"; });
    };
  });
}

void AddStaffAdminCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* staff = app.get_subcommand("staff");
  struct UpdateArgs {
    int64_t id = 0;
    std::string role, team;
    bool disable = false, enable = false;
  };
  auto ua = std::make_shared<UpdateArgs>();
  CLI::App* update = staff->add_subcommand("update", "Change a staff member's role or team, or disable the account");
  update->add_option("id", ua->id, "Staff id")->required();
  update->add_option("--role", ua->role, "New role");
  update->add_option("--team", ua->team, "New team, room or group");
  update->add_flag("--disable", ua->disable, "Disable the account (ends its sessions)");
  update->add_flag("--enable", ua->enable, "Enable the account");
  update->callback([&ctx, &run, ua] {
    run = [&ctx, ua]() -> int {
      if (ua->disable && ua->enable) return ctx.Fail(Status::InvalidArgument("give --disable or --enable, not both"));
      CONFIDE_CLI_OPEN(ctx, vault);
      auto current = vault.GetStaff(ctx.actor, ua->id);
      if (!current.ok()) return ctx.Fail(current.status());
      domain::StaffRole role = current->role;
      if (!ua->role.empty()) {
        auto r = domain::ParseStaffRole(ua->role);
        if (!r) return ctx.Fail(Status::InvalidArgument("unknown role; see `confide staff add --help`"));
        role = *r;
      }
      const std::string team = ua->team.empty() ? current->team : ua->team;
      const bool active = ua->disable ? false : (ua->enable ? true : current->active);
      Status s = vault.UpdateStaff(ctx.actor, ua->id, role, team, active);
      if (!s.ok()) return ctx.Fail(s);
      return ctx.Ok({{"id", ua->id}, {"role", domain::ToString(role)}, {"team", team}, {"active", active}},
                    [&](std::ostream& o) { o << "Updated staff member " << ua->id << "\n"; });
    };
  });

  struct PasswordArgs {
    int64_t id = 0;
    bool must_change = false;
  };
  auto pa = std::make_shared<PasswordArgs>();
  CLI::App* pw = staff->add_subcommand("set-password", "Set a staff member's password, read from standard input");
  pw->add_option("id", pa->id, "Staff id")->required();
  pw->add_flag("--must-change", pa->must_change, "They must choose their own at the next sign-in");
  pw->callback([&ctx, &run, pa] {
    run = [&ctx, pa]() -> int {
      // Never on the command line: it would sit in shell history and the process list.
      std::string password;
      std::getline(std::cin, password);
      CONFIDE_CLI_OPEN(ctx, vault);
      service::Identity identity(vault);
      Status s = identity.SetPassword(ctx.actor, pa->id, password, pa->must_change);
      if (!s.ok()) return ctx.Fail(s);
      return ctx.Ok({{"id", pa->id}}, [&](std::ostream& o) { o << "Set the password of staff member " << pa->id << "\n"; });
    };
  });
}

void AddRestrictionCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* r = app.add_subcommand("restriction", "Hide a person from a named staff member")->require_subcommand(1);
  struct Args {
    int64_t person = 0, staff = 0, id = 0;
    std::string reason;
  };
  auto a = std::make_shared<Args>();
  CLI::App* add = r->add_subcommand("add", "Hide a person from a staff member");
  add->add_option("--person", a->person, "Person id")->required();
  add->add_option("--staff", a->staff, "Staff id")->required();
  add->add_option("--reason", a->reason, "Why (kept encrypted)")->required();
  add->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto id = vault.RestrictPerson(ctx.actor, a->person, a->staff, a->reason);
      if (!id.ok()) return ctx.Fail(id.status());
      return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Added restriction " << *id << "\n"; });
    };
  });
  CLI::App* lift = r->add_subcommand("lift", "Lift a restriction");
  lift->add_option("id", a->id, "Restriction id")->required();
  lift->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      Status s = vault.LiftRestriction(ctx.actor, a->id);
      if (!s.ok()) return ctx.Fail(s);
      return ctx.Ok({{"id", a->id}}, [&](std::ostream& o) { o << "Lifted restriction " << a->id << "\n"; });
    };
  });
  CLI::App* list = r->add_subcommand("list", "A person's restrictions");
  list->add_option("--person", a->person, "Person id")->required();
  list->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto rows = vault.ListRestrictions(ctx.actor, a->person);
      if (!rows.ok()) return ctx.Fail(rows.status());
      nlohmann::json j = nlohmann::json::array();
      std::vector<std::vector<std::string>> table;
      for (const auto& x : *rows) {
        j.push_back({{"id", x.id}, {"staff_id", x.staff_id}, {"reason", x.reason}, {"created", FormatTime(x.created_at)},
                     {"lifted", x.removed_at ? FormatTime(*x.removed_at) : ""}});
        table.push_back({std::to_string(x.id), std::to_string(x.staff_id), x.reason, x.removed_at ? "lifted" : "in force"});
      }
      return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "STAFF", "REASON", "STATE"}, table); });
    };
  });
}

void AddBreakGlassCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* bg = app.add_subcommand("break-glass", "Emergency access to a child you are not allocated to")->require_subcommand(1);
  struct Args {
    int64_t person = 0;
    std::string reason, since;
  };
  auto a = std::make_shared<Args>();
  CLI::App* start = bg->add_subcommand("start", "Open a child's record in an emergency (time-limited; the DSL is alerted)");
  start->add_option("--person", a->person, "The child's id")->required();
  start->add_option("--reason", a->reason, "Why this cannot wait (kept encrypted)")->required();
  start->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto g = vault.BreakGlass(ctx.actor, a->person, a->reason);
      if (!g.ok()) return ctx.Fail(g.status());
      return ctx.Ok({{"id", g->id}, {"expires", FormatTime(g->expires_at)}}, [&](std::ostream& o) {
        o << "Emergency access to person " << a->person << " until " << FormatTime(g->expires_at)
          << ". The designated safeguarding lead has been alerted.\n";
      });
    };
  });
  CLI::App* list = bg->add_subcommand("list", "Emergency accesses (designated persons and the DPO)");
  list->add_option("--since", a->since, "Since (default: 30 days ago)");
  list->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      UnixMicros since = vault.clock().NowMicros() - 30 * kDayMicros;
      if (!a->since.empty()) {
        auto s = ParseTimeArg(a->since, "--since");
        if (!s.ok()) return ctx.Fail(s.status());
        since = *s;
      }
      auto rows = vault.ListBreakGlass(ctx.actor, since);
      if (!rows.ok()) return ctx.Fail(rows.status());
      nlohmann::json j = nlohmann::json::array();
      std::vector<std::vector<std::string>> table;
      for (const auto& g : *rows) {
        j.push_back({{"id", g.id}, {"staff_id", g.staff_id}, {"person_id", g.person_id}, {"reason", g.reason},
                     {"started", FormatTime(g.started_at)}, {"expires", FormatTime(g.expires_at)}});
        table.push_back({std::to_string(g.id), std::to_string(g.staff_id), std::to_string(g.person_id),
                         FormatTime(g.started_at), FormatTime(g.expires_at), g.reason});
      }
      return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "STAFF", "PERSON", "STARTED", "EXPIRES", "REASON"}, table); });
    };
  });
}

void AddAccessLogCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* log = app.add_subcommand("access-log", "Who saw or changed what: reviews and anomalies")->require_subcommand(1);
  struct Args {
    int64_t id = 0;
    Period period;
  };
  auto a = std::make_shared<Args>();
  CLI::App* person = log->add_subcommand("person", "Every access to a person's information");
  person->add_option("id", a->id, "Person id")->required();
  AddPeriodOptions(person, a->period);
  person->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto period = ParsePeriod(a->period, vault.clock().NowMicros());
      if (!period.ok()) return ctx.Fail(period.status());
      auto events = vault.AccessLogForPerson(ctx.actor, a->id, period->first, period->second, a->period.limit);
      if (!events.ok()) return ctx.Fail(events.status());
      return PrintEvents(ctx, *events);
    };
  });
  CLI::App* staff = log->add_subcommand("staff", "What a staff member accessed (anyone may see their own)");
  staff->add_option("id", a->id, "Staff id")->required();
  AddPeriodOptions(staff, a->period);
  staff->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto period = ParsePeriod(a->period, vault.clock().NowMicros());
      if (!period.ok()) return ctx.Fail(period.status());
      auto events = vault.AccessLogForStaff(ctx.actor, a->id, period->first, period->second, a->period.limit);
      if (!events.ok()) return ctx.Fail(events.status());
      return PrintEvents(ctx, *events);
    };
  });
  CLI::App* anomalies = log->add_subcommand("anomalies", "Accesses outside allocation, many children, out of hours, break-glass, denials");
  AddPeriodOptions(anomalies, a->period);
  anomalies->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto period = ParsePeriod(a->period, vault.clock().NowMicros());
      if (!period.ok()) return ctx.Fail(period.status());
      auto found = vault.AccessAnomalies(ctx.actor, period->first, period->second);
      if (!found.ok()) return ctx.Fail(found.status());
      nlohmann::json j = nlohmann::json::array();
      std::vector<std::vector<std::string>> table;
      for (const auto& x : *found) {
        j.push_back({{"kind", x.kind}, {"staff_id", x.staff_id}, {"person_id", x.person_id}, {"time", FormatTime(x.time)},
                     {"seq", x.seq}, {"detail", x.detail}});
        table.push_back({x.kind, std::to_string(x.staff_id), x.person_id ? std::to_string(x.person_id) : "",
                         FormatTime(x.time), std::to_string(x.seq), x.detail});
      }
      return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"KIND", "STAFF", "PERSON", "TIME", "SEQ", "DETAIL"}, table); });
    };
  });
}

void AddAllocationEndCommand(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* allocation = app.add_subcommand("allocation", "Allocations")->require_subcommand(1);
  struct Args {
    int64_t id = 0;
    std::string at;
  };
  auto a = std::make_shared<Args>();
  CLI::App* end = allocation->add_subcommand("end", "End an allocation (takes effect at once)");
  end->add_option("id", a->id, "Allocation id")->required();
  end->add_option("--at", a->at, "When it ends (default: now)");
  end->callback([&ctx, &run, a] {
    run = [&ctx, a]() -> int {
      std::optional<UnixMicros> at;
      if (!a->at.empty()) {
        auto t = ParseTimeArg(a->at, "--at");
        if (!t.ok()) return ctx.Fail(t.status());
        at = *t;
      }
      CONFIDE_CLI_OPEN(ctx, vault);
      Status s = vault.EndAllocation(ctx.actor, a->id, at);
      if (!s.ok()) return ctx.Fail(s);
      return ctx.Ok({{"id", a->id}}, [&](std::ostream& o) { o << "Ended allocation " << a->id << "\n"; });
    };
  });
}

}  // namespace

void AddAccessCommands(CLI::App& app, CliContext& ctx, Action& run) {
  AddPolicyCommands(app, ctx, run);
  AddStaffAdminCommands(app, ctx, run);
  AddRestrictionCommands(app, ctx, run);
  AddBreakGlassCommands(app, ctx, run);
  AddAccessLogCommands(app, ctx, run);
  AddAllocationEndCommand(app, ctx, run);
}

}  // namespace confide::cli
