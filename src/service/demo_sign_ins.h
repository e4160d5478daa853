// Sign-ins for the demo organisation: a password for every demo staff member, made from the seed
// so the same demo always has the same sign-ins. Each account enrols its authenticator app at the
// first sign-in. Demo data only: never call this on an organisation's real data directory.
#pragma once

#include <string>
#include <vector>

#include "service/identity.h"
#include "service/vault.h"

namespace confide::service {

struct DemoSignIn {
  domain::StaffId staff_id = 0;
  domain::StaffRole role = domain::StaffRole::kPractitioner;
  std::string team;
  std::string name;
  std::string email;
  std::string password;
};

// Sets the passwords (as the administrator, staff 1) and returns the sign-ins, administrator first.
Result<std::vector<DemoSignIn>> SetDemoPasswords(Vault& vault, Identity& identity, uint64_t seed);

}  // namespace confide::service
