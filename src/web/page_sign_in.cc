// Sign in: email and password, then (next page) a code from the authenticator app.
#include "web/form_html.h"
#include "web/html.h"
#include "web/pages.h"

namespace confide::web {

http::Response SignInPage(const WebOptions& options, const SignInForm& form) {
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";
  m += ErrorSummary(form.errors);
  m += "<h1 class=\"govuk-heading-l\">Sign in</h1>"
       "<p class=\"govuk-body\">Confide holds confidential information about children and families. Sign in with your "
       "work email address. Every record you open is logged.</p>"
       "<form method=\"post\" action=\"/sign-in\" novalidate>";
  TextInput email;
  email.id = "email";
  email.label = "Email address";
  email.type = "email";
  email.value = form.email;
  email.autocomplete = "username";
  email.spellcheck = false;
  m += TextInputGroup(email, form.errors);
  TextInput password;
  password.id = "password";
  password.label = "Password";
  password.type = "password";
  password.autocomplete = "current-password";
  password.classes = "govuk-!-width-two-thirds";
  password.spellcheck = false;
  m += TextInputGroup(password, form.errors);
  m += "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</button></form>"
       "<p class=\"govuk-body\">If you cannot sign in, ask your Confide administrator. They can reset your password but "
       "never see it.</p></div></div>";
  PageOptions page = OptionsFor(options, "Sign in");
  page.has_error = !form.errors.empty();
  return Page(form.errors.empty() ? 200 : 400, page, m);
}

}  // namespace confide::web
