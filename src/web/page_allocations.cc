// Allocations: who works with a child, in what capacity, from when until when. Allocations decide
// need-to-know access, so past ones stay on the page as the record of who could see what, when.
#include <map>

#include "domain/civil_date.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/words.h"

namespace confide::web {
namespace {

constexpr domain::AllocationRole kAllocationRoles[] = {
    domain::AllocationRole::kAllocatedSocialWorker, domain::AllocationRole::kKeyPerson, domain::AllocationRole::kTeam,
    domain::AllocationRole::kSupervisingSocialWorker, domain::AllocationRole::kOther};

std::string DateText(UnixMicros t) { return domain::CivilDate::FromUnixMicros(t).FormatUk(); }

}  // namespace

http::Response AllocationsPage(const WebOptions& options, const SignedIn& who, const AllocationsPageState& st) {
  const std::string child = std::to_string(st.child_id);
  const std::string base = "/children/" + child + "/allocations";
  std::map<domain::StaffId, const domain::StaffMember*> by_id;
  for (const domain::StaffMember& s : st.staff) by_id[s.id] = &s;
  auto name_of = [&](domain::StaffId id) {
    auto it = by_id.find(id);
    return it == by_id.end() ? "Staff " + std::to_string(id) : it->second->details.full_name;
  };

  std::string m = ErrorSummary(st.errors) + SuccessBanner(st.notice);
  m += "<span class=\"govuk-caption-l\">Child " + child + "</span><h1 class=\"govuk-heading-l\">Allocations</h1>"
       "<p class=\"govuk-body\">Staff allocated to a child see the child's records on a need-to-know basis; staff of the team "
       "an allocation names see the child's general information. A change counts from the next page anyone opens. Ended "
       "allocations stay here as the record of who could see the child's information, and when.</p>"
       "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/" + child + "\">The child's page</a> (if your role "
       "lets you see it)</p>";

  std::vector<const domain::Allocation*> current, ended;
  for (const domain::Allocation& a : st.allocations) (a.ends_at && *a.ends_at <= st.now ? ended : current).push_back(&a);

  auto table = [&](std::string_view caption, const std::vector<const domain::Allocation*>& rows, bool can_end) {
    std::string h = "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">" +
                    std::string(caption) + "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
    for (const char* c : {"Member of staff", "Allocated as", "Team", "From", "Until"}) {
      h += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(c) + "</th>";
    }
    if (can_end) h += "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Action</span></th>";
    h += "</tr></thead><tbody class=\"govuk-table__body\">";
    for (const domain::Allocation* a : rows) {
      const std::string name = Escape(name_of(a->staff_id));
      h += "<tr class=\"govuk-table__row\">" + TableCell(name) + TableCell(Escape(Words(a->role))) +
           TableCell(a->team.empty() ? "None" : Escape(a->team)) + TableCell(Escape(DateText(a->starts_at))) +
           TableCell(a->ends_at ? Escape(DateText(*a->ends_at)) : "Open-ended");
      if (can_end) {
        h += "<td class=\"govuk-table__cell\">" + OpenForm(base + "/" + std::to_string(a->id) + "/end", who.csrf) +
             "<button type=\"submit\" class=\"govuk-button govuk-button--warning govuk-!-margin-bottom-0\" "
             "data-module=\"govuk-button\">End now<span class=\"govuk-visually-hidden\"> the allocation of " + name +
             "</span></button>" + std::string(kCloseForm) + "</td>";
      }
      h += "</tr>";
    }
    return h + "</tbody></table>";
  };
  if (current.empty()) {
    m += "<h2 class=\"govuk-heading-m\">Allocated now</h2><p class=\"govuk-body\">Nobody is allocated to this child.</p>";
  } else {
    m += table("Allocated now", current, true);
  }
  if (!ended.empty()) m += table("Ended allocations", ended, false);

  m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h2 class=\"govuk-heading-m\">Allocate a member "
       "of staff</h2>" + OpenForm(base, who.csrf);
  std::vector<SelectOption> staff{{"", "Choose a member of staff"}};
  for (const domain::StaffMember& s : st.staff) {
    if (s.active) staff.push_back({std::to_string(s.id), s.details.full_name + " (" + Words(s.role) + ", " + s.team + ")"});
  }
  m += SelectGroup("staff_id", "Member of staff", staff, st.staff_id, st.errors);
  std::vector<RadioOption> roles;
  for (domain::AllocationRole r : kAllocationRoles) roles.push_back({std::string(domain::ToString(r)), Words(r), ""});
  m += RadiosGroup("role", "Allocated as", roles, st.role, st.errors);
  TextInput team = PlainInput("team", "Team that shares the allocation (optional)", st.team);
  team.hint = "Staff of this team, room or group see the child's general information while the allocation lasts";
  team.spellcheck = true;
  m += TextInputGroup(team, st.errors);
  m += DateInputGroup("starts", "Starting on (optional)", "Leave blank to start today. For example, 1 12 2026", st.start_day,
                      st.start_month, st.start_year, st.errors);
  m += SubmitButton("Allocate") + std::string(kCloseForm) + "</div></div>";

  PageOptions o = SignedInOptions(options, "Allocations for child " + child, who);
  o.has_error = !st.errors.empty();
  return Page(st.errors.empty() ? 200 : 400, o, m);
}

http::Response FindAllocationsPage(const WebOptions& options, const SignedIn& who, std::string_view child,
                                   const std::vector<FieldError>& errors) {
  std::string m = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + ErrorSummary(errors);
  m += "<h1 class=\"govuk-heading-l\">Allocate staff to a child</h1><p class=\"govuk-body\">Enter the child's Confide id, from "
       "the referral or the manager who asked for the allocation. This shows who is allocated, not the child's details.</p>"
       "<form method=\"get\" action=\"/admin/allocations\" novalidate>";
  TextInput id = PlainInput("child", "Child's Confide id", std::string(child));
  id.inputmode = "numeric";
  id.classes = "govuk-input--width-10";
  m += TextInputGroup(id, errors);
  m += SubmitButton("Show allocations") + std::string(kCloseForm) + "</div></div>";
  PageOptions o = SignedInOptions(options, "Allocate staff to a child", who);
  o.has_error = !errors.empty();
  return Page(errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
