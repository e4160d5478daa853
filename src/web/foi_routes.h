// The Freedom of Information pages' routes (the data protection officer's: foi.manage): the
// register, a new request, and a request with its steps. Anyone else reads "You cannot see this
// page": whether they keep the register is asked before anything else is looked at.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddFoiRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
