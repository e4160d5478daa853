// Record a safeguarding concern: when and where, what happened, what you did, check your answers,
// then the confirmation. The recording standards are in the questions: facts and opinions apart,
// the child's own words exactly as said.
#include "domain/uk_time.h"
#include "web/concern_draft.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/words.h"

namespace confide::web {
namespace {

std::string Action(domain::PersonId child) { return "/children/" + std::to_string(child) + "/concerns"; }

// The hidden fields: the answers of every other step, and which step this form is.
std::string Carry(const ConcernDraft& d, std::string_view step, const std::vector<std::string>& own) {
  auto fields = d.Fields();
  for (const std::string& f : own) fields.erase(f);
  fields["step"] = std::string(step);
  return HiddenFields(fields);
}

std::string ChangeButton(std::string_view step, std::string_view what) {
  return "<button type=\"submit\" name=\"go\" value=\"" + std::string(step) + "\" class=\"confide-link-button\">Change<span "
         "class=\"govuk-visually-hidden\"> " + Escape(what) + "</span></button>";
}

std::string AnswerRow(std::string_view key, std::string_view value, std::string_view step) {
  return "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">" + Escape(key) +
         "</dt><dd class=\"govuk-summary-list__value confide-answer\">" + (value.empty() ? "Not given" : Escape(value)) +
         "</dd><dd class=\"govuk-summary-list__actions\">" + ChangeButton(step, key) + "</dd></div>";
}

std::string TierWords(std::string_view tier) {
  if (tier == "general") return "General: staff working with the child";
  if (tier == "restricted") return "Restricted: designated safeguarding leads only";
  return "Sensitive: allocated staff, managers and designated safeguarding leads";
}

}  // namespace

http::Response ConcernStepPage(const WebOptions& options, const SignedIn& who, const domain::Person& child, std::string_view step,
                               const ConcernDraft& d, const std::vector<FieldError>& errors) {
  const std::string name = domain::DisplayName(child.details);
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + ErrorSummary(errors);
  m += "<span class=\"govuk-caption-l\">Safeguarding concern about " + Escape(name) + "</span>";
  m += OpenForm(Action(child.id), who.csrf);
  std::string title;
  if (step == "when") {
    title = "When and where did it happen?";
    m += "<h1 class=\"govuk-heading-l\">" + title + "</h1>";
    m += Carry(d, step, {"when_day", "when_month", "when_year", "when_hour", "when_minute", "where", "who_present"});
    m += DateInputGroup("when", "Date", "For example, 27 3 2026", d.day, d.month, d.year, errors);
    bool time_error = false;
    for (const auto& e : errors) time_error |= e.field == "when_day";
    m += TimeInputs("when", d.hour, d.minute, time_error);
    TextInput where = PlainInput("where", "Where", d.where);
    where.spellcheck = true;
    m += TextInputGroup(where, errors);
    m += TextareaGroup("who_present", "Who was there", "Adults and children, with their role, for example 'her key person'", d.who_present,
                       errors, 3);
  } else if (step == "what") {
    title = "What happened?";
    m += "<h1 class=\"govuk-heading-l\">" + title + "</h1>";
    m += Carry(d, step, {"seen", "opinion", "childs_words", "injuries"});
    m += TextareaGroup("seen", "What you saw or heard (facts)", "Only what you saw or heard yourself. Record opinions below.", d.seen,
                       errors);
    m += TextareaGroup("childs_words", "What the child said, in their own words (if anything)",
                       "Exactly as they said it, even if it is unclear or ungrammatical. Do not put words in their mouth.",
                       d.childs_words, errors, 3);
    m += TextareaGroup("injuries", "Injuries you saw (if any)", "Where on the body, size and colour. Do not examine the child.",
                       d.injuries, errors, 3);
    m += TextareaGroup("opinion", "Your professional opinion (if any)", "What you think it means, and why, so a reader can weigh it.", d.opinion,
                       errors, 3);
  } else if (step == "action") {
    title = "What did you do?";
    m += "<h1 class=\"govuk-heading-l\">" + title + "</h1>";
    m += Carry(d, step, {"action", "summary", "tier"});
    m += TextareaGroup("action", "What you did about it", "For example, who you told and when", d.action, errors, 3);
    TextInput summary = PlainInput("summary", "A one-line summary for the chronology", d.summary);
    summary.spellcheck = true;
    summary.hint = "For example, 'Bruise on left arm seen at drop-off'";
    m += TextInputGroup(summary, errors);
    m += TierRadios(d.tier, errors);
  } else {
    title = "Check your answers before recording the concern";
    m += "<h1 class=\"govuk-heading-l\">" + title + "</h1>";
    m += Carry(d, step, {});
    m += "<dl class=\"govuk-summary-list\">";
    const std::optional<UnixMicros> when = d.When();
    m += AnswerRow("Date and time", when ? domain::FormatUkDateTime(*when) : "Not a real date and time", "when");
    m += AnswerRow("Where", d.where, "when");
    m += AnswerRow("Who was there", d.who_present, "when");
    m += AnswerRow("What you saw or heard", d.seen, "what");
    m += AnswerRow("The child's words", d.childs_words, "what");
    m += AnswerRow("Injuries", d.injuries, "what");
    m += AnswerRow("Your professional opinion", d.opinion, "what");
    m += AnswerRow("What you did", d.action, "action");
    m += AnswerRow("Summary", d.summary, "action");
    m += AnswerRow("Who may see it", TierWords(d.tier), "action");
    m += "</dl><h2 class=\"govuk-heading-m\">Now record the concern</h2><p class=\"govuk-body\">It is dated and signed with your "
         "name, and cannot be changed afterwards without a new version that keeps this one. Tell your designated safeguarding "
         "lead today, as your procedures say.</p>";
    m += "<button type=\"submit\" name=\"go\" value=\"save\" class=\"govuk-button\" data-module=\"govuk-button\">Record the concern</button>";
    m += kCloseForm;
    m += "</div></div>";
    return Page(200, SignedInOptions(options, title, who), m);
  }
  m += "<button type=\"submit\" name=\"go\" value=\"next\" class=\"govuk-button\" data-module=\"govuk-button\">Continue</button>";
  m += kCloseForm;
  m += "</div></div>";
  PageOptions o = SignedInOptions(options, title, who);
  o.has_error = !errors.empty();
  return Page(errors.empty() ? 200 : 400, o, m);
}

http::Response ConcernRecordedPage(const WebOptions& options, const SignedIn& who, const domain::Person& child, domain::RecordId record) {
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">"
                  "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">Concern recorded</h1>"
                  "<div class=\"govuk-panel__body\">Record number<br><strong>" + std::to_string(record) + "</strong></div></div>"
                  "<h2 class=\"govuk-heading-m\">What happens next</h2><p class=\"govuk-body\">Tell your designated safeguarding lead "
                  "today if you have not already. If you think the child is in immediate danger, call the police on 999.</p>"
                  "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/records/" + std::to_string(record) + "\">See the concern</a> or "
                  "<a class=\"govuk-link\" href=\"/children/" + std::to_string(child.id) + "/chronology\">go to " +
                  Escape(domain::DisplayName(child.details)) + "'s chronology</a>.</p></div></div>";
  return Page(200, SignedInOptions(options, "Concern recorded", who), m);
}

}  // namespace confide::web
