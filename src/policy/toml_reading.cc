#include "policy/toml_reading.h"

#include <algorithm>

namespace confide::policy {
namespace {
constexpr size_t kMaxProblemsShown = 30;
bool IsIdChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }
}  // namespace

void Problems::Add(int line, const std::string& what) {
  std::string msg = source_;
  if (line > 0) msg += ":" + std::to_string(line);
  list_.emplace_back(line, msg + ": " + what);
}

Status Problems::ToStatus() {
  std::stable_sort(list_.begin(), list_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (list_.size() == 1) return Status::InvalidArgument(list_[0].second);
  std::string out = std::to_string(list_.size()) + " problems in the " + what_ + " " + source_ + ":";
  for (size_t i = 0; i < list_.size() && i < kMaxProblemsShown; ++i) out += "\n" + list_[i].second;
  if (list_.size() > kMaxProblemsShown) out += "\n... and " + std::to_string(list_.size() - kMaxProblemsShown) + " more";
  return Status::InvalidArgument(out);
}

int LineOf(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int LineOf(const toml::key& k) { return static_cast<int>(k.source().begin.line); }

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The names a list may hold, for messages ("roles are: practitioner, key_person, ...").
std::string JoinNames(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::optional<bool> ReadBool(const toml::node& n, const std::string& ctx, std::string_view key, Problems& p) {
  if (!n.is_boolean()) {
    p.Add(LineOf(n), ctx + ": " + std::string(key) + " must be true or false");
    return std::nullopt;
  }
  return n.as_boolean()->get();
}

// A one-line string of at most `max` characters; without double quotes if `quoted` (it is shown
// in quotes in audit text).
std::optional<std::string> ReadLine(const toml::node& n, const std::string& ctx, std::string_view key, size_t max,
                                    Problems& p, bool quoted) {
  if (!n.is_string()) {
    p.Add(LineOf(n), ctx + ": " + std::string(key) + " must be text in quotes");
    return std::nullopt;
  }
  const std::string& s = n.as_string()->get();
  if (s.find_first_not_of(" \t") == std::string::npos) {
    p.Add(LineOf(n), ctx + ": " + std::string(key) + " is empty");
    return std::nullopt;
  }
  if (s.find_first_of("\r\n") != std::string::npos) {
    p.Add(LineOf(n), ctx + ": " + std::string(key) + " must be one line (it is stored in every audit event)");
    return std::nullopt;
  }
  if (s.size() > max) {
    p.Add(LineOf(n), ctx + ": " + std::string(key) + " is longer than " + std::to_string(max) + " characters");
    return std::nullopt;
  }
  if (quoted && s.find('"') != std::string::npos) {
    p.Add(LineOf(n), ctx + ": " + std::string(key) + " must not contain double quotes");
    return std::nullopt;
  }
  return s;
}

// Ids and course names: lower-case letters, digits, '-' and '_', so an id can never carry personal data.
bool IsId(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdChars || s.front() == '-' || s.front() == '_') return false;
  for (char c : s) {
    if (!IsIdChar(c)) return false;
  }
  return true;
}

// Reports keys of `t` not in `allowed`.
void CheckKeys(const toml::table& t, const std::string& ctx, const std::vector<std::string_view>& allowed,
               Problems& p) {
  for (const auto& [key, node] : t) {
    bool known = false;
    for (std::string_view a : allowed) known = known || key.str() == a;
    if (!known) {
      p.Add(LineOf(key), ctx + ": unknown key " + Quote(key.str()) + " (allowed: " + JoinNames(allowed) + ")");
    }
  }
}

}  // namespace confide::policy
