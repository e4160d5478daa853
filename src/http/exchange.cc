#include "http/exchange.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "http/access_log.h"
#include "http/security_headers.h"
#include "http/target.h"

namespace confide::http {
namespace beast_http = boost::beast::http;

namespace {

bool IsJsonMediaType(std::string_view value) {
  std::string_view type = value.substr(0, value.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  if (EqualsIgnoreCase(type, "application/json")) return true;
  // application/merge-patch+json, application/problem+json, ...
  return type.size() > 17 && EqualsIgnoreCase(type.substr(0, 12), "application/") &&
         EqualsIgnoreCase(type.substr(type.size() - 5), "+json") && type.find('/', 12) == std::string_view::npos;
}

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsValidField(std::string_view name, std::string_view value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) return false;
  // No CR, LF, NUL or other control character except tab: nothing a handler returns can split a
  // header or start a new one.
  return std::none_of(value.begin(), value.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
  });
}

bool IsFramingField(std::string_view name) {
  for (std::string_view f : {"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer"}) {
    if (EqualsIgnoreCase(name, f)) return true;
  }
  return false;
}

size_t CountField(const BeastRequest& header, beast_http::field f) {
  const auto range = header.equal_range(f);
  return static_cast<size_t>(std::distance(range.first, range.second));
}

std::string_view StatusClass(int status) {
  static constexpr std::string_view kClasses[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};
  const int i = status / 100 - 1;
  return i >= 0 && i < 5 ? kClasses[i] : std::string_view("5xx");
}

// The Date header (RFC 9110, section 6.6.1), formatted once per second per thread.
std::string HttpDate() {
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7], tm.tm_mday,
                  kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached = buf;
    cached_second = now;
  }
  return cached;
}

void LogHandlerFailure(const ServerContext& ctx, const Exchange& ex) {
  const std::string_view route = ex.route ? std::string_view(ex.route->pattern) : std::string_view("-");
  if (ctx.hooks.access_log) {
    ctx.hooks.access_log->HandlerFailed(ex.request.request_id, ex.request.method, route);
  } else {
    spdlog::error("http handler failed: request_id={} route={}", ex.request.request_id, route);
  }
}

}  // namespace

std::optional<Response> AcceptHeader(const ServerContext& ctx, const BeastRequest& header,
                                     std::optional<uint64_t> content_length, bool chunked, Exchange& ex) {
  ex.request.method = std::string(header.method_string());
  if (header.version() != 11 && header.version() != 10) {  // Beast parses no other; kept as a guard
    return ServerProblem(505, "Only HTTP/1.1 and HTTP/1.0 are supported.", "http-version", ex);
  }
  if (header.version() == 11 && CountField(header, beast_http::field::host) == 0) {
    return ServerProblem(400, "An HTTP/1.1 request must have a Host header.", "malformed-request", ex);
  }
  for (beast_http::field f : {beast_http::field::host, beast_http::field::content_type,
                              beast_http::field::content_length, beast_http::field::authorization,
                              beast_http::field::transfer_encoding}) {
    if (CountField(header, f) > 1) {
      return ServerProblem(400, "The request repeats a header that must appear once.", "malformed-request", ex);
    }
  }
  // Both framings at once is how requests are smuggled past proxies (RFC 9112, section 6.3).
  if (CountField(header, beast_http::field::transfer_encoding) > 0 &&
      CountField(header, beast_http::field::content_length) > 0) {
    return ServerProblem(400, "The request has both Transfer-Encoding and Content-Length.", "malformed-request", ex);
  }

  Result<Target> target = ParseTarget(std::string_view(header.target().data(), header.target().size()));
  if (!target.ok()) return ServerProblem(400, target.status().message(), "malformed-request", ex);
  ex.request.path = std::move(target->path);
  ex.request.query = std::move(target->query);
  ex.request.query_params = std::move(target->query_params);

  RouteMatch match = ctx.router.Match(ex.request.method, target->segments);
  if (match.route == nullptr) {
    if (match.allow.empty()) return ServerProblem(404, "No resource has this path.", "not-found", ex);
    Response r = ServerProblem(405, "This resource does not accept this method.", "method-not-allowed", ex);
    r.headers.emplace_back("Allow", std::move(match.allow));
    return r;
  }
  ex.route = match.route;
  ex.params = std::move(match.params);

  const bool has_body = chunked || content_length.value_or(0) > 0;
  if (has_body && ex.route->options.json_body) {
    const auto content_type = header.find(beast_http::field::content_type);
    if (content_type == header.end() ||
        !IsJsonMediaType(std::string_view(content_type->value().data(), content_type->value().size()))) {
      return ServerProblem(415, "The request body must be sent with Content-Type: application/json.",
                           "unsupported-media-type", ex);
    }
  }
  if (content_length && *content_length > BodyLimit(ctx, ex)) {
    return ServerProblem(413, "The request body is larger than this resource accepts.", "body-too-large", ex);
  }
  return std::nullopt;
}

