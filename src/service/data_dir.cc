#include "service/data_dir.h"

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <map>
#include <vector>
#include <toml++/toml.h>

namespace confide::service {
namespace {

namespace fs = std::filesystem;

std::string Resolve(const std::string& data_dir, const std::string& p) {
  return fs::path(p).is_absolute() ? p : (fs::path(data_dir) / p).string();
}

constexpr const char* kDefaultConfig = R"toml(# Confide configuration. Relative paths are relative to this data directory.

[keys]
# The key-encryption key. Keep it outside the database; ideally on storage that is backed up
# separately from the database, and readable only by the Confide service account (mode 0600).
kek_file = "keys/kek.key"

[database]
path = "confide.db"

[logging]
path = "logs/confide.log"

[access]
# The need-to-know policy: who may see what (docs/policy.md). `confide init` writes the shipped
# default here; adapt it, then check it with `confide policy check`.
policy_file = "access-policy.toml"

[sharing]
# The information-sharing policy: what may leave, to whom, on which lawful basis and with whose
# backing (docs/sharing.md). `confide init` writes the shipped default here; adapt it, then check
# it with `confide sharing check-policy`. Every decision records the policy's name and version.
policy_file = "sharing-policy.toml"

[governance]
# The retention schedule (how long each class of record is kept, reviewed and destroyed) and the
# bank holidays added to the England and Wales calendar (docs/governance.md). `confide init`
# writes the shipped default here; adapt it, then check it with `confide retention check-policy`.
policy_file = "governance-policy.toml"

[sign_in]
# Sessions end after this many idle minutes, and after this many hours whatever happens.
idle_minutes = 15
absolute_hours = 10
# A re-authentication (password and code) before MFA changes and exports lasts this long.
reauth_minutes = 5
# The name authenticator apps show next to the code.
issuer = "Confide"

[audit]
# A permanent signed checkpoint of the audit log is kept at least this often while Confide is busy.
checkpoint_seconds = 10
checkpoint_entries = 10000
)toml";

}  // namespace

Result<DataDirConfig> LoadDataDirConfig(const std::string& data_dir) {
  DataDirConfig cfg;
  cfg.data_dir = data_dir;
  cfg.database_path = Resolve(data_dir, "confide.db");
  cfg.kek_path = Resolve(data_dir, "keys/kek.key");
  cfg.log_path = Resolve(data_dir, "logs/confide.log");
  const fs::path file = fs::path(data_dir) / "confide.toml";
  std::error_code ec;
  if (!fs::exists(file, ec)) return cfg;

  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument("confide.toml line " + std::to_string(e.source().begin.line) + ": " +
                                   std::string(e.description()));
  }
  static const std::map<std::string, std::vector<std::string>> kKnown = {
      {"keys", {"kek_file"}}, {"database", {"path"}}, {"logging", {"path"}},
      {"audit", {"checkpoint_seconds", "checkpoint_entries"}},
      {"access", {"policy_file"}},
      {"sharing", {"policy_file"}},
      {"governance", {"policy_file"}},
      {"sign_in", {"idle_minutes", "absolute_hours", "reauth_minutes", "issuer"}}};
  for (const auto& [section, node] : table) {
    auto known = kKnown.find(std::string(section.str()));
    if (known == kKnown.end() || !node.is_table()) {
      return Status::InvalidArgument("confide.toml: unknown section [" + std::string(section.str()) + "]");
    }
    for (const auto& [key, value] : *node.as_table()) {
      if (std::find(known->second.begin(), known->second.end(), std::string(key.str())) == known->second.end()) {
        return Status::InvalidArgument("confide.toml: unknown setting " + std::string(section.str()) + "." +
                                       std::string(key.str()));
      }
    }
  }
  if (auto v = table["keys"]["kek_file"].value<std::string>()) cfg.kek_path = Resolve(data_dir, *v);
  if (auto v = table["database"]["path"].value<std::string>()) cfg.database_path = Resolve(data_dir, *v);
  if (auto v = table["logging"]["path"].value<std::string>()) cfg.log_path = Resolve(data_dir, *v);
  if (auto v = table["access"]["policy_file"].value<std::string>()) cfg.access_policy_path = Resolve(data_dir, *v);
  if (auto node = table["sharing"]["policy_file"]) {
    // A wrong type or an empty name would otherwise silently fall back to another policy.
    auto v = node.value<std::string>();
    if (!v || v->empty()) return Status::InvalidArgument("confide.toml: sharing.policy_file must name a file");
    cfg.sharing_policy_path = Resolve(data_dir, *v);
  }
  if (auto node = table["governance"]["policy_file"]) {
    auto v = node.value<std::string>();
    if (!v || v->empty()) return Status::InvalidArgument("confide.toml: governance.policy_file must name a file");
    cfg.governance_policy_path = Resolve(data_dir, *v);
  }
  auto minutes = [&](const char* key, int64_t unit, int64_t max, int64_t& out) -> Status {
    if (auto v = table["sign_in"][key].value<int64_t>()) {
      if (*v <= 0 || *v > max) {
        return Status::InvalidArgument("confide.toml: sign_in." + std::string(key) + " must be between 1 and " +
                                       std::to_string(max));
      }
      out = *v * unit;
    }
    return Status::Ok();
  };
  constexpr int64_t kMinute = int64_t{60} * 1000 * 1000;
  CONFIDE_RETURN_IF_ERROR(minutes("idle_minutes", kMinute, 24 * 60, cfg.sign_in.idle_timeout_micros));
  CONFIDE_RETURN_IF_ERROR(minutes("absolute_hours", 60 * kMinute, 7 * 24, cfg.sign_in.absolute_timeout_micros));
  CONFIDE_RETURN_IF_ERROR(minutes("reauth_minutes", kMinute, 60, cfg.sign_in.reauth_window_micros));
  if (auto v = table["sign_in"]["issuer"].value<std::string>()) {
    if (v->empty() || v->size() > 64) return Status::InvalidArgument("confide.toml: sign_in.issuer must be 1 to 64 characters");
    cfg.sign_in.issuer = *v;
  }
  if (auto v = table["audit"]["checkpoint_seconds"].value<int64_t>()) {
    if (*v <= 0) return Status::InvalidArgument("confide.toml: audit.checkpoint_seconds must be positive");
    cfg.checkpoint.max_age = *v * 1000 * 1000;
  }
  if (auto v = table["audit"]["checkpoint_entries"].value<int64_t>()) {
    if (*v <= 0) return Status::InvalidArgument("confide.toml: audit.checkpoint_entries must be positive");
    cfg.checkpoint.max_entries = static_cast<uint64_t>(*v);
  }
  return cfg;
}

Status WriteDefaultConfig(const std::string& data_dir) {
  const fs::path file = fs::path(data_dir) / "confide.toml";
  std::error_code ec;
  if (fs::exists(file, ec)) return Status::Ok();
  std::ofstream out(file);
  out << kDefaultConfig;
  out.close();
  if (!out) return Status::IOError("cannot write confide.toml in the data directory");
  return Status::Ok();
}

}  // namespace confide::service
