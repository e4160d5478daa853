// The Freedom of Information register and the form for a new request (web/foi_pages.h).
#include "web/foi_pages.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

// The register's "Due" column: the date, why there is none, or when it was answered.
std::string Due(const service::FoiCase& c) {
  if (c.answered_on) return Escape("Answered " + c.answered_on->FormatUk() + (c.answered_late ? ", late" : ""));
  if (c.state == "destroyed" || c.state == "closed") return "–";
  if (c.deadline.due_on) return Escape(c.deadline.due_on->FormatUk());
  if (!c.deadline.waiting_for.empty()) return Escape("Clock stopped: " + c.deadline.waiting_for + " awaited");
  return "–";
}

}  // namespace

std::string FoiStepWords(service::FoiStepKind k) {
  switch (k) {
    case service::FoiStepKind::kClarificationRequested: return "Clarification asked for";
    case service::FoiStepKind::kClarificationReceived: return "Clarification received";
    case service::FoiStepKind::kFeeNotice: return "Fees notice given";
    case service::FoiStepKind::kFeeReceived: return "Fee received";
    case service::FoiStepKind::kExtended: return "Extended for the public interest test";
    case service::FoiStepKind::kRoutedToSubjectAccess: return "Routed to subject access";
    case service::FoiStepKind::kResponded: return "Responded";
    case service::FoiStepKind::kClosed: return "Closed";
  }
  return "Unknown";
}

std::string FoiOutcomeWords(service::FoiOutcome o) {
  switch (o) {
    case service::FoiOutcome::kDisclosed: return "Disclosed";
    case service::FoiOutcome::kDisclosedInPart: return "Disclosed in part";
    case service::FoiOutcome::kRefused: return "Refused";
    case service::FoiOutcome::kNotHeld: return "Not held";
  }
  return "Unknown";
}

std::string FoiChannelWords(std::string_view channel) {
  if (channel == "email") return "Email";
  if (channel == "letter") return "Letter";
  if (channel == "web form" || channel == "web_form") return "Web form";
  if (channel == "other") return "Another way";
  return std::string(channel);
}

std::string FoiStateTag(const service::FoiCase& c) {
  if (c.overdue) return Tag("red", "Overdue");
  if (c.state == "awaiting_clarification") return Tag("purple", "Awaiting clarification");
  if (c.state == "awaiting_fee") return Tag("yellow", "Awaiting fee");
  if (c.state == "responded") return Tag("green", "Responded");
  if (c.state == "routed_to_subject_access") return Tag("blue", "Routed to subject access");
  if (c.state == "closed") return Tag("grey", "Closed");
  if (c.state == "destroyed") return Tag("grey", "Details destroyed");
  return Tag("orange", "Open");
}

std::string FoiBreadcrumbs() {
  return "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\"><li "
         "class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/foi\">Freedom of Information "
         "requests</a></li></ol></nav>";
}

http::Response FoiRegisterPage(const WebOptions& options, const SignedIn& who, const FoiRegisterView& v) {
  std::string m = "<h1 class=\"govuk-heading-l\">Freedom of Information requests</h1>";
  m += "<p class=\"govuk-body\">Requests for the organisation's information under the Freedom of Information Act 2000. The "
       "reply is due by the 20th working day after the day the request arrived (s.10). Asking for clarification stops the "
       "clock until the answer arrives; the working days a fees notice waits for payment do not count; the time can be "
       "extended to weigh the public interest for a qualified exemption.</p>";
  if (v.maintained_school) {
    m += "<p class=\"govuk-body\" id=\"maintained-school\">This organisation is a maintained school: the reply is due by the "
         "20th school day or the 60th working day after the request arrived, whichever is earlier.</p>";
  }
  m += "<p class=\"govuk-body\"><a class=\"govuk-button\" data-module=\"govuk-button\" href=\"/foi/new\">Record a request</a></p>";
  if (v.requests.empty()) {
    m += "<p class=\"govuk-body\" id=\"no-requests\">" +
         std::string(v.all ? "There are no Freedom of Information requests." : "There are no open Freedom of Information requests.") +
         "</p>";
  } else {
    m += TableStart("foi-requests", v.all ? "Every request, the most urgent first" : "Open requests, the most urgent first",
                    "govuk-table__caption--m", {"Request", "Received", "State", "Due"});
    // No requester's name here: the list stays free of personal data.
    for (const service::FoiCase& c : v.requests) {
      const std::string id = std::to_string(c.id);
      m += "<tr class=\"govuk-table__row\" id=\"request-" + id + "\">" +
           TableCell("<a class=\"govuk-link\" href=\"/foi/" + id + "\">Request " + id + "</a>") +
           TableCell(Escape(c.intake.received_on.FormatUk())) + TableCell(FoiStateTag(c)) + TableCell(Due(c)) + "</tr>";
    }
    m += "</tbody></table>";
  }
  m += v.all ? "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/foi\">Show open requests only</a></p>"
             : "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/foi?all=true\">Show answered and closed requests "
               "too</a></p>";
  return Page(200, SignedInOptions(options, "Freedom of Information requests", who), m);
}

http::Response FoiNewPage(const WebOptions& options, const SignedIn& who, const FoiIntakeForm& f) {
  std::string m = FoiBreadcrumbs() + ErrorSummary(f.errors);
  m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h1 class=\"govuk-heading-l\">Record a Freedom "
       "of Information request</h1>";
  m += "<p class=\"govuk-body\">Record every written request as it arrives, even one that turns out to be for the "
       "requester's own personal data: that one is then routed to subject access from its page.</p>";
  m += OpenForm("/foi/new", who.csrf);
  m += DateInputGroup("received", "The day it arrived", "For example, 2 11 2026", f.day, f.month, f.year, f.errors);
  m += TextInputGroup(PlainInput("requester_name", "The requester's name", f.requester_name), f.errors);
  m += TextareaGroup("contact", "Where the reply goes (optional)", "An email or postal address", f.contact, f.errors, 2);
  m += TextareaGroup("request_text", "What they asked for", "In their words", f.request_text, f.errors, 4);
  m += RadiosGroup("channel", "How it arrived (optional)",
                   {{"email", FoiChannelWords("email"), ""},
                    {"letter", FoiChannelWords("letter"), ""},
                    {"web_form", FoiChannelWords("web_form"), ""},
                    {"other", FoiChannelWords("other"), "For example, a message on social media"}},
                   f.channel, f.errors);
  m += SubmitButton("Record the request") + std::string(kCloseForm) + "</div></div>";
  PageOptions o = SignedInOptions(options, "Record a Freedom of Information request", who);
  o.has_error = !f.errors.empty();
  return Page(f.errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
