// Recording a request to share (someone asks), a proposal (we would share) or a request for advice
// (no names): one page of questions, since the decision needs them all, decided as soon as it is
// recorded.
#include <algorithm>

#include "web/form_html.h"
#include "web/html.h"
#include "web/sharing_pages.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

using namespace sharing;

bool Has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

template <typename E>
std::vector<RadioOption> EnumRadios(std::initializer_list<E> values) {
  std::vector<RadioOption> out;
  for (E e : values) out.push_back({std::string(Name(e)), Words(e), ""});
  return out;
}

// A supporting document: its checkbox, revealing the box for its reference (shown to everyone
// when JavaScript is off).
std::string DocumentItem(Document d, const SharingRequestForm& f) {
  const std::string kind(Name(d));
  const bool ticked = Has(f.documents, kind);
  const std::string id = "document_" + kind, conditional = "conditional-" + id;
  auto ref = f.references.find(kind);
  std::string h = "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"" + id + "\" name=\"" + id +
                  "\" type=\"checkbox\" value=\"yes\" data-aria-controls=\"" + conditional + "\"" + (ticked ? " checked" : "") +
                  "><label class=\"govuk-label govuk-checkboxes__label\" for=\"" + id + "\">" + Escape(Words(d)) + "</label></div>";
  h += "<div class=\"govuk-checkboxes__conditional" + std::string(ticked ? "" : " govuk-checkboxes__conditional--hidden") +
       "\" id=\"" + conditional + "\">";
  TextInput input;
  input.id = "reference_" + kind;
  input.label = "Reference of the " + Words(d);
  input.value = ref == f.references.end() ? "" : ref->second;
  input.spellcheck = false;
  input.autocomplete = "off";
  h += TextInputGroup(input, f.errors) + "</div>";
  return h;
}

}  // namespace

http::Response NewSharingRequestPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                                     const SharingChoices& choices, const SharingRequestForm& f) {
  const SharingPolicy& policy = *choices.policy;
  const std::string name = domain::DisplayName(child.details);
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + ErrorSummary(f.errors);
  m += "<span class=\"govuk-caption-l\">" + Escape(name) + "</span><h1 class=\"govuk-heading-l\">Record a request or proposal to "
       "share</h1><p class=\"govuk-body\">Confide decides at once on what you record here and on what it knows itself: consent "
       "in the registry, whether the recipient is verified, restrictions around the child and the agreement. Nothing is "
       "shared until the decision allows it and any approval it needs is given.</p>";
  m += OpenForm("/children/" + std::to_string(child.id) + "/sharing", who.csrf);
  m += RadiosGroup("direction", "What is this",
                   {{"incoming", Words(Direction::kIncoming), "Another agency or a person asks for information"},
                    {"outgoing", Words(Direction::kOutgoing), "For example a referral, or the child moves to another area"},
                    {"advice", Words(Direction::kAdvice), "A consultation: only a summary without names leaves"}},
                   f.direction, f.errors);

  std::vector<SelectOption> recipients{{"", "Choose a recipient"}};
  for (const Recipient& r : choices.recipients) {
    recipients.push_back({std::to_string(r.id), r.name + (r.organisation.empty() ? "" : ", " + r.organisation) + " (" + Words(r.kind) +
                                                    (r.Verified() ? ", verified)" : ", not verified)")});
  }
  recipients.push_back({"other", "Someone not in the directory"});
  m += SelectGroup("recipient", "Who asks, or who would receive it", recipients, f.recipient, f.errors);
  std::vector<SelectOption> kinds{{"", "Choose a kind"}};
  for (size_t i = 0; i < Count<RecipientKind>(); ++i) {
    const auto k = static_cast<RecipientKind>(i);
    kinds.push_back({std::string(Name(k)), Words(k)});
  }
  m += SelectGroup("recipient_kind", "If not in the directory: what kind of recipient", kinds, f.recipient_kind, f.errors);

  std::vector<RadioOption> purposes;
  for (const Purpose& p : policy.purposes()) purposes.push_back({p.id, p.says, ""});
  m += RadiosGroup("purpose", "Purpose", purposes, f.purpose, f.errors);

  std::vector<CheckboxOption> categories;
  for (const Category& c : policy.categories()) categories.push_back({c.id, c.says, "", Has(f.categories, c.id)});
  m += CheckboxesGroup("category", "Information asked for, or proposed",
                       "Only what the purpose needs leaves; the decision says what is withheld", categories, f.errors);

  if (!choices.agreements.empty()) {
    std::vector<SelectOption> agreements{{"", "None"}};
    for (const SharingAgreement& a : choices.agreements) agreements.push_back({std::to_string(a.id), a.name});
    m += SelectGroup("agreement", "Under an information-sharing agreement (optional)", agreements, f.agreement, f.errors);
  }
  m += RadiosGroup("channel", "How it came, or how it would go",
                   EnumRadios({Channel::kPhone, Channel::kEmail, Channel::kSecureEmail, Channel::kLetter, Channel::kPortal,
                               Channel::kInPerson}),
                   f.channel, f.errors);
  m += RadiosGroup("urgency", "How urgent", EnumRadios({Urgency::kRoutine, Urgency::kUrgent, Urgency::kEmergency}), f.urgency,
                   f.errors);

  m += "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\" aria-describedby=\"document-hint\"><legend "
       "class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Supporting documents held</legend><div id=\"document-hint\" "
       "class=\"govuk-hint\">A letter or call from a lawyer is not a court order; the police need their request form</div>"
       "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">";
  for (size_t i = 0; i < Count<Document>(); ++i) m += DocumentItem(static_cast<Document>(i), f);
  m += "</div></fieldset></div>";

  std::vector<CheckboxOption> answers;
  for (size_t i = 0; i < Count<Fact>(); ++i) {
    const auto fact = static_cast<Fact>(i);
    if (IsAnswerableFact(fact)) answers.push_back({std::string(Name(fact)), Question(fact), "", Has(f.answers, std::string(Name(fact)))});
  }
  m += CheckboxesGroup("answer", "What you know", "Tick each that is true. Confide works out consent, verification and restrictions itself",
                       answers, f.errors);
  m += TextareaGroup("details", "What was asked, or what you propose (optional)", "In the asker's words, if someone asks", f.details,
                     f.errors, 3);
  m += TextareaGroup("reasons", "Why sharing is necessary and proportionate",
                     "Or, for a request, the reasons the asker gave. This is kept with the decision", f.reasons, f.errors, 4);
  return FinishFormPage(options, who, "Record a request or proposal to share", m, "Record and decide", f.errors);
}

}  // namespace confide::web
