// confide retention run | assign | classes | review | reviews | hold | lift | holds | certificate |
// check-policy: the retention schedule and secure destruction (docs/governance.md). A run is a dry
// run unless told --apply; nothing is destroyed without a review that approved it.
#include "cli/commands.h"
#include "codec/retention_json.h"
#include "service/governance_policy_file.h"
#include "service/retention.h"

namespace confide::cli {
namespace {

struct Args {
  int64_t person = 0, hold = 0;
  bool apply = false, everyone = false, all = false;
  std::string as_of, class_id, trigger_date, decision, retain_until, reason, certificate, file;
};

domain::CivilDate TodayUtc() { return domain::CivilDate::FromUnixMicros(SystemClock::Default().NowMicros()); }

// Opens the vault and the retention schedule in force for it.
#define CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention)                \
  CONFIDE_CLI_OPEN(ctx, vault);                                          \
  auto retention##_or = service::Retention::Create(vault);               \
  if (!retention##_or.ok()) return (ctx).Fail(retention##_or.status()); \
  service::Retention& retention = **retention##_or

std::string DateOr(const std::optional<domain::CivilDate>& d, const char* none) { return d ? d->ToIso() : none; }

std::string Holds(const std::vector<int64_t>& ids, const std::vector<int64_t>& requests) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  for (int64_t id : requests) out += (out.empty() ? "" : ",") + std::string("SAR ") + std::to_string(id);
  return out.empty() ? "-" : out;
}

int RunRun(const CliContext& ctx, const Args& a) {
  auto as_of = OptionalDateArg(a.as_of, "--as-of");
  if (!as_of.ok()) return ctx.Fail(as_of.status());
  // Destroying "as of" another day would destroy early: an applied run is always as of today.
  if (a.apply && *as_of) return ctx.Fail(Status::InvalidArgument("--as-of is for dry runs: an applied run is as of today"));
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  auto report = retention.Run(ctx.actor, as_of->value_or(TodayUtc()), a.apply);
  if (!report.ok()) return ctx.Fail(report.status());
  return ctx.Ok(codec::RetentionReportToJson(*report), [&](std::ostream& o) {
    std::vector<std::vector<std::string>> table;
    for (const auto& item : report->items) {
      table.push_back({std::to_string(item.person_id), std::string(domain::ToString(item.kind)), item.outcome.class_id,
                       DateOr(item.outcome.destroy_on, "unknown"), DateOr(item.outcome.review_on, "-"),
                       std::string(service::ToString(item.state)), Holds(item.hold_ids, item.subject_access_ids)});
    }
    o << (report->applied ? "Retention run" : "Retention dry run (nothing is destroyed; --apply destroys)") << " as of "
      << report->today.ToIso() << ": " << report->people << " people, " << report->not_due << " not due";
    if (report->destroyed_before) o << ", " << report->destroyed_before << " destroyed before";
    if (report->hidden) o << ", " << report->hidden << " hidden from you by the access policy (another DPO's run sees them)";
    o << "\n";
    if (!table.empty()) {
      PrintTable(o, {"PERSON", "KIND", "CLASS", "DESTROY ON", "REVIEW FROM", "STATE", "HOLDS"}, table);
      for (const auto& item : report->items) o << "  " << item.person_id << ": " << item.outcome.explanation << "\n";
    }
    if (!report->register_items.empty() || report->register_not_due) {
      o << "Registers about no child: " << report->register_not_due << " entries closed but not yet due\n";
      std::vector<std::vector<std::string>> entries;
      for (const auto& r : report->register_items) {
        entries.push_back({std::string(service::ToString(r.kind)), std::to_string(r.id), r.closed_on.ToIso(), r.due_on.ToIso(),
                           std::string(service::ToString(r.state)), Holds(r.hold_ids, {})});
      }
      if (!entries.empty()) PrintTable(o, {"REGISTER", "ID", "CLOSED ON", "DESTROY ON", "STATE", "HOLDS"}, entries);
    }
    for (const auto& hidden : report->registers_hidden) {
      o << "The " << hidden << " register is not yours to keep (the access policy): its entries are neither listed nor destroyed.\n";
    }
    for (const auto& kept : report->registers_kept) {
      o << "The governance policy gives the " << kept << " register no period ([register_retention]): its entries are kept.\n";
    }
    if (!report->purged) {
      o << "Warning: readers held the database's write-ahead log, so the freed pages it holds were not yet overwritten; "
           "the next checkpoint (or the next run) does it.\n";
    }
    if (!report->certificate_id.empty()) {
      o << "Destruction certificate " << report->certificate_id << " (confide retention certificate "
        << report->certificate_id << ")\n";
    }
  });
}

int RunAssign(const CliContext& ctx, const Args& a) {
  auto trigger = OptionalDateArg(a.trigger_date, "--trigger-date");
  if (!trigger.ok()) return ctx.Fail(trigger.status());
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  auto id = retention.AssignClass(ctx.actor, a.person, a.class_id, *trigger, a.reason);
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"id", *id}}, [&](std::ostream& o) {
    o << "Person " << a.person << " is kept as " << a.class_id << " (assignment " << *id << ")\n";
  });
}

