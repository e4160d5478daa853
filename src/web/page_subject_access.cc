// The subject access register and the form for a new request (web/subject_access_pages.h).
#include "domain/uk_time.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/sharing_words.h"
#include "web/subject_access_pages.h"

namespace confide::web {
namespace {

std::string Due(const service::SubjectAccessCase& c) {
  if (c.state == "destroyed") return "–";
  if (c.deadline.due_on) return Escape(c.deadline.due_on->FormatUk());
  return c.deadline.clock == governance::SubjectAccessClock::kStopped ? "Clock stopped: clarification awaited"
                                                                      : "Not started: identity awaited";
}

}  // namespace

std::string SarRequesterWords(service::SarRequester r) {
  switch (r) {
    case service::SarRequester::kSubject: return "The person themself";
    case service::SarRequester::kParent: return "A parent, for their child";
    case service::SarRequester::kRepresentative: return "A representative";
  }
  return "Unknown";
}

std::string SarStepWords(service::SarStepKind k) {
  switch (k) {
    case service::SarStepKind::kIdentityReceived: return "Identity evidence received";
    case service::SarStepKind::kClarificationRequested: return "Clarification asked for";
    case service::SarStepKind::kClarificationReceived: return "Clarification received";
    case service::SarStepKind::kExtended: return "Extended";
    case service::SarStepKind::kRedaction: return "Redaction";
    case service::SarStepKind::kRedactionWithdrawn: return "Redaction withdrawn";
    case service::SarStepKind::kApproved: return "Approved for release";
    case service::SarStepKind::kReleased: return "Released";
    case service::SarStepKind::kClosed: return "Closed";
  }
  return "Unknown";
}

std::string SarGroundWords(governance::RedactionGround g) {
  switch (g) {
    case governance::RedactionGround::kThirdParty: return "Someone else's information";
    case governance::RedactionGround::kAnonymousInformant: return "An informant who asked not to be named";
    case governance::RedactionGround::kChildsExpectation: return "What the child said expecting the requester not to be told";
    case governance::RedactionGround::kSeriousHarm: return "Likely to cause serious harm";
    case governance::RedactionGround::kOtherExemption: return "Another exemption";
  }
  return "Unknown";
}

std::string SarStateTag(const service::SubjectAccessCase& c) {
  if (c.overdue) return Tag("red", "Overdue");
  if (c.state == "awaiting_identity") return Tag("yellow", "Identity awaited");
  if (c.state == "clock_stopped") return Tag("purple", "Clock stopped");
  if (c.state == "approved") return Tag("blue", "Approved");
  if (c.state == "released") return Tag("green", "Released");
  if (c.state == "closed") return Tag("grey", "Closed");
  if (c.state == "destroyed") return Tag("grey", "Records destroyed");
  return Tag("orange", "Open");
}

http::Response SarRegisterPage(const WebOptions& options, const SignedIn& who, const SarRegisterView& v) {
  std::string m = "<h1 class=\"govuk-heading-l\">Subject access requests</h1>";
  m += "<p class=\"govuk-body\">People's requests for a copy of the information held about them (UK GDPR Article 15). "
       "The answer is due one calendar month from the day the request arrived, or from the day the evidence of identity "
       "asked for arrived; it can be extended by two further months for a complex request if the requester is told "
       "within the first month.</p>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-button\" data-module=\"govuk-button\" href=\"/subject-access/new\">Record a new "
       "request</a></p>";
  if (v.requests.empty()) {
    m += "<p class=\"govuk-body\" id=\"no-requests\">" +
         std::string(v.all ? "There are no subject access requests." : "There are no open subject access requests.") + "</p>";
  } else {
    m += "<table class=\"govuk-table\" id=\"sar-requests\"><caption class=\"govuk-table__caption govuk-table__caption--m\">" +
         std::string(v.all ? "Every request, the most urgent first" : "Open requests, the most urgent first") +
         "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
    for (const char* h : {"Request", "About", "Requester", "Received", "Due", "State"}) {
      m += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(h) + "</th>";
    }
    m += "</tr></thead><tbody class=\"govuk-table__body\">";
    for (const service::SubjectAccessCase& c : v.requests) {
      const std::string id = std::to_string(c.id);
      m += "<tr class=\"govuk-table__row\" id=\"request-" + id + "\">" +
           TableCell("<a class=\"govuk-link\" href=\"/subject-access/" + id + "\">Request " + id + "</a>") +
           TableCell("Person " + std::to_string(c.person_id)) + TableCell(c.state == "destroyed" ? "–" : Escape(SarRequesterWords(c.intake.requester))) +
           TableCell(Escape(c.received_on.FormatUk())) + TableCell(Due(c)) + TableCell(SarStateTag(c)) + "</tr>";
    }
    m += "</tbody></table>";
  }
  m += v.all ? "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/subject-access\">Show open requests only</a></p>"
             : "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/subject-access?all=1\">Show released and closed "
               "requests too</a></p>";
  return Page(200, SignedInOptions(options, "Subject access requests", who), m);
}

http::Response SarNewPage(const WebOptions& options, const SignedIn& who, const SarIntakeForm& f) {
  std::string m = "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\"><li "
                  "class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/subject-access\">Subject "
                  "access requests</a></li></ol></nav>";
  m += ErrorSummary(f.errors);
  m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h1 class=\"govuk-heading-l\">Record a subject "
       "access request</h1>" +
       OpenForm("/subject-access", who.csrf);
  TextInput person = PlainInput("person_id", "Whose information: their person id", f.person_id);
  person.hint = "The number on the person's page in Confide, for example 42";
  person.inputmode = "numeric";
  person.classes = "govuk-input--width-10";
  m += TextInputGroup(person, f.errors);
  m += DateInputGroup("received", "The day it arrived", "For example, 2 11 2026", f.day, f.month, f.year, f.errors);
  m += RadiosGroup("requester", "Who is asking",
                   {{"subject", "The person themself", "An adult, or a young person who understands what they are asking for"},
                    {"parent", "A parent, for their child", "Someone with parental responsibility"},
                    {"representative", "A representative", "A solicitor or advocate with the person's written authority"}},
                   f.requester, f.errors);
  m += TextInputGroup(PlainInput("requester_name", "The requester's name", f.requester_name, "off"), f.errors);
  TextInput requester_person = PlainInput("requester_person_id", "The requester's person id, if they are in Confide (optional)",
                                          f.requester_person_id);
  requester_person.hint = "For a parent recorded against the child: Confide then checks their parental responsibility";
  requester_person.inputmode = "numeric";
  requester_person.classes = "govuk-input--width-10";
  m += TextInputGroup(requester_person, f.errors);
  m += TextareaGroup("contact", "How to reach them (optional)", "A postal address or a secure email address", f.contact, f.errors, 2);
  m += TextareaGroup("request_text", "What they asked for", "In their words", f.request_text, f.errors, 3);
  m += RadiosGroup("identity", "Is their identity confirmed?",
                   {{"confirmed", "Yes, confirmed today", "Known to the service, or seen in person: the clock starts today"},
                    {"requested", "No, evidence has been asked for",
                     "The clock starts on the day the evidence arrives"}},
                   f.identity, f.errors);
  m += TextareaGroup("identity_method", "How it was confirmed, or what was asked for", "For example, passport seen at reception",
                     f.identity_method, f.errors, 2);
  m += SubmitButton("Record the request") + std::string(kCloseForm) + "</div></div>";
  PageOptions o = SignedInOptions(options, "Record a subject access request", who);
  o.has_error = !f.errors.empty();
  return Page(f.errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
