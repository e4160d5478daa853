// Sign in: email and password; then a code from the authenticator app (or, the first time, setting
// the app up); or, when an administrator set the password, choosing one's own.
#include "web/form_html.h"
#include "web/html.h"
#include "web/pages.h"

namespace confide::web {
namespace {

std::string Column(std::string inner) {
  return "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + inner + "</div></div>";
}

http::Response FormPage(const WebOptions& options, std::string title, const std::vector<FieldError>& errors, std::string m) {
  PageOptions page = OptionsFor(options, std::move(title));
  page.has_error = !errors.empty();
  return Page(errors.empty() ? 200 : 400, page, Column(std::move(m)));
}

}  // namespace

http::Response SignInPage(const WebOptions& options, const SignInForm& form) {
  std::string m = ErrorSummary(form.errors);
  if (!form.notice.empty()) {
    m += "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" "
         "aria-labelledby=\"notice-title\" data-module=\"govuk-notification-banner\"><div class=\"govuk-notification-banner__header\">"
         "<h2 class=\"govuk-notification-banner__title\" id=\"notice-title\">Success</h2></div>"
         "<div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">" +
         Escape(form.notice) + "</p></div></div>";
  }
  m += "<h1 class=\"govuk-heading-l\">Sign in</h1>"
       "<p class=\"govuk-body\">Confide holds confidential information about children and families. Sign in with your "
       "work email address. Every record you open is logged.</p>";
  m += OpenForm("/sign-in", form.csrf);
  TextInput email = PlainInput("email", "Email address", form.email, "username");
  email.type = "email";
  m += TextInputGroup(email, form.errors);
  m += TextInputGroup(PasswordInput("password", "Password", "current-password"), form.errors);
  m += SubmitButton("Continue");
  m += kCloseForm;
  m += "<p class=\"govuk-body\">If you cannot sign in, ask your Confide administrator. They can reset your password but "
       "never see it.</p>";
  return FormPage(options, "Sign in", form.errors, std::move(m));
}

http::Response CodePage(const WebOptions& options, const FormState& form) {
  std::string m = ErrorSummary(form.errors);
  m += "<h1 class=\"govuk-heading-l\">Enter the code from your authenticator app</h1>";
  m += OpenForm("/sign-in/code", form.csrf);
  m += TextInputGroup(CodeInput("Code", "The 6-digit code your app shows now. If you have lost your phone, enter one of "
                                        "your recovery codes instead."),
                      form.errors);
  m += SubmitButton("Sign in");
  m += kCloseForm;
  return FormPage(options, "Enter your code", form.errors, std::move(m));
}

http::Response SetUpAuthenticatorPage(const WebOptions& options, const service::TotpEnrolment& enrolment,
                                      const FormState& form) {
  std::string m = ErrorSummary(form.errors);
  m += "<h1 class=\"govuk-heading-l\">Set up your authenticator app</h1>"
       "<p class=\"govuk-body\">Confide asks for a code from an app on your phone every time you sign in, so that a "
       "stolen password is not enough. Use any authenticator app, for example Microsoft Authenticator or Google "
       "Authenticator.</p>"
       "<ol class=\"govuk-list govuk-list--number\"><li>In the app, choose to add an account.</li>"
       "<li>Scan this QR code.</li><li>Enter the 6-digit code the app then shows.</li></ol>";
  // The SVG names itself (role="img" with a title): see auth/qr_svg.h.
  m += "<div class=\"confide-qr\">" + enrolment.qr_svg + "</div>";
  m += "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
       "I cannot scan the QR code</span></summary><div class=\"govuk-details__text\"><p class=\"govuk-body\">Enter this "
       "key in the app instead (a time-based key):</p><p class=\"govuk-body confide-secret\" id=\"secret\">" +
       Escape(enrolment.secret_base32) + "</p></div></details>";
  m += OpenForm("/sign-in/set-up-authenticator", form.csrf);
  m += TextInputGroup(CodeInput("Code from the app", "The 6-digit code the app shows for Confide."), form.errors);
  m += SubmitButton("Continue");
  m += kCloseForm;
  return FormPage(options, "Set up your authenticator app", form.errors, std::move(m));
}

http::Response RecoveryCodesPage(const WebOptions& options, const std::vector<std::string>& codes) {
  std::string m =
      "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Your authenticator app is "
      "set up</h1></div>"
      "<h2 class=\"govuk-heading-m\">Keep your recovery codes</h2>"
      "<p class=\"govuk-body\">If you lose your phone, each of these codes signs you in once instead of a code from the "
      "app. Keep them somewhere safe and private, not on your phone. Confide will not show them again.</p>"
      "<ul class=\"govuk-list confide-recovery-codes\" id=\"recovery-codes\">";
  for (const std::string& c : codes) m += "<li><code>" + Escape(c) + "</code></li>";
  m += "</ul><a href=\"/\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</a>";
  return Page(200, OptionsFor(options, "Your authenticator app is set up"), Column(std::move(m)));
}

http::Response ChangePasswordPage(const WebOptions& options, const FormState& form) {
  std::string m = ErrorSummary(form.errors);
  m += "<h1 class=\"govuk-heading-l\">Choose your password</h1>"
       "<p class=\"govuk-body\">Your administrator set the password you signed in with. Choose your own now: at least "
       "8 characters, and not a common or breached password. A few random words make a good one.</p>";
  m += OpenForm("/sign-in/change-password", form.csrf);
  m += TextInputGroup(PasswordInput("current_password", "The password you signed in with", "current-password"), form.errors);
  m += TextInputGroup(PasswordInput("new_password", "New password", "new-password"), form.errors);
  m += SubmitButton("Save password");
  m += kCloseForm;
  return FormPage(options, "Choose your password", form.errors, std::move(m));
}

}  // namespace confide::web
