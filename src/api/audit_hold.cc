#include "api/audit_hold.h"

namespace confide::api {

http::Response AuditUnavailableProblem(const std::string& request_id) {
  return http::Problem(500, "Internal Server Error",
                       "The audit log could not record this request, so its answer was not sent; try again",
                       "audit-unavailable", {{"instance", request_id}});
}

}  // namespace confide::api
