// The accessibility statement (the Public Sector Bodies Accessibility Regulations 2018 ask for one).
#include "web/html.h"
#include "web/pages.h"

namespace confide::web {

http::Response AccessibilityStatementPage(const WebOptions& options) {
  const std::string m =
      "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
      "<h1 class=\"govuk-heading-l\">Accessibility statement for Confide</h1>"
      "<p class=\"govuk-body\">Confide is used by staff in children's services, schools and nurseries to keep "
      "confidential records and share information lawfully. We want as many people as possible to be able to use it. "
      "You should be able to:</p>"
      "<ul class=\"govuk-list govuk-list--bullet\">"
      "<li>change colours, contrast levels and fonts using your browser or device settings</li>"
      "<li>zoom in up to 400% without the text spilling off the screen</li>"
      "<li>navigate and complete every task using just a keyboard</li>"
      "<li>use it with speech recognition software</li>"
      "<li>use it with a screen reader (including recent versions of JAWS, NVDA and VoiceOver)</li>"
      "<li>use it without JavaScript</li></ul>"
      "<h2 class=\"govuk-heading-m\">How accessible Confide is</h2>"
      "<p class=\"govuk-body\">Confide's pages are built with the GOV.UK Design System's components and patterns and "
      "are tested automatically against the Web Content Accessibility Guidelines (WCAG) 2.2 at levels A and AA, in a "
      "real browser, on every change. Confide uses Arial rather than a custom typeface.</p>"
      "<h2 class=\"govuk-heading-m\">Feedback and contact information</h2>"
      "<p class=\"govuk-body\">If you find a problem with the accessibility of Confide, or need information in a "
      "different format, tell your organisation's Confide administrator or data protection officer.</p>"
      "<h2 class=\"govuk-heading-m\">Enforcement procedure</h2>"
      "<p class=\"govuk-body\">The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
      "accessibility regulations. If you are not happy with how your organisation responds to your complaint, contact "
      "the Equality Advisory and Support Service (EASS).</p>"
      "<h2 class=\"govuk-heading-m\">Technical information about this service's accessibility</h2>"
      "<p class=\"govuk-body\">Confide is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA "
      "standard, as far as automated tests in a real browser can tell. This statement was last reviewed on 5 December 2026.</p>"
      "</div></div>";
  return Page(200, OptionsFor(options, "Accessibility statement"), m);
}

}  // namespace confide::web
