// Sending a disclosure: the minimum dataset read before it leaves (what goes, what is held back),
// whether the person is told, and the confirmation with the sealed package to pass on.
#include "domain/uk_time.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/sharing_pages.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

std::string Recipient(const sharing::SharingCase& c) {
  return c.recipient ? c.recipient->name + (c.recipient->organisation.empty() ? "" : ", " + c.recipient->organisation)
                     : Words(c.request.recipient_kind);
}

// The paths of what left or was held back, in a details element: long, for whoever checks.
std::string PathList(std::string_view summary, const std::vector<std::string>& paths) {
  std::string h = "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">" +
                  Escape(summary) + " (" + std::to_string(paths.size()) + ")</span></summary><div class=\"govuk-details__text\">"
                  "<ul class=\"govuk-list confide-paths\">";
  for (const std::string& p : paths) h += "<li><code>" + Escape(p) + "</code></li>";
  return h + "</ul></div></details>";
}

}  // namespace

http::Response DisclosurePreviewPage(const WebOptions& options, const SignedIn& who, const ChildLabel& child,
                                     const sharing::SharingCase& c, const sharing::MinimumDataset& dataset, const SendForm& form) {
  const std::string base = "/sharing/" + std::to_string(c.request.id);
  const sharing::RecordedDecision* d = c.Current();
  std::string m = ErrorSummary(form.errors);
  m += "<span class=\"govuk-caption-l\">" + Escape(child.Text()) +
       "</span><h1 class=\"govuk-heading-l\">Check the minimum dataset before it is sent</h1>";
  m += "<dl class=\"govuk-summary-list\">";
  m += SummaryRow("To", Escape(Recipient(c)));
  if (c.recipient && !c.recipient->secure_channel.empty()) m += SummaryRow("Their secure channel", Escape(c.recipient->secure_channel));
  if (d) m += SummaryRow("Lawful basis", Escape(Words(d->decision.basis)));
  m += SummaryRow("What leaves", std::to_string(dataset.fields.size()) + " fields");
  m += SummaryRow("Held back or redacted", std::to_string(dataset.withheld.size()) + " fields");
  m += "</dl>";
  m += "<p class=\"govuk-body\">Read it as the recipient will. Names Confide was never told cannot be found in free text: if you see "
       "anything that should not go, do not send it, and ask your designated safeguarding lead.</p>";
  m += "<h2 class=\"govuk-heading-m\">The document</h2><div class=\"confide-document\" tabindex=\"0\" role=\"region\" "
       "aria-label=\"The document to be sent\">" + Escape(dataset.document) + "</div>";
  m += PathList("Exactly what leaves, field by field", dataset.fields);
  m += PathList("What is held back or redacted", dataset.withheld);

  const bool sealable = c.recipient && c.recipient->public_key.size() == 32;
  if (!sealable) {
    m += "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong "
         "class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>The recipient has no key for "
         "disclosure packages in the directory, so Confide cannot seal one to them. Ask whoever keeps the directory to add "
         "their key, or record a share made through their secure channel (confide sharing record, or the API).</strong></div>";
    m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" + base + "\">Back to the task list</a></p>";
    return Page(200, SignedInOptions(options, "Check the minimum dataset before it is sent", who), m);
  }
  m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + OpenForm(base + "/send", who.csrf);
  const std::string told = !form.told.empty() ? form.told : (d && d->decision.tell_subject ? "yes" : "");
  m += RadiosGroup("told", "Will the person be told what was shared?",
                   {{"yes", "Yes", "What was shared, with whom and why"},
                    {"no", "No", "Telling them would prejudice the purpose or put someone at risk"}},
                   told, form.errors);
  m += TextareaGroup("not_told_reason", "If not, why not", "This is kept with the disclosure", form.not_told_reason, form.errors, 3);
  m += SubmitButton("Send as a disclosure package") + std::string(kCloseForm);
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" + base + "\">Back to the task list</a></p></div></div>";
  PageOptions o = SignedInOptions(options, "Check the minimum dataset before it is sent", who);
  o.has_error = !form.errors.empty();
  return Page(form.errors.empty() ? 200 : 400, o, m);
}

http::Response DisclosureSentPage(const WebOptions& options, const SignedIn& who, const ChildLabel& child,
                                  const sharing::SharingCase& c, const sharing::RecordedDisclosure& disclosure) {
  const std::string base = "/sharing/" + std::to_string(c.request.id);
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";
  m += "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Disclosure package sealed</h1>"
       "<div class=\"govuk-panel__body\">Package<br><strong>" + Escape(disclosure.package_id) + "</strong></div></div>";
  m += "<p class=\"govuk-body\">Confide has recorded exactly what left, for " + Escape(child.Text()) + ", on " +
       Escape(domain::FormatUkDateTime(disclosure.sent_at)) + ". The package is signed by the organisation and sealed so that "
       "only " + Escape(Recipient(c)) + " can open it, once, before it expires.</p>";
  m += "<h2 class=\"govuk-heading-m\">What to do now</h2><ol class=\"govuk-list govuk-list--number\">"
       "<li><a class=\"govuk-link\" href=\"" + base + "/disclosures/" + std::to_string(disclosure.id) +
       "/package\" download>Download the package</a> (it is encrypted: nobody else can read it).</li>"
       "<li>Send it through " + Escape(c.recipient && !c.recipient->secure_channel.empty() ? c.recipient->secure_channel : "their secure channel") +
       ".</li><li>They open it with <code>confide package open</code> and their key, and send back the receipt.</li></ol>";
  if (!disclosure.subject_told) {
    m += "<p class=\"govuk-body\">The person is not told: " + Escape(disclosure.not_told_reason) + "</p>";
  } else {
    m += "<p class=\"govuk-body\">Tell the person what was shared, with whom and why.</p>";
  }
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" + base + "\">Back to the task list</a></p></div></div>";
  return Page(200, SignedInOptions(options, "Disclosure package sealed", who), m);
}

}  // namespace confide::web
