// One Freedom of Information request: what was asked and by whom, its deadline with the arithmetic,
// its steps with the exemptions relied on and, until it is finished, the form to add a step
// (web/foi_pages.h).
#include "governance/foi_exemptions.h"
#include "web/foi_pages.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

bool Finished(const service::FoiCase& c) {
  return c.state == "responded" || c.state == "routed_to_subject_access" || c.state == "closed" || c.state == "destroyed";
}

std::string DueWords(const service::FoiCase& c) {
  if (c.deadline.due_on) return Escape(c.deadline.due_on->FormatUk());
  if (!c.deadline.waiting_for.empty()) return Escape("No date while " + c.deadline.waiting_for + " is awaited: the clock is stopped");
  return "No date";
}

// Each exemption relied on: its section and name, why it applies and, for a qualified one, the
// public interest test.
std::string ExemptionsCell(const std::vector<service::FoiExemptionUse>& uses) {
  if (uses.empty()) return "–";
  std::string h = "<ul class=\"govuk-list\">";
  for (const service::FoiExemptionUse& u : uses) {
    const governance::FoiExemption* e = governance::FindFoiExemption(u.exemption);
    const std::string ground = e ? std::string(e->section) + " " + std::string(e->name) : u.exemption;
    h += "<li><strong>" + Escape(ground) + "</strong>: " + Escape(u.reason);
    if (!u.public_interest.empty()) h += "<br>Public interest: " + Escape(u.public_interest);
    h += "</li>";
  }
  return h + "</ul>";
}

// How the date was worked out, a sentence a step.
std::string Explanation(const service::FoiCase& c) {
  std::string items;
  for (const std::string& line : c.deadline.explanation) items += "<li>" + Escape(line) + "</li>";
  return "<h2 class=\"govuk-heading-m\">How the date was worked out</h2><ol class=\"govuk-list govuk-list--number\" "
         "id=\"foi-explanation\">" + items + "</ol>";
}

std::string Steps(const service::FoiCase& c) {
  std::string m = "<h2 class=\"govuk-heading-m\">Steps</h2>";
  if (c.steps.empty()) return m + "<p class=\"govuk-body\">No steps yet.</p>";
  m += TableStart("foi-steps", "Steps", "govuk-visually-hidden",
                  {"Step", "On", "Note", "Outcome", "Exemptions relied on", "Working days", "Subject access request"});
  for (const service::FoiStep& s : c.steps) {
    const std::string sar = s.subject_access_request_id ? std::to_string(*s.subject_access_request_id) : "";
    m += "<tr class=\"govuk-table__row\">" + TableCell(Escape(FoiStepWords(s.kind))) + TableCell(Escape(s.on.FormatUk())) +
         TableCell(s.note.empty() ? "–" : Escape(s.note)) + TableCell(s.outcome ? Escape(FoiOutcomeWords(*s.outcome)) : "–") +
         TableCell(ExemptionsCell(s.exemptions)) + TableCell(s.working_days ? std::to_string(s.working_days) : "–") +
         TableCell(sar.empty() ? "–" : "<a class=\"govuk-link\" href=\"/subject-access/" + sar + "\">Request " + sar + "</a>") +
         "</tr>";
  }
  return m + "</tbody></table>";
}

