// The one mapping from a confide Status to an HTTP problem response.
//
//   kInvalidArgument    400  type .../invalid-argument     detail: the status message
//   kNotFound           404  type .../not-found            detail: the status message
//   kPermissionDenied   403  type .../permission-denied    detail: the status message
//   kConflict           409  type .../conflict             detail: the status message
//   kFailedPrecondition 409  type .../failed-precondition  detail: the status message
//   kCorruption, kIOError, kInternal (and an OK status, a caller's bug)
//                       500  type .../internal             detail: generic; the message is NOT sent
//
// kFailedPrecondition is 409, not 412: 412 belongs to conditional request headers (If-Match) that
// failed, which the API reports itself when it uses them; a vault that is not in a state to do
// something is a conflict with the current state of the resource. Whether a caller that may not
// see a record gets 403 or 404 is the API's decision (hiding existence); this mapping says 403.
// Status messages are written to be shown to users (confide/status.h); internal ones never are.
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "confide/status.h"
#include "http/response.h"

namespace confide::http {

// The HTTP status for `code` (the table above).
int HttpStatusFor(StatusCode code);

// A problem response for `status`, with `instance` = request_id when not empty.
Response ProblemFromStatus(const Status& status, std::string_view request_id);

}  // namespace confide::http
