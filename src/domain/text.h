// Small text rules shared across the domain. Pure, thread-safe.
#pragma once

#include <string_view>

namespace confide::domain {

// True if `s` has nothing but spaces, tabs and line breaks: a reason, summary or name that says
// nothing is treated as missing.
inline bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// `s` without leading and trailing spaces, tabs and line breaks (an id pasted with a space).
inline std::string_view Trim(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace confide::domain
