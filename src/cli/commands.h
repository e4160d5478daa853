// Registration of the CLI's command groups. Each adds its subcommands to `app`; the chosen
// subcommand stores its action in `run`, which RunCli calls after parsing.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/output.h"

namespace confide::cli {

using Action = std::function<int()>;

void AddSetupCommands(CLI::App& app, CliContext& ctx, Action& run);    // init, demo, staff, key
void AddPeopleCommands(CLI::App& app, CliContext& ctx, Action& run);   // person, relationship, allocate
void AddRecordCommands(CLI::App& app, CliContext& ctx, Action& run);   // record, chronology
void AddAuditCommands(CLI::App& app, CliContext& ctx, Action& run);    // audit
// policy, staff update|set-password, restriction, break-glass, access-log, allocation end.
// After AddSetupCommands (it extends `staff`).
void AddAccessCommands(CLI::App& app, CliContext& ctx, Action& run);
// training add|list|standing|report|courses, confidentiality-policy show|acknowledge
void AddTrainingCommands(CLI::App& app, CliContext& ctx, Action& run);
void AddServeCommand(CLI::App& app, CliContext& ctx, Action& run);     // serve
void AddConsentCommands(CLI::App& app, CliContext& ctx, Action& run);  // consent add|withdraw|list|check
void AddSharingCommands(CLI::App& app, CliContext& ctx, Action& run);  // sharing decide|check-policy
// After AddSharingCommands (it extends `sharing`): sharing request|show|list|decide-again|approve|dataset|send|record,
// recipient add|verify|list|show, agreement add|list.
void AddSharingRegisterCommands(CLI::App& app, CliContext& ctx, Action& run);
void AddPackageCommands(CLI::App& app, CliContext& ctx, Action& run);  // package keygen|public-key|open (recipient side)
// retention run|assign|classes|review|reviews|hold|lift|holds|certificate|check-policy
void AddRetentionCommands(CLI::App& app, CliContext& ctx, Action& run);
// sar open|list|show|step|search|redact|unredact|preview|approve|release|bundle
void AddSubjectAccessCommands(CLI::App& app, CliContext& ctx, Action& run);
// foi open|list|show|step|exemptions
void AddFoiCommands(CLI::App& app, CliContext& ctx, Action& run);
// breach report|list|show|step|candidates|open|dismiss|kinds
void AddBreachCommands(CLI::App& app, CliContext& ctx, Action& run);
void AddDueCommand(CLI::App& app, CliContext& ctx, Action& run);  // due
void AddRopaCommand(CLI::App& app, CliContext& ctx, Action& run);  // ropa

// Helpers shared by the command groups.
Result<UnixMicros> ParseTimeArg(const std::string& text, const char* what);

// Checks --as and opens the vault as `vault` (a service::Vault&), or returns the failure's exit
// code: the common start of a command that acts as a staff member.
#define CONFIDE_CLI_OPEN(ctx, vault)                                  \
  if (Status s = (ctx).RequireActor(); !s.ok()) return (ctx).Fail(s); \
  auto vault##_or = (ctx).OpenVault();                                \
  if (!vault##_or.ok()) return (ctx).Fail(vault##_or.status());       \
  service::Vault& vault = **vault##_or

}  // namespace confide::cli
