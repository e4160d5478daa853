#include "http/status_problem.h"

namespace confide::http {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kConflict:
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kOk:
    case StatusCode::kCorruption:
    case StatusCode::kIOError:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

Response ProblemFromStatus(const Status& status, std::string_view request_id) {
  nlohmann::json extra = nlohmann::json::object();
  if (!request_id.empty()) extra["instance"] = std::string(request_id);
  const int http_status = HttpStatusFor(status.code());
  if (http_status == 500) {
    return Problem(500, StatusPhrase(500),
                   "The server could not complete the request. Quote the request id when reporting this.",
                   "internal", std::move(extra));
  }
  std::string suffix(StatusCodeName(status.code()));
  for (char& c : suffix) {
    if (c == '_') c = '-';
  }
  return Problem(http_status, StatusPhrase(http_status), status.message(), suffix, std::move(extra));
}

}  // namespace confide::http
