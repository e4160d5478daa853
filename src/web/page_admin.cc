// Administration: staff accounts, roles, teams, training records and temporary passwords. What
// administrators manage; they read no case content here.
#include "domain/uk_time.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/words.h"

namespace confide::web {
namespace {

constexpr domain::StaffRole kRoles[] = {
    domain::StaffRole::kPractitioner,          domain::StaffRole::kKeyPerson,       domain::StaffRole::kSocialWorker,
    domain::StaffRole::kDesignatedSafeguardingLead, domain::StaffRole::kDeputySafeguardingLead, domain::StaffRole::kManager,
    domain::StaffRole::kDataProtectionOfficer, domain::StaffRole::kAdministrator,   domain::StaffRole::kAuditor,
    domain::StaffRole::kVolunteer};

std::string RoleSelect(std::string_view checked) {
  std::vector<SelectOption> options;
  for (domain::StaffRole r : kRoles) options.push_back({std::string(domain::ToString(r)), Words(r)});
  return SelectGroup("role", "Role", options, checked, {});
}

// The UK day: a refresher lapses at the start of a UK day, which in summer is 23:00 UTC the day before.
std::string DateText(UnixMicros t) { return domain::ToUkLocal(t).date.FormatUk(); }

// "a year", "3 years", "18 months".
std::string MonthsWords(int months) {
  if (months % 12 == 0) return months == 12 ? "a year" : std::to_string(months / 12) + " years";
  return months == 1 ? "a month" : std::to_string(months) + " months";
}

// What a course asks, under its name in the choice: how long it lasts, and who must do it.
std::string CourseHint(const governance::Course& c) {
  std::string hint = c.refresher_months > 0 ? "Lapses " + MonthsWords(c.refresher_months) + " after it is completed" : "";
  if (!c.roles.empty()) {
    std::string roles;
    for (domain::StaffRole r : c.roles) roles += (roles.empty() ? "" : ", ") + Words(r);
    hint += (hint.empty() ? "" : ". ") + std::string("Required of: ") + roles;
  }
  return hint;
}

std::string CourseNameIn(const std::vector<governance::Course>& courses, const std::string& id) {
  for (const governance::Course& c : courses) {
    if (c.id == id) return c.name;
  }
  return id;
}

}  // namespace

http::Response StaffListPage(const WebOptions& options, const SignedIn& who, const std::vector<domain::StaffMember>& staff) {
  std::string m = "<h1 class=\"govuk-heading-l\">Staff</h1><a class=\"govuk-button\" data-module=\"govuk-button\" "
                  "href=\"/admin/staff/new\">Add a member of staff</a> <a class=\"govuk-button govuk-button--secondary\" "
                  "data-module=\"govuk-button\" href=\"/admin/allocations\">Allocate staff to a child</a>";
  m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">Staff accounts</caption>"
       "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Name</th>"
       "<th scope=\"col\" class=\"govuk-table__header\">Role</th><th scope=\"col\" class=\"govuk-table__header\">Team</th>"
       "<th scope=\"col\" class=\"govuk-table__header\">Account</th></tr></thead><tbody class=\"govuk-table__body\">";
  for (const domain::StaffMember& s : staff) {
    m += "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/admin/staff/" +
         std::to_string(s.id) + "\">" + Escape(s.details.full_name) + "</a></td><td class=\"govuk-table__cell\">" +
         Escape(Words(s.role)) + "</td><td class=\"govuk-table__cell\">" + Escape(s.team) + "</td><td class=\"govuk-table__cell\">" +
         (s.active ? "Active" : "<strong class=\"govuk-tag govuk-tag--grey\">Disabled</strong>") + "</td></tr>";
  }
  m += "</tbody></table>";
  return Page(200, SignedInOptions(options, "Staff", who), m);
}

http::Response AddStaffPage(const WebOptions& options, const SignedIn& who, const StaffForm& f) {
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + ErrorSummary(f.errors);
  m += "<h1 class=\"govuk-heading-l\">Add a member of staff</h1>";
  m += OpenForm("/admin/staff", who.csrf);
  TextInput name = PlainInput("name", "Full name", f.name, "off");
  m += TextInputGroup(name, f.errors);
  TextInput email = PlainInput("email", "Work email address", f.email, "off");
  email.type = "email";
  email.hint = "They sign in with it";
  m += TextInputGroup(email, f.errors);
  m += RoleSelect(f.role);
  TextInput team = PlainInput("team", "Team, room or group", f.team, "off");
  team.spellcheck = true;
  m += TextInputGroup(team, f.errors);
  return FinishFormPage(options, who, "Add a member of staff", std::move(m), "Add them", f.errors);
}

http::Response StaffPage(const WebOptions& options, const SignedIn& who, const StaffPageState& st) {
  const domain::StaffMember& s = st.staff;
  const std::string base = "/admin/staff/" + std::to_string(s.id);
  std::string m = "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\"><li "
                  "class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/admin/staff\">Staff</a></li></ol></nav>";
  m += ErrorSummary(st.errors);
  m += SuccessBanner(st.notice);
  m += "<h1 class=\"govuk-heading-l\">" + Escape(s.details.full_name) + "</h1><p class=\"govuk-body\">" + Escape(s.details.email) +
       " (staff " + std::to_string(s.id) + ")</p><div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";

  m += "<h2 class=\"govuk-heading-m\">Role and team</h2>" + OpenForm(base, who.csrf);
  m += RoleSelect(domain::ToString(s.role));
  TextInput team = PlainInput("team", "Team, room or group", s.team, "off");
  m += TextInputGroup(team, st.errors);
  m += "<div class=\"govuk-form-group\"><div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">"
       "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"active\" name=\"active\" type=\"checkbox\" value=\"yes\"" +
       std::string(s.active ? " checked" : "") + "><label class=\"govuk-label govuk-checkboxes__label\" for=\"active\">The account is "
       "active (clearing this ends their sessions at once)</label></div></div></div>";
  m += SubmitButton("Save role and team") + std::string(kCloseForm);

  m += "<h2 class=\"govuk-heading-m\">Training</h2>";
  if (st.training.empty()) {
    m += "<p class=\"govuk-body\">No training recorded. Without confidentiality training they see no personal data.</p>";
  } else {
    m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">Training records</caption><thead "
         "class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Course</th><th "
         "scope=\"col\" class=\"govuk-table__header\">Completed</th><th scope=\"col\" class=\"govuk-table__header\">Lapses on</th></tr>"
         "</thead><tbody class=\"govuk-table__body\">";
    for (const domain::TrainingRecord& t : st.training) {
      m += "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">" + Escape(CourseNameIn(st.courses, t.course)) +
           "</td><td class=\"govuk-table__cell\">" +
           Escape(DateText(t.completed_at)) + "</td><td class=\"govuk-table__cell\">" +
           Escape(t.expires_at ? DateText(*t.expires_at) : "Does not lapse") + "</td></tr>";
    }
    m += "</tbody></table>";
  }
  m += OpenForm(base + "/training", who.csrf);
  // The courses of the governance policy's catalogue, in its order and its words.
  std::vector<RadioOption> courses;
  for (const governance::Course& c : st.courses) courses.push_back({c.id, c.name, CourseHint(c)});
  m += RadiosGroup("course", "Record a course they completed", courses, st.course, st.errors);
  m += DateInputGroup("completed", "Completed on", "For example, 14 10 2026", st.completed_day, st.completed_month, st.completed_year,
                      st.errors);
  m += DateInputGroup("expires", "Lapses on (optional)",
                      "For example, 14 10 2027. Leave empty for the course's refresher interval", st.expires_day,
                      st.expires_month, st.expires_year, st.errors);
  m += SubmitButton("Record the training") + std::string(kCloseForm);

  m += "<h2 class=\"govuk-heading-m\">Temporary password</h2><p class=\"govuk-body\">Give it to them in person or by phone, never "
       "by email. They choose their own when they next sign in, and their other sessions end.</p>";
  m += OpenForm(base + "/password", who.csrf);
  m += TextInputGroup(PasswordInput("password", "Temporary password", "new-password"), st.errors);
  m += SubmitButton("Set the temporary password") + std::string(kCloseForm);
  m += "</div></div>";
  PageOptions o = SignedInOptions(options, s.details.full_name, who);
  o.has_error = !st.errors.empty();
  return Page(st.errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
