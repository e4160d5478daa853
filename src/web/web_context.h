// What the web interface's handlers work with. Owned by whoever starts the server (confide serve)
// and outlives it.
#pragma once

#include <memory>

#include "service/breach.h"
#include "service/identity.h"
#include "service/deadlines.h"
#include "service/foi.h"
#include "service/retention.h"
#include "service/subject_access.h"
#include "service/vault.h"
#include "web/web_routes.h"

namespace confide::web {

struct WebContext {
  service::Vault& vault;
  service::Identity& identity;
  WebOptions options;
  // The retention schedule with the governance policy in force (the DPO's retention pages).
  std::unique_ptr<service::Retention> retention;
  // The subject access register, with the governance policy's bank holidays.
  std::unique_ptr<service::SubjectAccess> subject_access;
  // Deadlines at a glance, over the registers with a clock.
  std::unique_ptr<service::Deadlines> deadlines;
  // The Freedom of Information register, with the governance policy's bank holidays and (for a
  // maintained school) closures.
  std::unique_ptr<service::FoiRegister> foi;
  // The personal data breach register, with the governance policy's bank holidays. Last and
  // defaulted, so a server that does not make one still compiles: the breach routes then make it.
  std::unique_ptr<service::BreachRegister> breaches = nullptr;
};

}  // namespace confide::web
