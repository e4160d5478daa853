// The shipped default access policy (config/policy/access-policy.toml), compiled in so Confide
// always has one, and written into each new data directory for the organisation to read and adapt.
#pragma once

#include <string_view>

namespace confide::service {

std::string_view DefaultAccessPolicyToml();

}  // namespace confide::service
