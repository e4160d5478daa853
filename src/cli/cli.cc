#include "cli/cli.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "cli/command_log.h"
#include "cli/commands.h"
#include "service/data_dir.h"

namespace confide::cli {

namespace {

// A description of a command-line mistake that names options and commands only.
std::string UsageErrorMessage(const CLI::ParseError& e) {
  // These messages are built from option and command names alone.
  if (dynamic_cast<const CLI::RequiredError*>(&e) || dynamic_cast<const CLI::RequiresError*>(&e) ||
      dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
    return e.what();
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) return "unexpected extra arguments (quote values that contain spaces)";
  if (dynamic_cast<const CLI::ValidationError*>(&e) || dynamic_cast<const CLI::ConversionError*>(&e)) {
    return "an option has a value of the wrong form; see --help for what each option accepts";
  }
  return "the command line is not valid";
}

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"Confide: confidential records and lawful information sharing for children's services"};
  app.require_subcommand(1);
  // Global options may also follow the command (`confide audit verify --json`); subcommands created
  // below inherit this.
  app.fallthrough();
  app.set_help_all_flag("--help-all", "Show help for every command");
  CliContext ctx;
  ctx.out = &out;
  ctx.err = &err;
  app.add_option("--data", ctx.data_dir, "Data directory holding the database and keys")->envname("CONFIDE_DATA");
  app.add_flag("--json", ctx.json, "Print JSON for scripts instead of tables");
  app.add_option("--as", ctx.actor, "Id of the staff member acting")->envname("CONFIDE_ACTOR");

  Action run;
  AddSetupCommands(app, ctx, run);
  AddPeopleCommands(app, ctx, run);
  AddRecordCommands(app, ctx, run);
  AddAuditCommands(app, ctx, run);
  AddAccessCommands(app, ctx, run);
  AddTrainingCommands(app, ctx, run);
  AddConsentCommands(app, ctx, run);
  AddSharingCommands(app, ctx, run);
  AddSharingRegisterCommands(app, ctx, run);
  AddPackageCommands(app, ctx, run);
  AddRetentionCommands(app, ctx, run);
  AddSubjectAccessCommands(app, ctx, run);
  AddFoiCommands(app, ctx, run);
  AddBreachCommands(app, ctx, run);
  AddDueCommand(app, ctx, run);
  AddRopaCommand(app, ctx, run);
  AddServeCommand(app, ctx, run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e, out, err);  // --help: help for the right command
    // CLI11's own messages can quote what was typed (an unquoted name or note split into stray
    // words), and that may be personal data: say what kind of mistake it was, never the values.
    const Status usage = Status::InvalidArgument(UsageErrorMessage(e));
    if (ctx.json) {
      out << nlohmann::json{{"error", {{"code", "usage"}, {"message", usage.message()}}}}.dump() << "\n";
    } else {
      err << "confide: " << usage.message() << "\nRun with --help for usage.\n";
    }
    return kExitUsage;
  }
  if (!run) return kExitUsage;
  const auto start = std::chrono::steady_clock::now();
  const int code = run();
  // Log only where a data directory with a configuration exists (not for a failed init).
  if (!ctx.data_dir.empty()) {
    auto cfg = service::LoadDataDirConfig(ctx.data_dir);
    std::error_code ec;
    if (cfg.ok() && std::filesystem::exists(cfg->database_path, ec)) {
      std::string command;
      for (CLI::App* sub = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front(); sub;
           sub = sub->get_subcommands().empty() ? nullptr : sub->get_subcommands().front()) {
        command += (command.empty() ? "" : " ") + sub->get_name();
      }
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      LogCommand(cfg->log_path, command, ctx.actor, code, ms);
    }
  }
  return code;
}

}  // namespace confide::cli
