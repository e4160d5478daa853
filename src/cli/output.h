// CLI output: exit codes, error reporting, tables and JSON. The only place where a Status becomes
// an exit code. Error messages come from Status values, which never carry personal data.
#pragma once

#include <filesystem>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "confide/status.h"
#include "domain/civil_date.h"
#include "service/vault.h"

namespace confide::cli {

// Documented in docs/cli.md; scripts rely on them, so never renumber.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,          // anything else (an internal error)
  kExitUsage = 2,            // bad command line
  kExitNotFound = 3,         // no such person, record, staff member, data directory
  kExitInvalidInput = 4,     // malformed NHS number, date, missing field...
  kExitPermissionDenied = 5, // the acting staff member may not do this
  kExitConflict = 6,         // stale version, already initialised
  kExitIntegrity = 7,        // tampering or corruption found (including audit verify failures)
  kExitPrecondition = 8,     // not initialised, key file missing, wrong key, unsafe key permissions
  kExitIoError = 9,          // the disk or database failed
};

int ExitCodeFor(const Status& s);

// What every command needs: where the data lives, who is acting, how to print.
struct CliContext {
  std::string data_dir;
  bool json = false;
  int64_t actor = 0;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;

  // Prints "confide: <message>" (or a JSON error object with --json) and returns the exit code.
  int Fail(const Status& s) const;
  int Ok(const nlohmann::json& j, const std::function<void(std::ostream&)>& human) const;
  Result<std::unique_ptr<service::Vault>> OpenVault() const;
  // REQUIRES an acting staff member (--as or CONFIDE_ACTOR); kInvalidArgument if missing.
  Status RequireActor() const;
};

// A plain text table: header row, a rule, then rows; columns padded to their widest cell.
void PrintTable(std::ostream& out, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// A progress bar on stderr when it is a terminal; silent otherwise.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, std::string label);
  ~ProgressBar();
  void Update(uint64_t done, uint64_t total);

 private:
  std::ostream& err_;
  std::string label_;
  bool enabled_;
  int last_percent_ = -1;
};

std::string FormatTime(UnixMicros t);

// A date option written YYYY-MM-DD: kInvalidArgument naming the option (`what`, "--on") if not.
Result<domain::CivilDate> DateArg(const std::string& text, const char* what);
// The same, or nullopt when the option was not given (empty).
Result<std::optional<domain::CivilDate>> OptionalDateArg(const std::string& text, const char* what);

// Writes `content` to a new file `path` (never overwriting: kConflict), readable by the owner only.
Status WriteNewPrivateFile(const std::filesystem::path& path, const std::string& content);

}  // namespace confide::cli