// The steps that fit the request as it stands, in the order offered.
std::vector<RadioOption> StepKinds(const service::FoiCase& c) {
  std::vector<RadioOption> kinds;
  auto add = [&kinds](service::FoiStepKind k, std::string hint) {
    kinds.push_back({std::string(service::ToString(k)), FoiStepWords(k), std::move(hint)});
  };
  if (c.deadline.waiting_for == "clarification") {
    add(service::FoiStepKind::kClarificationReceived, "The 20 working days count again from the day it arrived");
  } else if (c.deadline.waiting_for == "the fee") {
    add(service::FoiStepKind::kFeeReceived, "The working days from the notice to the payment, both included, do not count");
  } else {
    add(service::FoiStepKind::kClarificationRequested,
        "The clock stops until the answer arrives (s.1(3)): only when you need it to find the information asked for");
    add(service::FoiStepKind::kFeeNotice, "The working days until the fee arrives do not count (s.9)");
    add(service::FoiStepKind::kExtended,
        "Further working days to weigh the public interest for a qualified exemption (s.10(3)): tick the exemption below");
  }
  add(service::FoiStepKind::kRoutedToSubjectAccess, "They asked for their own personal data (s.40(1))");
  add(service::FoiStepKind::kResponded, "The reply: its outcome below, with every exemption relied on");
  add(service::FoiStepKind::kClosed, "Withdrawn, or the clarification or the fee never came");
  return kinds;
}

// The step form's errors where the page shows them: an error about the kind on the first option
// offered; once the request is finished (no form), on the request's summary.
std::vector<FieldError> StepErrors(const FoiRequestView& v) {
  std::vector<FieldError> errors = v.step.errors;
  const bool finished = Finished(v.request);
  for (FieldError& e : errors) {
    if (finished) {
      e.field = "foi-summary";
    } else if (e.field == "kind") {
      e.field = "kind-" + StepKinds(v.request).front().value;
    }
  }
  return errors;
}

// A box for each ground, revealing why it applies and, for a qualified one, the public interest test.
std::string Exemptions(const FoiStepForm& f, const std::vector<FieldError>& errors) {
  std::string items;
  for (const governance::FoiExemption& e : governance::FoiExemptions()) {
    const std::string id(e.id), section(e.section);
    const auto answer = f.exemptions.find(id);
    const bool ticked = answer != f.exemptions.end() && answer->second.ticked;
    const std::string reason = answer == f.exemptions.end() ? "" : answer->second.reason;
    const std::string public_interest = answer == f.exemptions.end() ? "" : answer->second.public_interest;
    const std::string conditional = "conditional-exemption_" + id;
    items += Checkbox("exemption", id, section + " " + std::string(e.name), ticked,
                      e.qualified ? "Qualified: the public interest test applies" : "Absolute", conditional);
    items += "<div class=\"govuk-checkboxes__conditional" + std::string(ticked ? "" : " govuk-checkboxes__conditional--hidden") +
             "\" id=\"" + conditional + "\">";
    items += TextareaGroup("reason_" + id, "Why " + section + " applies", "", reason, errors, 2);
    if (e.qualified) {
      items += TextareaGroup("public_interest_" + id, "The public interest test for " + section,
                             "Why the public interest in withholding the information outweighs the public interest in disclosing it",
                             public_interest, errors, 2);
    }
    items += "</div>";
  }
  const FieldError* error = nullptr;
  for (const FieldError& e : errors) {
    if (!error && e.field.starts_with("exemption_")) error = &e;
  }
  return CheckboxesFieldset("exemption", "Exemptions relied on",
                            "For a reply that withholds information (refused, or disclosed in part): each exemption, with why it "
                            "applies. For an extension: the qualified exemption whose public interest test is being weighed",
                            items, error);
}

