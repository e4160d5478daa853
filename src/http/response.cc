#include "http/response.h"

#include <algorithm>

#include "http/request.h"

namespace confide::http {

std::optional<std::string_view> Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

void Response::SetHeader(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& field) { return EqualsIgnoreCase(field.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

void Response::SetHeaderIfAbsent(std::string_view name, std::string_view value) {
  if (!Header(name)) headers.emplace_back(std::string(name), std::string(value));
}

Response Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  // Replace invalid UTF-8 rather than throw: a handler's bad string must not become a 500 here.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Problem(int status, std::string_view title, std::string_view detail, std::string_view type_suffix,
                 nlohmann::json extra) {
  nlohmann::json body = nlohmann::json::object();
  if (extra.is_object()) body = std::move(extra);
  body["type"] = type_suffix.empty() ? std::string("about:blank") : std::string(kProblemTypeBase) + std::string(type_suffix);
  body["title"] = std::string(title);
  body["status"] = status;
  body["detail"] = std::string(detail);
  Response r = Json(status, body);
  r.headers.front().second = "application/problem+json";
  return r;
}

Response Text(int status, std::string body, std::string_view content_type) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::string(content_type));
  r.body = std::move(body);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

std::string_view StatusPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

}  // namespace confide::http
