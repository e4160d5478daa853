// Recording a safeguarding concern in the browser (concern_draft.h).
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddConcernRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
