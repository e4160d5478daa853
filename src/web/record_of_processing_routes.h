// The record of processing activities' routes: the page, and the same record as files (JSON and
// text). Whoever may read the directory of recipients (recipient.read) may read it, as the service
// decides; anyone else reads "You cannot see this page".
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddRecordOfProcessingRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
