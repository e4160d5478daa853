// Request: what a handler sees of one HTTP request, and PathParams: the {name} segments its route
// pattern captured.
//
// The server fills a Request after parsing and checking it (docs/http.md): the path is already
// percent-decoded and known to contain no '/', NUL, "." or ".." inside a segment; the query
// parameters are decoded and unique. Handlers receive it by const reference.
// Thread-safety: plain values; a const object may be read from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "confide/result.h"

namespace confide::http {

// Header fields in the order received, names as sent. Use Request::Header to look one up.
using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;                               // "GET", "POST", ... (case-sensitive, as sent)
  std::string path;                                 // decoded path, without the query
  std::string query;                                // raw query string (after '?'), undecoded
  std::map<std::string, std::string> query_params;  // decoded; the server refuses repeated names
  Headers headers;
  std::string body;
  std::string remote_address;  // the peer's IP address, without the port
  bool tls = false;
  std::string request_id;  // 16 hex characters, also sent back as X-Request-Id

  // The value of the first header field named `name` (ASCII case-insensitive), if any. The server
  // refuses requests that repeat Host, Content-Type, Content-Length, Transfer-Encoding or
  // Authorization, so for those the first is the only one.
  std::optional<std::string_view> Header(std::string_view name) const;
};

// The values captured by a route pattern's {name} segments, already percent-decoded.
class PathParams {
 public:
  void Set(std::string name, std::string value);

  // The value for `name`, or nullopt if the pattern has no such parameter.
  std::optional<std::string_view> Get(std::string_view name) const;

  // The value as a non-negative int64 written canonically: "0" or [1-9][0-9]*, at most INT64_MAX.
  // Anything else ("", "01", "+1", "-1", "1e3", " 1", overflow) is kInvalidArgument with a message
  // naming the parameter but not quoting its value. A name the pattern does not have is kInternal
  // (a bug in the route, not bad input).
  Result<int64_t> Int(std::string_view name) const;

  size_t size() const { return params_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> params_;  // few per route: a vector beats a map
};

// A non-negative int64 written canonically ("0" or [1-9][0-9]*, at most INT64_MAX), as ids are.
std::optional<int64_t> ParseCanonicalInt(std::string_view s);

// ASCII case-insensitive equality, as HTTP field names compare.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace confide::http
