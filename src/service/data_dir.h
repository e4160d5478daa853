// The data directory: where a Confide installation keeps its database, key file and logs, and its
// optional configuration file confide.toml (docs/configuration.md).
//
//   DATA/confide.toml        configuration (optional; defaults below)
//   DATA/confide.db          the SQLite database (+ -wal, -shm)
//   DATA/keys/kek.key        the key-encryption key, mode 0600 (or [keys] kek_file elsewhere)
//   DATA/logs/confide.log    JSON log lines, never personal data
//   DATA/access-policy.toml  the access policy in force (optional; `confide init` writes the default)
//   DATA/sharing-policy.toml the sharing policy in force (optional; `confide init` writes the default)
//   DATA/governance-policy.toml the retention schedule and calendar (optional; `confide init` writes the default)
#pragma once

#include <string>

#include "audit/audit_log.h"
#include "confide/result.h"

namespace confide::service {

// Sign-in and session settings ([sign_in] in confide.toml).
struct SignInConfig {
  int64_t idle_timeout_micros = int64_t{15} * 60 * 1000 * 1000;       // idle sign-out (default 15 minutes)
  int64_t absolute_timeout_micros = int64_t{10} * 3600 * 1000 * 1000;  // a working day, then sign in again
  int64_t reauth_window_micros = int64_t{5} * 60 * 1000 * 1000;        // MFA changes and exports
  std::string issuer = "Confide";                                     // shown in authenticator apps
};

struct DataDirConfig {
  std::string data_dir;
  std::string database_path;
  std::string kek_path;
  std::string log_path;
  // The access policy in force. Empty: DATA/access-policy.toml if it exists, else the shipped
  // default compiled into Confide.
  std::string access_policy_path;
  // The sharing policy in force ([sharing] policy_file). Empty: DATA/sharing-policy.toml if it
  // exists, else the shipped default compiled into Confide (service/sharing_policy_file.h).
  std::string sharing_policy_path;
  // The governance policy in force ([governance] policy_file): the retention schedule and extra
  // bank holidays. Empty: DATA/governance-policy.toml if it exists, else the shipped default.
  std::string governance_policy_path;
  audit::CheckpointPolicy checkpoint;
  SignInConfig sign_in;
};

// Reads DATA/confide.toml if present. Relative paths in it are relative to the data directory.
// kInvalidArgument (with the line) if the file is malformed or has unknown keys.
Result<DataDirConfig> LoadDataDirConfig(const std::string& data_dir);

// Writes a commented default confide.toml (never overwrites an existing one).
Status WriteDefaultConfig(const std::string& data_dir);

}  // namespace confide::service
