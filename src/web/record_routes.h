// A child's chronology and a record's page with its versions.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddRecordRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
