#include "web/allocation_routes.h"

#include "domain/text.h"
#include "domain/uk_time.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

constexpr http::RouteOptions kAllocationForm{.json_body = false, .max_body_bytes = 16 * 1024};

std::string Notice(Req req) {
  if (req.query_params.count("allocated")) return "Allocated. It counts from the next page they open.";
  if (req.query_params.count("ended")) return "Allocation ended. They no longer see the child's records as allocated staff.";
  return "";
}

// The page for `child`: its allocations (allocation.read) and the staff to choose from (staff.read).
http::Response ShowAllocations(WebContext& ctx, const WebSession& s, const SignedIn& who, domain::PersonId child,
                               AllocationsPageState st) {
  auto allocations = ctx.vault.ListAllocations(s.info.staff_id, child);
  if (!allocations.ok()) return Failed(ctx, who, allocations.status());
  auto staff = ctx.vault.ListStaff(s.info.staff_id);
  if (!staff.ok()) return Failed(ctx, who, staff.status());
  st.child_id = child;
  st.allocations = std::move(allocations).value();
  st.staff = std::move(staff).value();
  st.now = ctx.vault.clock().NowMicros();
  return AllocationsPage(ctx.options, who, st);
}

// The allocation form's answers, checked: errors name the field to fix.
std::optional<domain::Allocation> ReadAllocation(FormBody& form, AllocationsPageState& st) {
  st.staff_id = form.Get("staff_id", 20);
  st.role = form.Get("role", 40);
  st.team = form.Get("team", 200);
  form.GetDate("starts", &st.start_day, &st.start_month, &st.start_year);
  domain::Allocation a;
  const auto staff_id = http::ParseCanonicalInt(st.staff_id);
  const auto role = domain::ParseAllocationRole(st.role);
  if (!staff_id || *staff_id == 0) st.errors.push_back({"staff_id", "Choose the member of staff to allocate"});
  if (!role) st.errors.push_back({"role-allocated_social_worker", "Choose what they are allocated as"});
  if (!st.start_day.empty() || !st.start_month.empty() || !st.start_year.empty()) {
    const auto starts = DateFromBoxes(st.start_day, st.start_month, st.start_year);
    if (!starts) {
      st.errors.push_back({"starts_day", "The start date must be a real date, like 1 12 2026"});
    } else {
      a.starts_at = domain::FromUkLocal(*starts, 0, 0);
    }
  }
  if (!st.errors.empty()) return std::nullopt;
  a.staff_id = *staff_id;
  a.role = *role;
  a.team = st.team;
  return a;
}

}  // namespace

Status AddAllocationRoutes(http::Router& router, WebContext& ctx) {
  // A GET form: the id is not personal data, and the answer is a redirect to the child's page.
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/admin/allocations", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession&, const SignedIn& who) {
    auto it = req.query_params.find("child");
    if (it == req.query_params.end()) return FindAllocationsPage(ctx.options, who, "", {});
    const std::string typed = it->second.substr(0, 20);
    const auto id = http::ParseCanonicalInt(domain::Trim(typed));
    if (!id || *id == 0) return FindAllocationsPage(ctx.options, who, typed, {{"child", "Enter the child's Confide id, a number like 1042"}});
    return Redirect("/children/" + std::to_string(*id) + "/allocations");
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/children/{id}/allocations", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    AllocationsPageState st;
    st.notice = Notice(req);
    return ShowAllocations(ctx, s, who, *id, std::move(st));
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/children/{id}/allocations", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    AllocationsPageState st;
    auto allocation = ReadAllocation(*form, st);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    if (allocation) {
      allocation->child_id = *id;
      auto made = ctx.vault.Allocate(s.info.staff_id, *allocation);
      if (made.ok()) return Redirect("/children/" + std::to_string(*id) + "/allocations?allocated=1");
      // An unknown or disabled member of staff is the form's problem; anything else is the page's.
      const bool staff_problem = made.status().code() == StatusCode::kInvalidArgument ||
                                 (made.status().code() == StatusCode::kNotFound && made.status().message().starts_with("no staff"));
      if (!staff_problem) return Failed(ctx, who, made.status());
      st.errors.push_back({"staff_id", "Choose an active member of staff: " + made.status().message()});
    }
    return ShowAllocations(ctx, s, who, *id, std::move(st));
  }), kAllocationForm));

  return router.Add("POST", "/children/{id}/allocations/{allocation}/end", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto allocation = p.Int("allocation");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !allocation.ok() || !form.ok() || !form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    // The allocation must be this child's: the page it came from said whose it was.
    auto current = ctx.vault.ListAllocations(s.info.staff_id, *id);
    if (!current.ok()) return Failed(ctx, who, current.status());
    bool found = false;
    for (const domain::Allocation& a : *current) found = found || a.id == *allocation;
    if (!found) return NotAvailablePage(ctx.options, who);
    Status ended = ctx.vault.EndAllocation(s.info.staff_id, *allocation);
    if (ended.ok()) return Redirect("/children/" + std::to_string(*id) + "/allocations?ended=1");
    if (ended.code() != StatusCode::kConflict) return Failed(ctx, who, ended);
    AllocationsPageState st;
    st.errors.push_back({"staff_id", ended.message()});
    return ShowAllocations(ctx, s, who, *id, std::move(st));
  }), kAllocationForm);
}

}  // namespace confide::web