int RunClasses(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  auto list = retention.ListAssignments(ctx.actor, a.person);
  if (!list.ok()) return ctx.Fail(list.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const auto& x : *list) {
    j.push_back(codec::RetentionAssignmentToJson(x));
    table.push_back({std::to_string(x.id), x.class_id, DateOr(x.trigger_date, "-"), std::to_string(x.assigned_by),
                     FormatTime(x.assigned_at), x.reason});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "CLASS", "TRIGGER", "BY", "AT", "REASON"}, table); });
}

int RunReview(const CliContext& ctx, const Args& a) {
  auto decision = service::ParseReviewDecision(a.decision);
  if (!decision) return ctx.Fail(Status::InvalidArgument("--decision must be destroy or retain"));
  auto until = OptionalDateArg(a.retain_until, "--retain-until");
  if (!until.ok()) return ctx.Fail(until.status());
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  auto id = retention.Review(ctx.actor, a.person, *decision, *until, a.reason, TodayUtc());
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"id", *id}}, [&](std::ostream& o) {
    if (*decision == service::ReviewDecision::kDestroy) {
      o << "Review " << *id << ": destruction of person " << a.person << " approved; the next applied run destroys them "
        << "when due, unless a legal hold applies\n";
    } else {
      o << "Review " << *id << ": person " << a.person << "'s records are kept until " << a.retain_until << "\n";
    }
  });
}

int RunReviews(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  auto list = retention.ListReviews(ctx.actor, a.person);
  if (!list.ok()) return ctx.Fail(list.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const auto& r : *list) {
    j.push_back(codec::RetentionReviewToJson(r));
    table.push_back({std::to_string(r.id), std::string(service::ToString(r.decision)), DateOr(r.due_on, "-"),
                     DateOr(r.retain_until, "-"), std::to_string(r.reviewed_by), FormatTime(r.reviewed_at), r.reason});
  }
  return ctx.Ok(j, [&](std::ostream& o) {
    PrintTable(o, {"ID", "DECISION", "DUE ON", "RETAIN UNTIL", "BY", "AT", "REASON"}, table);
  });
}

int RunHold(const CliContext& ctx, const Args& a) {
  const int targets = (a.person > 0 ? 1 : 0) + (a.class_id.empty() ? 0 : 1) + (a.everyone ? 1 : 0);
  if (targets != 1) return ctx.Fail(Status::InvalidArgument("say what the hold is on: --person, --class or --everyone"));
  service::LegalHold hold;
  if (a.person > 0) hold.person_id = a.person;
  hold.class_id = a.class_id;
  hold.reason = a.reason;
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  auto id = retention.PlaceHold(ctx.actor, hold);
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Legal hold " << *id << " placed: nothing it covers is destroyed\n"; });
}

int RunLift(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  Status s = retention.LiftHold(ctx.actor, a.hold);
  if (!s.ok()) return ctx.Fail(s);
  return ctx.Ok({{"id", a.hold}}, [&](std::ostream& o) { o << "Legal hold " << a.hold << " lifted\n"; });
}

