// The sharing pages' routes: a child's requests, recording one, its task list, approving,
// deciding again, checking the minimum dataset, sending it as a package and fetching the package.
// Every page is a read or a change the vault authorises and audits; what a viewer may not see
// reads as "You cannot see this page".
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddSharingRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
