// Small text rules shared across the domain. Pure, thread-safe.
#pragma once

#include <string_view>

namespace confide::domain {

// True if `s` has nothing but spaces, tabs and line breaks: a reason, summary or name that says
// nothing is treated as missing.
inline bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace confide::domain