int RunHolds(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  auto list = retention.ListHolds(ctx.actor, a.all);
  if (!list.ok()) return ctx.Fail(list.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const auto& h : *list) {
    j.push_back(codec::LegalHoldToJson(h));
    const std::string on = h.person_id ? "person " + std::to_string(*h.person_id) : !h.class_id.empty() ? "class " + h.class_id : "everyone";
    table.push_back({std::to_string(h.id), on, FormatTime(h.placed_at), h.lifted_at ? "lifted " + FormatTime(*h.lifted_at) : "in force",
                     h.reason});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "ON", "PLACED", "STATE", "REASON"}, table); });
}

int RunCertificate(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_RETENTION(ctx, vault, retention);
  if (a.certificate.empty()) {
    auto list = retention.ListCertificates(ctx.actor);
    if (!list.ok()) return ctx.Fail(list.status());
    nlohmann::json j = nlohmann::json::array();
    std::vector<std::vector<std::string>> table;
    for (const auto& c : *list) {
      nlohmann::json cj = codec::DestructionCertificateToJson(c);
      const int destroyed = cj["body"].is_object() ? cj["body"].value("count", 0) : 0;
      const int entries = cj["body"].is_object() ? cj["body"].value("register_count", 0) : 0;
      table.push_back({c.id, FormatTime(c.issued_at), std::to_string(c.issued_by), std::to_string(destroyed),
                       std::to_string(entries), c.signature_valid ? "valid" : "INVALID"});
      j.push_back(std::move(cj));
    }
    return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"CERTIFICATE", "ISSUED", "BY", "PEOPLE", "REGISTER ENTRIES", "SIGNATURE"}, table); });
  }
  auto cert = retention.GetCertificate(ctx.actor, a.certificate);
  if (!cert.ok()) return ctx.Fail(cert.status());
  const nlohmann::json j = codec::DestructionCertificateToJson(*cert);
  if (!cert->signature_valid) {
    (void)ctx.Ok(j, [&](std::ostream& o) { o << j["body"].dump(2) << "\n"; });
    return ctx.Fail(Status::Corruption("destruction certificate " + cert->id + " does not verify under the organisation's key"));
  }
  return ctx.Ok(j, [&](std::ostream& o) {
    o << j["body"].dump(2) << "\nSignature: valid (the organisation's key)\n";
  });
}

int RunCheckPolicy(const CliContext& ctx, const Args& a) {
  Result<governance::GovernancePolicy> policy = Status::Internal("unset");
  std::string source = a.file;
  if (!a.file.empty()) {
    service::DataDirConfig cfg;
    cfg.governance_policy_path = a.file;
    policy = service::LoadGovernancePolicy(cfg);
  } else {
    if (ctx.data_dir.empty()) return ctx.Fail(Status::InvalidArgument("give a file, or --data DIR for the policy in force"));
    auto cfg = service::LoadDataDirConfig(ctx.data_dir);
    if (!cfg.ok()) return ctx.Fail(cfg.status());
    source = service::GovernancePolicyFileInForce(*cfg);
    if (source.empty()) source = "the shipped default";
    policy = service::LoadGovernancePolicy(*cfg);
  }
  if (!policy.ok()) return ctx.Fail(policy.status());
  nlohmann::json classes = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const auto& c : policy->retention.classes) {
    classes.push_back({{"id", c.id}, {"name", c.name}, {"start", governance::ToString(c.start)}, {"years", c.years},
                       {"review_months", c.review_months}, {"basis", c.basis}});
    table.push_back({c.id, std::string(governance::ToString(c.start)), std::to_string(c.years), std::to_string(c.review_months), c.name});
  }
  return ctx.Ok({{"source", source}, {"valid", true}, {"classes", classes}}, [&](std::ostream& o) {
    o << "The governance policy (" << source << ") is valid.\n";
    PrintTable(o, {"CLASS", "FROM", "YEARS", "REVIEW MONTHS BEFORE", "NAME"}, table);
  });
}

}  // namespace

void AddRetentionCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* r = app.add_subcommand("retention", "Retention schedule, legal holds and secure destruction")->require_subcommand(1);
  auto a = std::make_shared<Args>();

  CLI::App* run_cmd = r->add_subcommand("run", "Who is due for review or destruction (a dry run unless --apply)");
  run_cmd->add_flag("--apply", a->apply, "Destroy everyone due, approved by a review and not held, and issue a certificate");
  run_cmd->add_option("--as-of", a->as_of, "Plan ahead: the dry run as of another date (YYYY-MM-DD)");
  run_cmd->callback([&ctx, &run, a] { run = [&ctx, a] { return RunRun(ctx, *a); }; });

  CLI::App* assign = r->add_subcommand("assign", "Give a person a retention class (a foster carer, an adoption)");
  assign->add_option("person", a->person, "Person id")->required();
  assign->add_option("--class", a->class_id, "A class of the retention schedule")->required();
  assign->add_option("--trigger-date", a->trigger_date, "The date the class counts from (approval ended, order made)");
  assign->add_option("--reason", a->reason, "Why (kept encrypted)")->required();
  assign->callback([&ctx, &run, a] { run = [&ctx, a] { return RunAssign(ctx, *a); }; });

  CLI::App* classes = r->add_subcommand("classes", "The classes given to a person, oldest first");
  classes->add_option("person", a->person, "Person id")->required();
  classes->callback([&ctx, &run, a] { run = [&ctx, a] { return RunClasses(ctx, *a); }; });

  CLI::App* review = r->add_subcommand("review", "Record the review of a person due: approve destruction, or keep longer");
  review->add_option("person", a->person, "Person id")->required();
  review->add_option("--decision", a->decision, "destroy or retain")->required();
  review->add_option("--retain-until", a->retain_until, "With retain: the date to review again (YYYY-MM-DD)");
  review->add_option("--reason", a->reason, "Why (kept encrypted)")->required();
  review->callback([&ctx, &run, a] { run = [&ctx, a] { return RunReview(ctx, *a); }; });

  CLI::App* reviews = r->add_subcommand("reviews", "A person's retention reviews, oldest first");
  reviews->add_option("person", a->person, "Person id")->required();
  reviews->callback([&ctx, &run, a] { run = [&ctx, a] { return RunReviews(ctx, *a); }; });

  CLI::App* hold = r->add_subcommand("hold", "Place a legal hold: nothing it covers is destroyed until it is lifted");
  hold->add_option("--person", a->person, "On one person");
  hold->add_option("--class", a->class_id, "On every person of a retention class, or a register (foi_register, breach_register)");
  hold->add_flag("--everyone", a->everyone, "On everyone (an inquiry's moratorium on destruction)");
  hold->add_option("--reason", a->reason, "Why: for a class or everyone, the inquiry or matter (no personal data)")->required();
  hold->callback([&ctx, &run, a] { run = [&ctx, a] { return RunHold(ctx, *a); }; });

  CLI::App* lift = r->add_subcommand("lift", "Lift a legal hold");
  lift->add_option("hold", a->hold, "Hold id")->required();
  lift->callback([&ctx, &run, a] { run = [&ctx, a] { return RunLift(ctx, *a); }; });

  CLI::App* holds = r->add_subcommand("holds", "The legal holds in force (--all: lifted ones too)");
  holds->add_flag("--all", a->all, "Include lifted holds");
  holds->callback([&ctx, &run, a] { run = [&ctx, a] { return RunHolds(ctx, *a); }; });

  CLI::App* cert = r->add_subcommand("certificate", "Destruction certificates: the list, or one with its signature checked");
  cert->add_option("id", a->certificate, "Certificate id (DC-...)");
  cert->callback([&ctx, &run, a] { run = [&ctx, a] { return RunCertificate(ctx, *a); }; });

  CLI::App* check = r->add_subcommand("check-policy", "Check a governance policy file (default: the one in force)");
  check->add_option("file", a->file, "A governance-policy.toml to check");
  check->callback([&ctx, &run, a] { run = [&ctx, a] { return RunCheckPolicy(ctx, *a); }; });
}

}  // namespace confide::cli
