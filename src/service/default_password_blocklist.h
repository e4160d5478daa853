// The shipped list of common and breached passwords (data/passwords/common-passwords.txt),
// compiled in and parsed once.
#pragma once

#include <memory>
#include <string_view>

#include "auth/password_policy.h"

namespace confide::service {

std::string_view CommonPasswordsText();  // generated (CMake confide_embed_text)
std::shared_ptr<const auth::PasswordBlocklist> DefaultPasswordBlocklist();

}  // namespace confide::service
