// The confidentiality policy page (web/training_pages.h): the version in force, the signed-in
// member of staff's acknowledgement of it, the text, and the one button to acknowledge it. The form
// carries the version and the digest of the text shown, so nobody acknowledges a text they were
// not shown (a page left open across a new version is refused, and shows the new one).
#include "web/form_html.h"
#include "web/html.h"
#include "web/training_pages.h"

namespace confide::web {

std::string PolicyParagraphs(std::string_view text) {
  std::string out;
  std::string paragraph;
  const auto flush = [&] {
    if (!paragraph.empty()) out += "<p class=\"govuk-body\">" + paragraph + "</p>";
    paragraph.clear();
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();  // a blank line ends a paragraph
    } else {
      if (!paragraph.empty()) paragraph += "<br>";
      paragraph += Escape(line);
    }
    start = end + 1;
  }
  flush();
  return out;
}

http::Response ConfidentialityPolicyPage(const WebOptions& options, const SignedIn& who, const ConfidentialityPolicyView& v) {
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";
  const std::string links =
      "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/training/mine\">Your training</a></p></div></div>";
  if (!v.in_force) {
    m += "<h1 class=\"govuk-heading-l\">Confidentiality policy</h1>";
    m += "<p class=\"govuk-body\" id=\"no-policy\">Your organisation has not set a confidentiality policy in Confide, so there "
         "is nothing to acknowledge here. Ask your manager or the data protection officer where to read the policy you work "
         "to.</p>";
    return Page(200, SignedInOptions(options, "Confidentiality policy", who), m + links);
  }
  const governance::ConfidentialityPolicy& p = *v.in_force;
  const bool acknowledged = v.acknowledgement.state == governance::AcknowledgementState::kAcknowledged;
  m += ErrorSummary(v.errors);
  if (v.thanks && acknowledged && v.errors.empty()) {
    m += SuccessBanner("Thank you: acknowledged. Your acknowledgement of version " + p.version + " is recorded.");
  }
  m += "<span class=\"govuk-caption-l\">Confidentiality policy</span><h1 class=\"govuk-heading-l\">" + Escape(p.title) + "</h1>";
  m += "<dl class=\"govuk-summary-list\" id=\"policy-details\">" + SummaryRow("Version", Escape(p.version)) +
       SummaryRow("In force from", Escape(p.in_force_from.FormatUk())) + "</dl>";

  // Where the reader stands, before the text: what they have to do, and by when.
  const std::string words = OwnAcknowledgementWords(v.acknowledgement, v.gate, v.mode);
  if (v.acknowledgement.state == governance::AcknowledgementState::kOverdue) {
    m += "<div class=\"govuk-warning-text\" id=\"acknowledgement-state\"><span class=\"govuk-warning-text__icon\" "
         "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">"
         "Warning</span>" + words + "</strong></div>";
  } else if (!words.empty()) {
    m += "<div class=\"govuk-inset-text\" id=\"acknowledgement-state\">" + words + "</div>";
  }

  m += "<div id=\"" + std::string(kPolicyTextId) + "\">" + PolicyParagraphs(p.text) + "</div>";
  if (!acknowledged) {
    m += OpenForm("/confidentiality-policy/acknowledge", who.csrf);
    m += HiddenFields({{"version", p.version}, {"digest", v.digest}});
    m += SubmitButton("I have read and understood this policy");
    m += kCloseForm;
  }
  PageOptions o = SignedInOptions(options, "Confidentiality policy", who);
  o.has_error = !v.errors.empty();
  return Page(v.errors.empty() ? 200 : 400, o, m + links);
}

}  // namespace confide::web
