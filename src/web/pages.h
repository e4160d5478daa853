// The pages, each a function from what it shows to a response.
#pragma once

#include <string>
#include <vector>

#include "http/response.h"
#include "web/web_routes.h"

namespace confide::web {

// A field's error, for the error summary and the field's own message.
struct FieldError {
  std::string field;    // the input's id
  std::string message;  // what to do, in the GOV.UK style ("Enter your email address")
};

struct SignInForm {
  std::string email;  // echoed back after an error (never the password)
  std::vector<FieldError> errors;
};

// The template's options for a page titled `title` of this organisation.
struct PageOptions;
PageOptions OptionsFor(const WebOptions& options, std::string title);

http::Response SignInPage(const WebOptions& options, const SignInForm& form);
http::Response AccessibilityStatementPage(const WebOptions& options);

}  // namespace confide::web
