// Response: what a handler returns, and the helpers that build the usual kinds.
//
// Errors are RFC 9457 problem details (application/problem+json), both the ones handlers return
// and the ones the server itself produces (404, 405, 413, 431, 400, 408, 415, 500). The server adds
// Content-Length, X-Request-Id and the security headers (security_headers.h) when it sends.
// Thread-safety: a plain value.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace confide::http {

struct Response;

// Something a response must wait for before it is sent: the audit event of the data in it being
// durable, say. The server keeps the connection's turn (and the response) until the hold is
// released, without holding a thread.
class ResponseHold {
 public:
  virtual ~ResponseHold() = default;
  // Calls `release` exactly once, from any thread, when the response may go: with nullopt to send
  // it as it is, or with a response to send instead (what it waited for failed).
  virtual void WhenReleased(std::function<void(std::optional<Response>)> release) = 0;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // If set, the server sends nothing until the hold is released.
  std::shared_ptr<ResponseHold> hold;

  // The value of the first header named `name` (ASCII case-insensitive), if any.
  std::optional<std::string_view> Header(std::string_view name) const;
  // Replaces every header named `name` (case-insensitive) by one with `value`.
  void SetHeader(std::string_view name, std::string value);
  // Adds the header only if none of that name is present (how the server's defaults yield to
  // whatever a handler or hook set).
  void SetHeaderIfAbsent(std::string_view name, std::string_view value);
};

// The base of problem `type` URIs: type = kProblemTypeBase + suffix.
inline constexpr std::string_view kProblemTypeBase = "https://confide.invalid/problems/";

// `body` serialised compactly, Content-Type: application/json.
Response Json(int status, const nlohmann::json& body);

// An RFC 9457 problem: {"type", "title", "status", "detail"} plus the members of `extra` (an
// object; members named like the standard ones are ignored). `type` is kProblemTypeBase +
// type_suffix, or "about:blank" without a suffix (then `title` should be the status phrase). Put
// the request id in extra as {"instance": id} to link the problem to the logs (ProblemFromStatus
// and the server's own problems do). Title and detail are sent to the client: never personal data.
Response Problem(int status, std::string_view title, std::string_view detail, std::string_view type_suffix = {},
                 nlohmann::json extra = {});

// A text body, Content-Type `content_type`.
Response Text(int status, std::string body, std::string_view content_type = "text/plain; charset=utf-8");

// 204 No Content.
Response NoContent();

// The standard reason phrase of `status` ("Not Found"), or "Unknown" for codes without one.
std::string_view StatusPhrase(int status);

}  // namespace confide::http
