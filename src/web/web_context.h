// What the web interface's handlers work with. Owned by whoever starts the server (confide serve)
// and outlives it.
#pragma once

#include "service/identity.h"
#include "service/vault.h"
#include "web/web_routes.h"

namespace confide::web {

struct WebContext {
  service::Vault& vault;
  service::Identity& identity;
  WebOptions options;
};

}  // namespace confide::web
