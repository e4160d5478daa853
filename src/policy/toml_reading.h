// Reading the organisation's policy files (access, sharing, governance): problems reported with their line,
// in file order, and the checks every policy value shares (one-line text, ids, known keys).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <utility>
#include <vector>

#include "confide/status.h"

namespace confide::policy {

inline constexpr size_t kMaxIdChars = 64;

// The problems found in one file: "<source>:<line>: <what>", all of them, in file order.
class Problems {
 public:
  // `what` names the file's kind in the summary ("access policy").
  Problems(std::string_view source, std::string_view what) : source_(source), what_(what) {}

  void Add(int line, const std::string& what);
  bool empty() const { return list_.empty(); }
  // kInvalidArgument with one line per problem (toml++ keeps a table's keys sorted by name, not
  // by line, so they are sorted back into file order).
  Status ToStatus();

 private:
  std::string source_, what_;
  std::vector<std::pair<int, std::string>> list_;  // line (0: none), message
};

int LineOf(const toml::node& n);
int LineOf(const toml::key& k);
std::string Quote(std::string_view s);
// The names a list may hold, for messages ("roles are: practitioner, key_person, ...").
std::string JoinNames(const std::vector<std::string_view>& names);

std::optional<bool> ReadBool(const toml::node& n, const std::string& ctx, std::string_view key, Problems& p);
// A one-line string of at most `max` characters; without double quotes if `quoted` (it is shown
// in quotes in audit text).
std::optional<std::string> ReadLine(const toml::node& n, const std::string& ctx, std::string_view key, size_t max,
                                    Problems& p, bool quoted = false);
// Ids and course names: lower-case letters, digits, '-' and '_', so an id can never carry personal data.
bool IsId(std::string_view s);
// Reports keys of `t` not in `allowed`.
void CheckKeys(const toml::table& t, const std::string& ctx, const std::vector<std::string_view>& allowed, Problems& p);

// Calls `each(table, "[[key]] at line N")` for every table of the array of tables `key` in `doc`;
// anything else written under `key` is a problem at its line.
template <typename F>
void EachTable(const toml::table& doc, std::string_view key, Problems& p, F each) {
  const toml::node* node = doc.get(key);
  if (!node) return;
  const toml::array* arr = node->as_array();
  if (!arr || !arr->is_array_of_tables()) {
    p.Add(LineOf(*node), std::string(key) + " must be written [[" + std::string(key) + "]]");
    return;
  }
  for (const toml::node& el : *arr) each(*el.as_table(), "[[" + std::string(key) + "]] at line " + std::to_string(LineOf(el)));
}

}  // namespace confide::policy
