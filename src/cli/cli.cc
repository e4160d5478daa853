#include "cli/cli.h"

#include <cstdlib>

#include "cli/commands.h"

namespace confide::cli {

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{"Confide: confidential records and lawful information sharing for children's services"};
  app.require_subcommand(1);
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e, out, err);  // --help: help for the right command
    err << "confide: " << e.what() << "\n" << "Run with --help for usage.\n";
    return kExitUsage;
  }
  if (!run) return kExitUsage;
  return run();
}

}  // namespace confide::cli
