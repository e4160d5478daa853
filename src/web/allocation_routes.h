// Allocation pages: who works with a child, allocating a member of staff and ending an allocation.
// For managers, designated persons and administrators (the policy decides: allocation.read to see,
// allocation.manage to change).
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddAllocationRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
