// Internal: one request's way through a connection, from its parsed header to its log line, as
// functions the connection (session.cc) calls in order. No I/O here.
// Thread-safety: each Exchange belongs to one connection at a time.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/server_context.h"

namespace confide::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct Exchange {
  Request request;  // request_id, remote_address and tls are set before anything else
  const Route* route = nullptr;
  PathParams params;
  std::chrono::steady_clock::time_point start;
  uint64_t bytes_in = 0;
};

// Checks a parsed header: HTTP version, Host, repeated or conflicting framing fields, the target
// (target.h), the route (404/405), the media type of a body on a JSON route (415) and a declared
// length over the route's limit (413). On success fills ex.request's method, path, query and
// query_params, ex.route and ex.params, and returns nullopt; otherwise the problem to send.
std::optional<Response> AcceptHeader(const ServerContext& ctx, const BeastRequest& header,
                                     std::optional<uint64_t> content_length, bool chunked, Exchange& ex);

// The largest body ex.route accepts.
uint64_t BodyLimit(const ServerContext& ctx, const Exchange& ex);

// Moves the header fields and the body of the complete message into ex.request.
void CompleteRequest(BeastRequest&& message, Exchange& ex);

// Runs the route's handler; an exception becomes a 500 problem (logged without its text).
Response Invoke(const ServerContext& ctx, const Exchange& ex);

// A problem produced by the server itself, with instance = the request id.
Response ServerProblem(int status, std::string_view detail, std::string_view type_suffix, const Exchange& ex);

// Makes `response` ready to send: a status outside 200-599 or an invalid header field becomes a
// 500; framing fields set by the handler are dropped (the server frames); Hooks::before_send runs;
// security headers, X-Request-Id and Date are added.
void Finalize(const ServerContext& ctx, const Exchange& ex, Response& response);

// Moves a finalized response into Beast's message type. For a HEAD request the body is dropped
// and Content-Length kept (no route serves HEAD, but its 404 or 405 must not send a body).
void ToBeast(Response&& response, unsigned version, bool keep_alive, bool head, BeastResponse& out);

// Counts and logs a response once it has been written (or failed to be).
void Record(const ServerContext& ctx, const Exchange& ex, int status, uint64_t bytes);

}  // namespace confide::http
