// The pages about children: the caseload (home), finding a person, a child's overview, and the
// page for what cannot be shown.
#include "web/form_html.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/words.h"

namespace confide::web {
PageOptions SignedInOptions(const WebOptions& options, std::string title, const SignedIn& who) {
  PageOptions o = OptionsFor(options, std::move(title));
  o.navigation = {{"My caseload", "/", who.current == "/"},
                  {"Find a person", "/search", who.current == "/search"},
                  {"My access history", "/my-access", who.current == "/my-access"}};
  o.sign_out_csrf = who.csrf;
  o.idle_timeout_seconds = options.idle_timeout_seconds;
  return o;
}

http::Response FinishFormPage(const WebOptions& options, const SignedIn& who, std::string title, std::string m,
                              std::string_view submit, const std::vector<FieldError>& errors) {
  m += SubmitButton(submit);
  m += kCloseForm;
  m += "</div></div>";
  PageOptions o = SignedInOptions(options, std::move(title), who);
  o.has_error = !errors.empty();
  return Page(errors.empty() ? 200 : 400, o, m);
}

namespace {

std::string ChildLink(domain::PersonId id, std::string_view name) {
  return "<a class=\"govuk-link\" href=\"/children/" + std::to_string(id) + "\">" + Escape(name) + "</a>";
}

}  // namespace

http::Response CaseloadPage(const WebOptions& options, const SignedIn& who, const std::vector<service::CaseloadItem>& items,
                            std::optional<size_t> awaiting_approval, const HomeTraining& training) {
  std::string m = "<h1 class=\"govuk-heading-l\">My caseload</h1>";
  // What the staff member has to do about their training comes before their work: until it is
  // done, the access gate may hold children's records back.
  m += training.notice_html;
  if (awaiting_approval) {
    const size_t n = *awaiting_approval;
    m += "<div class=\"govuk-inset-text\" id=\"awaiting-approval\"><p class=\"govuk-body\">" +
         (n == 0 ? std::string("No requests to share are waiting for your approval.")
                 : std::to_string(n) + (n == 1 ? " request to share is" : " requests to share are") + " waiting for your approval.") +
         "</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sharing/awaiting-approval\">Waiting for your approval</a></p></div>";
  }
  if (items.empty()) {
    m += "<p class=\"govuk-body\">No children are allocated to you. To find a child, use <a class=\"govuk-link\" "
         "href=\"/search\">Find a person</a>.</p>";
  } else {
    m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m govuk-visually-hidden\">"
         "Children allocated to you</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
         "<th scope=\"col\" class=\"govuk-table__header\">Name</th><th scope=\"col\" class=\"govuk-table__header\">Date of birth</th>"
         "<th scope=\"col\" class=\"govuk-table__header\">Your role</th><th scope=\"col\" class=\"govuk-table__header\">Since</th>"
         "</tr></thead><tbody class=\"govuk-table__body\">";
    for (const service::CaseloadItem& c : items) {
      m += "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">" + ChildLink(c.person_id, c.display_name) +
           "</td><td class=\"govuk-table__cell\">" + Escape(DateWords(c.date_of_birth)) + "</td><td class=\"govuk-table__cell\">" +
           Escape(Words(c.role)) + "</td><td class=\"govuk-table__cell\">" +
           Escape(domain::CivilDate::FromUnixMicros(c.since).FormatUk()) + "</td></tr>";
    }
    m += "</tbody></table>";
  }
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/staff\">Staff administration</a> (for "
       "administrators)</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/deadlines\">Deadlines</a> (subject access and "
       "Freedom of Information requests, breaches' 72 hours, retention reviews, agreement reviews, training refreshers: what you may see of "
       "them)</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/retention\">Retention and destruction</a> "
       "(for the data protection officer)</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/subject-access\">Subject "
       "access requests</a> (for the data protection officer)</p><p class=\"govuk-body\"><a class=\"govuk-link\" "
       "href=\"/foi\">Freedom of Information requests</a> (for the data protection officer)</p><p class=\"govuk-body\"><a "
       "class=\"govuk-link\" href=\"/breaches\">Breach register</a> (for the data protection officer)</p>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/record-of-processing\">Record of processing activities</a> "
       "(UK GDPR Article 30: for staff who share information and the data protection officer)</p>";
  // Everyone's duty, so everyone's link: a breach reported late shortens the 72 hours to the ICO.
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/breaches/report\">Report a breach</a> (personal data sent "
       "to the wrong person, lost, or seen or passed on without a reason to)</p>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/training/mine\">My training</a> (your courses, and the "
       "confidentiality policy to read and acknowledge)</p>";
  // Only for those whose role may read staff: anyone else would be refused the report.
  if (training.report) {
    m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/training\">Training report</a> (everyone's courses and "
         "acknowledgements of the confidentiality policy, overdue first)</p>";
  }
  return Page(200, SignedInOptions(options, "My caseload", who), m);
}

http::Response SearchPage(const WebOptions& options, const SignedIn& who, const SearchForm& form) {
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";
  m += ErrorSummary(form.errors);
  m += "<h1 class=\"govuk-heading-l\">Find a person</h1>"
       "<p class=\"govuk-body\">Search by family name and date of birth, or by NHS number. Names match whatever the "
       "case, spacing or accents, and common short forms of given names.</p>";
  m += OpenForm("/search", who.csrf);
  m += TextInputGroup(PlainInput("family_name", "Family name", form.family_name), form.errors);
  m += TextInputGroup(PlainInput("given_name", "Given name (optional)", form.given_name), form.errors);
  m += DateInputGroup("date_of_birth", "Date of birth", "For example, 27 3 2019", form.day, form.month, form.year, form.errors);
  TextInput nhs = PlainInput("nhs_number", "Or NHS number", form.nhs_number);
  nhs.hint = "10 digits, for example 999 123 4560";
  nhs.classes = "govuk-input--width-10";
  nhs.inputmode = "numeric";
  m += TextInputGroup(nhs, form.errors);
  m += SubmitButton("Search");
  m += kCloseForm;
  m += "</div></div>";
  if (form.results) {
    m += "<h2 class=\"govuk-heading-m\" id=\"results\">" +
         std::string(form.results->empty() ? "No matches" : std::to_string(form.results->size()) +
                                                                 (form.results->size() == 1 ? " match" : " matches")) +
         "</h2>";
    if (form.results->empty()) {
      m += "<p class=\"govuk-body\">Nobody you may see matches. Check the spelling and the date, or try the NHS number.</p>";
    } else {
      m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">People who match</caption>"
           "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Name</th>"
           "<th scope=\"col\" class=\"govuk-table__header\">Date of birth</th><th scope=\"col\" class=\"govuk-table__header\">NHS number</th>"
           "<th scope=\"col\" class=\"govuk-table__header\">Child or adult</th></tr></thead><tbody class=\"govuk-table__body\">";
      for (const service::PersonMatch& p : *form.results) {
        const bool child = p.kind == domain::PersonKind::kChild;
        m += "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">" +
             (child ? ChildLink(p.id, p.display_name) : Escape(p.display_name)) + "</td><td class=\"govuk-table__cell\">" +
             Escape(DateWords(p.date_of_birth)) + "</td><td class=\"govuk-table__cell\">" +
             Escape(p.nhs_number ? p.nhs_number->Formatted() : "") + "</td><td class=\"govuk-table__cell\">" +
             (child ? "Child" : "Adult") + "</td></tr>";
      }
      m += "</tbody></table>";
    }
  }
  PageOptions o = SignedInOptions(options, "Find a person", who);
  o.has_error = !form.errors.empty();
  return Page(form.errors.empty() ? 200 : 400, o, m);
}

http::Response ChildPage(const WebOptions& options, const SignedIn& who, const ChildOverview& v) {
  const domain::PersonDetails& d = v.child.details;
  std::string m = "<span class=\"govuk-caption-l\">Child</span><h1 class=\"govuk-heading-l\">" + Escape(domain::DisplayName(d)) + "</h1>";
  // Alerts first: what must not happen is what a hurried reader most needs to see.
  std::string alerts;
  for (const auto& r : v.related) {
    for (domain::Restriction x : r.relationship.details.restrictions) {
      alerts += "<li>" + Escape(r.name.empty() ? "A related person" : r.name) + " (" +
                Escape(Words(r.relationship.details.kind)) + "): " + Escape(Words(x)) + "</li>";
    }
  }
  if (!alerts.empty()) {
    m += "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
         "<div class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>Restrictions"
         "<ul class=\"govuk-list govuk-list--bullet\">" + alerts + "</ul></div></div>";
  }
  std::string status;
  if (d.status.looked_after) status += "<li>Looked after by " + Escape(d.status.looked_after_by) + "</li>";
  if (d.status.child_protection_plan) status += "<li>Subject of a child protection plan</li>";
  if (d.status.child_in_need) status += "<li>Child in need</li>";
  m += "<dl class=\"govuk-summary-list\">";
  std::string born = Escape(DateWords(d.date_of_birth));
  if (d.date_of_birth) born += " (age " + std::to_string(domain::AgeInYearsOn(*d.date_of_birth, v.today)) + ")";
  m += SummaryRow("Date of birth", born);
  m += SummaryRow("NHS number", Escape(d.nhs_number ? d.nhs_number->Formatted() : "Not recorded"));
  m += SummaryRow("Status", status.empty() ? "No statutory status recorded" : "<ul class=\"govuk-list\">" + status + "</ul>");
  if (!d.address.empty()) m += SummaryRow("Address", Escape(d.address + (d.postcode.empty() ? "" : ", " + d.postcode)));
  m += "</dl>";

  m += "<p class=\"govuk-body\"><a class=\"govuk-link govuk-!-font-weight-bold\" href=\"/children/" + std::to_string(v.child.id) +
       "/chronology\">Chronology</a>: every record about " + Escape(d.given_names.empty() ? "the child" : d.given_names) +
       ", in time order</p>";
  m += "<a class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" href=\"/children/" +
       std::to_string(v.child.id) + "/concerns/new\">Record a safeguarding concern</a> ";
  m += "<a class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" href=\"/children/" +
       std::to_string(v.child.id) + "/notes/new\">Add a case note</a>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-link govuk-!-font-weight-bold\" href=\"/children/" + std::to_string(v.child.id) +
       "/sharing\">Sharing information</a>: requests and proposals to share, each decision with its reasons, what was sent</p>";
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/" + std::to_string(v.child.id) +
       "/access-log\">Who has seen or changed this child's information</a> (designated safeguarding leads and the data "
       "protection officer)</p>";
  m += "<h2 class=\"govuk-heading-m\">People around the child</h2>";
  if (v.related.empty()) {
    m += "<p class=\"govuk-body\">No relationships are recorded.</p>";
  } else {
    m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">Relationships</caption>"
         "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Name</th>"
         "<th scope=\"col\" class=\"govuk-table__header\">Relationship</th><th scope=\"col\" class=\"govuk-table__header\">"
         "Parental responsibility</th><th scope=\"col\" class=\"govuk-table__header\">Lives with the child</th></tr></thead>"
         "<tbody class=\"govuk-table__body\">";
    for (const auto& r : v.related) {
      const auto& rd = r.relationship.details;
      // Someone who may pose a risk of harm is said beside their name, where a practitioner looks first.
      m += "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">" +
           Escape(r.name.empty() ? "Not shown to you" : r.name) +
           (rd.poses_risk ? " <strong class=\"govuk-tag govuk-tag--red\">May pose a risk to the child</strong>" : "") +
           "</td><td class=\"govuk-table__cell\">" + Escape(Words(rd.kind)) +
           "</td><td class=\"govuk-table__cell\">" + (rd.parental_responsibility ? "Yes" : "No") +
           "</td><td class=\"govuk-table__cell\">" + (rd.lives_with ? "Yes" : "No") + "</td></tr>";
    }
    m += "</tbody></table>";
  }
  m += "<h2 class=\"govuk-heading-m\">Staff allocated</h2>";
  if (v.allocations.empty()) {
    m += "<p class=\"govuk-body\">Nobody is allocated.</p>";
  } else {
    m += "<ul class=\"govuk-list\">";
    for (const domain::Allocation& a : v.allocations) {
      m += "<li>" + Escape(Words(a.role)) + " (staff " + std::to_string(a.staff_id) + ")" +
           (a.team.empty() ? "" : ", " + Escape(a.team)) + "</li>";
    }
    m += "</ul>";
  }
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/" + std::to_string(v.child.id) +
       "/allocations\">All allocations, past and present</a></p>";
  return Page(200, SignedInOptions(options, domain::DisplayName(d), who), m);
}

http::Response NotAvailablePage(const WebOptions& options, const SignedIn& who) {
  const std::string m =
      "<h1 class=\"govuk-heading-l\">You cannot see this page</h1>"
      "<p class=\"govuk-body\">Either there is nothing at this address, or your role and your part in the child's care "
      "do not give you access to it. Confide does not say which.</p>"
      "<p class=\"govuk-body\">If you need to see a child's information to keep them safe, ask your designated "
      "safeguarding lead.</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to your caseload</a></p>";
  return Page(404, SignedInOptions(options, "You cannot see this page", who), m);
}

http::Response DestroyedRecordsPage(const WebOptions& options, const SignedIn& who) {
  const std::string m =
      "<h1 class=\"govuk-heading-l\">These records were destroyed</h1>"
      "<p class=\"govuk-body\">They reached the end of their retention period and were securely destroyed after the data "
      "protection officer reviewed them. Nothing of them can be read any more, by anyone.</p>"
      "<p class=\"govuk-body\">The data protection officer holds the destruction certificate that says when and "
      "why.</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to your caseload</a></p>";
  return Page(410, SignedInOptions(options, "These records were destroyed", who), m);
}

http::Response ServiceProblemPage(const WebOptions& options) {
  const std::string m =
      "<h1 class=\"govuk-heading-l\">Sorry, there is a problem with Confide</h1>"
      "<p class=\"govuk-body\">Confide could not record this request in its audit log, so it did not show you the page. "
      "Nothing was changed. Try again in a few minutes; if it keeps happening, tell your Confide administrator.</p>";
  return Page(500, OptionsFor(options, "Sorry, there is a problem with Confide"), m);
}

}  // namespace confide::web
