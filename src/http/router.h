// Router: maps (method, decoded path) to a handler through patterns such as
// "/api/people/{id}/records". Segments are literal or a {name} capturing one whole segment.
//
// Matching is exact: no trailing-slash leniency, no case folding, no prefix routes. Where patterns
// overlap, a literal segment beats a {name} at the same position ("/people/search" wins over
// "/people/{id}" for "search"), then the method decides: if some route matches the path but none
// the method, the answer is 405 with the methods that would have matched.
//
// Logs and metrics name a request by its route's PATTERN, never by its path (paths hold ids).
// Thread-safety: Add is not thread-safe and must all happen before the server starts; Match is
// const and safe from any number of threads.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "confide/status.h"
#include "http/request.h"
#include "http/response.h"

namespace confide::http {

// May throw: the server turns an exception into a 500 (the text is logged nowhere and sent nowhere).
using Handler = std::function<Response(const Request&, const PathParams&)>;

struct RouteOptions {
  // Run on the I/O thread instead of the handler pool: only for cheap handlers that never block
  // (/healthz, /metrics). A blocking inline handler stalls every connection on that I/O thread.
  bool inline_handler = false;
  // A GET or HEAD handler that may wait (for a lock, the network, a long computation) runs on the
  // handler pool with the writes rather than on the read pool, where it would hold up other reads.
  bool may_block = false;
  // A request with a body must say Content-Type: application/json (or application/<x>+json,
  // parameters allowed), else 415 before the body is read.
  bool json_body = true;
  // The largest body accepted, in bytes; 0 = ServerOptions::max_body_bytes. Larger: 413.
  size_t max_body_bytes = 0;
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
  std::vector<std::string> param_names;  // the pattern's {name}s, in order
};

struct RouteMatch {
  const Route* route = nullptr;  // the route, or null
  PathParams params;             // filled when route is set
  std::string allow;             // when route is null but the path matched other methods: "GET, POST"
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Adds a route. kInvalidArgument if the method is not an upper-case token, the pattern is
  // malformed (must start with '/'; no empty, ".", ".." or partly-{} segments; {name} is an
  // identifier, unique in the pattern), the handler is empty, or the same method is already
  // routed for the same pattern shape ("/a/{x}" and "/a/{y}" are the same shape).
  Status Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  // Finds the route for `method` and the decoded path `segments` (target.h).
  RouteMatch Match(std::string_view method, const std::vector<std::string>& segments) const;

  // Every route, in the order added.
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace confide::http
