// confide training add|list|standing|report|courses | confidentiality-policy show|acknowledge:
// the courses staff complete (the catalogue in the governance policy), where each member of staff
// stands, and acknowledging the version of the confidentiality policy in force.
#include <iostream>

#include "cli/commands.h"
#include "codec/training_json.h"

namespace confide::cli {
namespace {

std::string OptionalTimeText(const std::optional<UnixMicros>& t) { return t ? FormatTime(*t) : ""; }

// One line per course, then the acknowledgement: a staff member's standing as a person reads it.
void PrintStanding(std::ostream& o, const service::Vault::StaffTrainingStanding& s) {
  o << s.staff.details.full_name << " (staff " << s.staff.id << ", " << domain::ToString(s.staff.role) << ", "
    << s.staff.team << "): the access gate sees training " << policy::ToString(s.gate) << "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : s.standing.courses) {
    rows.push_back({c.course, c.required ? "yes" : "no", std::string(governance::ToString(c.state)),
                    OptionalTimeText(c.completed_at), OptionalTimeText(c.expires_at)});
  }
  PrintTable(o, {"COURSE", "REQUIRED", "STATE", "COMPLETED", "EXPIRES"}, rows);
  const auto& a = s.standing.acknowledgement;
  o << "Confidentiality policy: " << governance::ToString(a.state);
  if (!a.version.empty()) o << " (version " << a.version << ")";
  if (a.acknowledged_at) o << ", acknowledged " << FormatTime(*a.acknowledged_at);
  if (a.due_by) o << ", due by " << a.due_by->FormatUk();
  o << "\n";
}

void AddRecordAndList(CLI::App* training, CliContext& ctx, Action& run) {
  struct TrainingArgs {
    int64_t staff = 0;
    std::string course, completed, expires;
  };
  auto ta = std::make_shared<TrainingArgs>();
  CLI::App* add = training->add_subcommand("add", "Record a completed course");
  add->add_option("--staff", ta->staff, "Staff id")->required();
  add->add_option("--course", ta->course, "A course in the governance policy: confidentiality, induction, safeguarding...")->required();
  add->add_option("--completed", ta->completed, "When it was completed (YYYY-MM-DD)")->required();
  add->add_option("--expires", ta->expires, "When a refresher is due (YYYY-MM-DD); default: the course's refresher interval");
  add->callback([&ctx, &run, ta] {
    run = [&ctx, ta]() -> int {
      auto completed = ParseTimeArg(ta->completed, "--completed");
      if (!completed.ok()) return ctx.Fail(completed.status());
      std::optional<UnixMicros> expires;
      if (!ta->expires.empty()) {
        auto e = ParseTimeArg(ta->expires, "--expires");
        if (!e.ok()) return ctx.Fail(e.status());
        expires = *e;
      }
      CONFIDE_CLI_OPEN(ctx, vault);
      auto id = vault.RecordTraining(ctx.actor, {0, ta->staff, ta->course, *completed, expires, 0, 0});
      if (!id.ok()) return ctx.Fail(id.status());
      return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Recorded training " << *id << "\n"; });
    };
  });
  auto staff = std::make_shared<int64_t>(0);
  CLI::App* list = training->add_subcommand("list", "A staff member's training records");
  list->add_option("--staff", *staff, "Staff id")->required();
  list->callback([&ctx, &run, staff] {
    run = [&ctx, staff]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto rows = vault.ListTraining(ctx.actor, *staff);
      if (!rows.ok()) return ctx.Fail(rows.status());
      nlohmann::json j = nlohmann::json::array();
      std::vector<std::vector<std::string>> table;
      for (const auto& t : *rows) {
        const std::string exp = OptionalTimeText(t.expires_at);
        j.push_back({{"id", t.id}, {"course", t.course}, {"completed", FormatTime(t.completed_at)}, {"expires", exp}});
        table.push_back({std::to_string(t.id), t.course, FormatTime(t.completed_at), exp});
      }
      return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "COURSE", "COMPLETED", "EXPIRES"}, table); });
    };
  });
}

