// Request ids: 16 lower-case hex characters (64 random bits) per request, sent back as X-Request-Id,
// given to handlers and written to the access log, so a client's report can be matched to a log line.
// The server always makes its own; a client's X-Request-Id is ignored (it could collide or lie).
// Thread-safety: safe from any thread.
#pragma once

#include <string>

namespace confide::http {

std::string NewRequestId();

}  // namespace confide::http
