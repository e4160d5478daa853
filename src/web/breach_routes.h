// The personal data breach pages' routes. Reporting is for anyone signed in (breach.report), and
// afterwards shows only the breach's number. The register, a breach and the candidates are the
// data protection officer's (breach.manage): anyone else reads "You cannot see this page", asked
// before anything else is looked at.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

// Uses ctx.breaches, making it from the governance policy in force when the server did not.
Status AddBreachRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
