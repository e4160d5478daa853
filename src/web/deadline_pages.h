// Deadlines at a glance: everything with a clock the viewer may see, the most urgent first, each
// with its countdown in calendar and working days and how its date was worked out.
#pragma once

#include "http/response.h"
#include "service/deadlines.h"
#include "web/pages.h"

namespace confide::web {

http::Response DeadlinesPage(const WebOptions& options, const SignedIn& who, const service::DeadlineReport& report);

}  // namespace confide::web
