// The "record a request or proposal to share" form: read from the posted fields and checked, each
// problem named against the field to fix. Pure: the vault checks everything again.
#pragma once

#include <optional>

#include "web/form_body.h"
#include "web/sharing_pages.h"

namespace confide::web {

// The answers as posted: checkbox groups read box by box (GROUP_VALUE=yes).
SharingRequestForm ReadSharingRequestForm(FormBody& body, const sharing::SharingPolicy& policy);

// The request the answers describe, or nullopt with `form.errors` filled in. A directory entry
// gives the recipient's kind; "other" needs a kind chosen. A request is about personal data unless
// every category asked for is one the policy marks as not personal.
std::optional<sharing::SharingRequest> CheckSharingRequestForm(SharingRequestForm& form, const SharingChoices& choices,
                                                               domain::PersonId person);

}  // namespace confide::web