std::string StepForm(const FoiRequestView& v, const std::vector<FieldError>& errors, const SignedIn& who) {
  const FoiStepForm& f = v.step;
  std::string m = "<h2 class=\"govuk-heading-m\" id=\"add-step\">Record a step</h2>" +
                  OpenForm("/foi/" + std::to_string(v.request.id) + "/steps", who.csrf);
  m += RadiosGroup("kind", "What happened", StepKinds(v.request), f.kind, errors);
  m += DateInputGroup("on", "On", "For example, 5 11 2026", f.day, f.month, f.year, errors);
  m += TextareaGroup("note", "Note",
                     "What was asked, the fee, why it was extended, routed or closed; for a reply, what was sent, in brief. Not "
                     "needed when the clarification or the fee arrives",
                     f.note, errors, 3);
  TextInput days = PlainInput("working_days", "If extended: further working days (1 to 20)", f.working_days);
  days.inputmode = "numeric";
  days.classes = "govuk-input--width-2";
  m += TextInputGroup(days, errors);
  TextInput sar = PlainInput("subject_access_request_id", "If routed to subject access: the subject access request's number (optional)",
                             f.subject_access_request_id);
  sar.hint = "The number of the request recorded for them, for example 12";
  sar.inputmode = "numeric";
  sar.classes = "govuk-input--width-10";
  m += TextInputGroup(sar, errors);
  m += RadiosGroup("outcome", "If a reply: its outcome",
                   {{"disclosed", FoiOutcomeWords(service::FoiOutcome::kDisclosed), "Everything asked for"},
                    {"disclosed_in_part", FoiOutcomeWords(service::FoiOutcome::kDisclosedInPart), "Some of it withheld under an exemption"},
                    {"refused", FoiOutcomeWords(service::FoiOutcome::kRefused),
                     "All of it withheld under an exemption, or refused for cost or as vexatious"},
                    {"not_held", FoiOutcomeWords(service::FoiOutcome::kNotHeld), "The organisation does not hold the information"}},
                   f.outcome, errors);
  m += Exemptions(f, errors);
  return m + SubmitButton("Record the step") + std::string(kCloseForm);
}

}  // namespace

http::Response FoiRequestPage(const WebOptions& options, const SignedIn& who, const FoiRequestView& v) {
  const service::FoiCase& c = v.request;
  const std::string id = std::to_string(c.id);
  const std::vector<FieldError> errors = StepErrors(v);
  std::string m = FoiBreadcrumbs() + ErrorSummary(errors);
  if (!v.notice.empty()) m += SuccessBanner(v.notice);
  m += "<h1 class=\"govuk-heading-l\">Freedom of Information request " + id + "</h1>";
  m += "<dl class=\"govuk-summary-list\" id=\"foi-summary\">";
  m += SummaryRow("Received", Escape(c.intake.received_on.FormatUk()));
  m += SummaryRow("Requester", Escape(c.intake.requester_name));
  if (!c.intake.contact.empty()) m += SummaryRow("Where the reply goes", Escape(c.intake.contact));
  if (!c.intake.channel.empty()) m += SummaryRow("How it arrived", Escape(FoiChannelWords(c.intake.channel)));
  m += SummaryRow("Asked for", Escape(c.intake.request_text));
  m += SummaryRow("State", FoiStateTag(c));
  m += SummaryRow("Due", "<strong id=\"foi-due\">" + DueWords(c) + "</strong>");
  if (c.deadline.statutory_due_on && c.deadline.due_on && *c.deadline.statutory_due_on != *c.deadline.due_on) {
    m += SummaryRow("Due before the extension", Escape(c.deadline.statutory_due_on->FormatUk()));
  }
  if (c.answered_on) {
    m += SummaryRow("Answered", "<span id=\"foi-answered\">" + Escape(c.answered_on->FormatUk()) + "</span>" +
                                    (c.answered_late ? " " + Tag("red", "Late") : std::string()));
  }
  m += "</dl>";
  if (c.overdue) m += WarningText("This request is past its deadline.");
  m += Explanation(c) + Steps(c);
  if (!Finished(c)) {
    m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";
    m += "<div class=\"govuk-inset-text\" id=\"own-data\">A request for the requester's own personal data is not for the "
         "Freedom of Information Act (s.40(1)): the UK GDPR right of access applies instead. <a class=\"govuk-link\" "
         "href=\"/subject-access/new\">Record a subject access request</a>, then route this request to it below, with its "
         "number.</div>";
    m += StepForm(v, errors, who) + "</div></div>";
  }
  PageOptions o = SignedInOptions(options, "Freedom of Information request " + id, who);
  o.has_error = !errors.empty();
  return Page(errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
