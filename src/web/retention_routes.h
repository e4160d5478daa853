// The retention pages' routes (the data protection officer's: retention.manage): the report of who
// is due, a person's review, legal holds, destroying what is due and the certificates. Anyone else
// reads "You cannot see this page", as the service refuses them.
#pragma once

#include "confide/status.h"
#include "http/router.h"
#include "web/web_context.h"

namespace confide::web {

Status AddRetentionRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
