// The pages of a signed-in practitioner: the caseload (home), finding a person and a child's
// overview. Every one is a read of personal data: audited, and held until its audit event is durable.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddChildRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
