// The subject access pages' routes (the data protection officer's: subject_access.manage): the
// register, a new request, a request with its steps, the search with redactions, the bundle with
// approval and release, and the released files. Anyone else reads "You cannot see this page", as
// the service refuses them.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddSubjectAccessRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
