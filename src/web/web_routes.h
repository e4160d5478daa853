// The web interface's routes on the Confide server: its static files and its pages.
#pragma once

#include <cstdint>
#include <string>

#include "confide/status.h"
#include "http/router.h"

namespace confide::web {

struct WebOptions {
  std::string organisation;  // the organisation's name, for the service navigation
  bool demo = false;         // the demo organisation: say so on every page
  int64_t idle_timeout_seconds = 15 * 60;  // sessions end after this long without a request
};

struct WebContext;
// `ctx` must outlive the server.
Status AddWebRoutes(http::Router& router, WebContext& ctx);

}  // namespace confide::web