uint64_t BodyLimit(const ServerContext& ctx, const Exchange& ex) {
  if (ex.route && ex.route->options.max_body_bytes > 0) return ex.route->options.max_body_bytes;
  return ctx.options.max_body_bytes;
}

void CompleteRequest(BeastRequest&& message, Exchange& ex) {
  ex.request.headers.reserve(static_cast<size_t>(std::distance(message.begin(), message.end())));
  for (const auto& field : message) {
    ex.request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  ex.request.body = std::move(message.body());
  ex.bytes_in = ex.request.body.size();
}

Response Invoke(const ServerContext& ctx, const Exchange& ex) {
  try {
    return ex.route->handler(ex.request, ex.params);
  } catch (...) {
    // The exception's text may hold anything (a record's content, a SQL fragment): neither the
    // client nor the log gets it.
    LogHandlerFailure(ctx, ex);
    return ServerProblem(500, "The server could not complete the request. Quote the request id when reporting this.",
                         "internal", ex);
  }
}

Response ServerProblem(int status, std::string_view detail, std::string_view type_suffix, const Exchange& ex) {
  nlohmann::json extra = nlohmann::json::object();
  if (!ex.request.request_id.empty()) extra["instance"] = ex.request.request_id;
  return Problem(status, StatusPhrase(status), detail, type_suffix, std::move(extra));
}

void Finalize(const ServerContext& ctx, const Exchange& ex, Response& response) {
  auto internal_error = [&] {
    response = ServerProblem(500, "The server could not complete the request. Quote the request id when reporting this.",
                             "internal", ex);
  };
  auto valid = [&] {
    return response.status >= 200 && response.status <= 599 &&
           std::all_of(response.headers.begin(), response.headers.end(),
                       [](const auto& f) { return IsValidField(f.first, f.second); });
  };
  if (!valid()) {
    LogHandlerFailure(ctx, ex);
    internal_error();
  }
  if (ctx.hooks.before_send) {
    try {
      ctx.hooks.before_send(ex.request, response);
    } catch (...) {
      LogHandlerFailure(ctx, ex);
      internal_error();
    }
    if (!valid()) {
      LogHandlerFailure(ctx, ex);
      internal_error();
    }
  }
  std::erase_if(response.headers, [](const auto& f) { return IsFramingField(f.first); });
  if (response.status == 204 || response.status == 304) response.body.clear();
  AddSecurityHeaders(response, ex.request.tls);
  response.SetHeader("X-Request-Id", ex.request.request_id);
  response.SetHeaderIfAbsent("Date", HttpDate());
}

void ToBeast(Response&& response, unsigned version, bool keep_alive, bool head, BeastResponse& out) {
  out = BeastResponse();
  out.version(version);
  out.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) out.insert(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (head) out.body().clear();  // after prepare_payload: Content-Length still says what GET would send
}

void Record(const ServerContext& ctx, const Exchange& ex, int status, uint64_t bytes) {
  const std::string_view method = MethodLabel(ex.request.method);
  const std::string_view route = ex.route ? std::string_view(ex.route->pattern) : std::string_view("-");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - ex.start).count();
  ctx.metrics.requests->WithLabels({method, route, StatusClass(status)}).Inc();
  ctx.metrics.duration->WithLabels({method, route}).Observe(seconds);
  if (ctx.hooks.access_log) {
    ctx.hooks.access_log->Log(AccessLogEntry{.request_id = ex.request.request_id,
                                             .method = ex.request.method,
                                             .route = route,
                                             .status = status,
                                             .duration_ms = seconds * 1000.0,
                                             .bytes = bytes,
                                             .bytes_in = ex.bytes_in,
                                             .remote_address = ex.request.remote_address,
                                             .tls = ex.request.tls});
  }
}

}  // namespace confide::http