void AddStandingAndReport(CLI::App* training, CliContext& ctx, Action& run) {
  auto staff = std::make_shared<int64_t>(0);
  CLI::App* standing = training->add_subcommand("standing", "Where a staff member stands: each course and the policy acknowledgement");
  standing->add_option("--staff", *staff, "Staff id")->required();
  standing->callback([&ctx, &run, staff] {
    run = [&ctx, staff]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto s = vault.TrainingStandingOf(ctx.actor, *staff);
      if (!s.ok()) return ctx.Fail(s.status());
      return ctx.Ok(codec::TrainingStandingToJson(*s, vault.governance_policy().training),
                    [&](std::ostream& o) { PrintStanding(o, *s); });
    };
  });
  auto overdue = std::make_shared<bool>(false);
  CLI::App* report = training->add_subcommand("report", "Every active member of staff, those overdue first");
  report->add_flag("--overdue", *overdue, "Only those with a required course lapsed or missing, or the acknowledgement overdue");
  report->callback([&ctx, &run, overdue] {
    run = [&ctx, overdue]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto report = vault.TrainingReport(ctx.actor);
      if (!report.ok()) return ctx.Fail(report.status());
      nlohmann::json staff = nlohmann::json::array();
      std::vector<std::vector<std::string>> rows;
      for (const auto& s : *report) {
        if (*overdue && !s.standing.overdue) continue;
        staff.push_back(codec::TrainingStandingToJson(s, vault.governance_policy().training));
        std::string needs;
        for (const auto& c : s.standing.courses) {
          if (c.required && c.state != governance::CourseState::kCurrent) {
            needs += (needs.empty() ? "" : ", ") + c.course + " " + std::string(governance::ToString(c.state));
          }
        }
        const auto& a = s.standing.acknowledgement;
        if (a.state == governance::AcknowledgementState::kDue || a.state == governance::AcknowledgementState::kOverdue) {
          needs += (needs.empty() ? "" : ", ") + std::string("policy ") + a.version + " " + std::string(governance::ToString(a.state));
        }
        rows.push_back({std::to_string(s.staff.id), s.staff.details.full_name, std::string(domain::ToString(s.staff.role)),
                        s.standing.overdue ? "overdue" : s.standing.due_soon ? "due soon" : "up to date",
                        std::string(policy::ToString(s.gate)), needs});
      }
      const auto& policy = vault.governance_policy().confidentiality_policy;
      nlohmann::json out{{"policy", codec::ConfidentialityPolicyToJson(policy, vault.ConfidentialityPolicyDigest(), false)},
                         {"staff", staff}};
      return ctx.Ok(out, [&](std::ostream& o) {
        if (!policy) o << "No confidentiality policy is set in the governance policy: nobody has one to acknowledge.\n";
        PrintTable(o, {"STAFF", "NAME", "ROLE", "STANDING", "GATE", "NEEDS"}, rows);
      });
    };
  });
  CLI::App* courses = training->add_subcommand("courses", "The courses in the governance policy and how often each is refreshed");
  courses->callback([&ctx, &run] {
    run = [&ctx]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      const auto& catalogue = vault.governance_policy().training;
      std::vector<std::vector<std::string>> rows;
      for (const auto& c : catalogue.courses) {
        std::string roles;
        for (auto r : c.roles) roles += (roles.empty() ? "" : ", ") + std::string(domain::ToString(r));
        rows.push_back({c.id, c.name, c.refresher_months ? std::to_string(c.refresher_months) + " months" : "once",
                        roles.empty() ? "everyone" : roles});
      }
      return ctx.Ok(codec::CoursesToJson(catalogue),
                    [&](std::ostream& o) { PrintTable(o, {"COURSE", "NAME", "REFRESHED", "WHO"}, rows); });
    };
  });
}

void AddConfidentialityPolicyCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* cp = app.add_subcommand("confidentiality-policy", "The confidentiality policy in force, and acknowledging it")
                     ->require_subcommand(1);
  CLI::App* show = cp->add_subcommand("show", "Print the policy in force with the version and digest an acknowledgement names");
  show->callback([&ctx, &run] {
    run = [&ctx]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      const auto& policy = vault.governance_policy().confidentiality_policy;
      if (!policy) return ctx.Fail(Status::NotFound("the governance policy names no confidentiality policy"));
      const std::string digest = vault.ConfidentialityPolicyDigest();
      return ctx.Ok(codec::ConfidentialityPolicyToJson(policy, digest, true), [&](std::ostream& o) {
        o << policy->title << "\nVersion " << policy->version << ", in force from " << policy->in_force_from.FormatUk()
          << "; acknowledge by " << policy->AcknowledgeBy().FormatUk() << "\n\n"
          << policy->text << "\n\nDigest: " << digest << "\n";
      });
    };
  });
  struct AckArgs {
    std::string version, digest;
  };
  auto aa = std::make_shared<AckArgs>();
  CLI::App* ack = cp->add_subcommand("acknowledge", "Acknowledge, as --as, that you have read the policy in force");
  ack->add_option("--version", aa->version, "The version you read (from show)")->required();
  ack->add_option("--digest", aa->digest, "The digest of the text you read (from show)")->required();
  ack->callback([&ctx, &run, aa] {
    run = [&ctx, aa]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto id = vault.AcknowledgeConfidentialityPolicy(ctx.actor, aa->version, aa->digest);
      if (!id.ok()) return ctx.Fail(id.status());
      return ctx.Ok({{"id", *id}}, [&](std::ostream& o) {
        o << "Acknowledged version " << aa->version << " of the confidentiality policy\n";
      });
    };
  });
}

}  // namespace

void AddTrainingCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* training = app.add_subcommand("training", "Staff training: courses, where each member of staff stands (the access gate uses it)")
                           ->require_subcommand(1);
  AddRecordAndList(training, ctx, run);
  AddStandingAndReport(training, ctx, run);
  AddConfidentialityPolicyCommands(app, ctx, run);
}

}  // namespace confide::cli
