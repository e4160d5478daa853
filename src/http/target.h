// Parsing of a request target ("/api/people/12/records?kind=note") into decoded path segments and
// query parameters. The rules are strict on purpose, so that no two spellings reach the same
// handler differently and nothing ambiguous gets through (docs/http.md, "Paths"):
//  - only the origin form ("/..."), no fragment;
//  - each path segment is percent-decoded on its own, and refused if it then contains '/' (%2F),
//    a control character (%00, %0A, ...), or is "." or ".." (also as %2E%2E);
//  - malformed escapes ("%2", "%G0") are refused;
//  - query names and values are decoded ('+' is a space), a repeated name or a NUL is refused.
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "confide/result.h"

namespace confide::http {

struct Target {
  std::vector<std::string> segments;  // decoded; "/" has none, "/a/" has "a" and ""
  std::string path;                   // "/" + segments joined by '/'
  std::string query;                  // raw, without the '?'
  std::map<std::string, std::string> query_params;
};

// kInvalidArgument, with a message fit for the client (it never quotes the target), if the target
// breaks a rule above.
Result<Target> ParseTarget(std::string_view target);

// Percent-decodes `s`; '+' becomes a space if `plus_is_space`. kInvalidArgument on a malformed escape.
Result<std::string> PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace confide::http
