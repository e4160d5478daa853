#include "service/default_password_blocklist.h"

namespace confide::service {

std::shared_ptr<const auth::PasswordBlocklist> DefaultPasswordBlocklist() {
  static const std::shared_ptr<const auth::PasswordBlocklist> list =
      std::make_shared<const auth::PasswordBlocklist>(auth::PasswordBlocklist::FromText(CommonPasswordsText()));
  return list;
}

}  // namespace confide::service
