#include "web/admin_routes.h"

#include <string_view>
#include <utility>

#include "domain/access_facts.h"
#include "domain/text.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

constexpr http::RouteOptions kAdminForm{.json_body = false, .max_body_bytes = 16 * 1024};
constexpr int64_t kDayMicros = int64_t{86400} * 1000000;

// What a change left to say, from the query of the redirect after it.
std::string Notice(Req req) {
  if (req.query_params.count("added")) return "Added. Set a temporary password and record their training below.";
  if (req.query_params.count("saved")) return "Role, team and account saved: they take effect at once.";
  if (req.query_params.count("trained")) return "Training recorded.";
  if (req.query_params.count("password")) return "Temporary password set. Their other sessions have ended.";
  return "";
}

// The administration pages are for those who manage accounts (staff.manage), even where the
// policy lets others read the staff list.
Status MayManage(WebContext& ctx, const WebSession& s) {
  return ctx.vault.Authorize(s.info.staff_id, policy::Action::kStaffManage, "staff.manage");
}

// The courses that may be recorded: the governance policy's catalogue. Without one (a policy file
// that lists no courses) the vault takes any well-formed name, and the page offers the courses
// Confide has always known.
std::vector<governance::Course> Courses(WebContext& ctx) {
  const std::vector<governance::Course>& catalogue = ctx.vault.governance_policy().training.courses;
  if (!catalogue.empty()) return catalogue;
  const std::pair<std::string_view, const char*> known[] = {{domain::kCourseInduction, "Induction"},
                                                            {domain::kCourseConfidentiality, "Confidentiality and data protection"},
                                                            {domain::kCourseSafeguarding, "Safeguarding"},
                                                            {domain::kCourseInformationSharing, "Information sharing"}};
  std::vector<governance::Course> out;
  for (const auto& [id, name] : known) {
    governance::Course c;
    c.id = std::string(id);
    c.name = name;
    out.push_back(std::move(c));
  }
  return out;
}

// Where an error about the course is shown: the first of the radios.
std::string CourseField(const std::vector<governance::Course>& courses) {
  return "course-" + (courses.empty() ? std::string(domain::kCourseInduction) : courses.front().id);
}

bool Offered(const std::vector<governance::Course>& courses, const std::string& id) {
  for (const governance::Course& c : courses) {
    if (c.id == id) return true;
  }
  return false;
}

// The staff page with its training, for a staff member the administrator may manage.
http::Response ShowStaff(WebContext& ctx, const WebSession& s, const SignedIn& who, int64_t id, StaffPageState st) {
  if (Status allowed = MayManage(ctx, s); !allowed.ok()) return Failed(ctx, who, allowed);
  auto staff = ctx.vault.GetStaff(s.info.staff_id, id);
  if (!staff.ok()) return Failed(ctx, who, staff.status());
  auto training = ctx.vault.ListTraining(s.info.staff_id, id);
  if (!training.ok()) return Failed(ctx, who, training.status());
  st.staff = std::move(staff).value();
  st.training = std::move(training).value();
  st.courses = Courses(ctx);
  return StaffPage(ctx.options, who, st);
}

std::optional<UnixMicros> DateFrom(const std::string& d, const std::string& m, const std::string& y) {
  const auto date = DateFromBoxes(d, m, y);
  if (!date) return std::nullopt;
  return date->DaysSinceEpoch() * kDayMicros;
}

}  // namespace

Status AddAdminRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/admin/staff", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    if (Status allowed = MayManage(ctx, s); !allowed.ok()) return Failed(ctx, who, allowed);
    auto staff = ctx.vault.ListStaff(s.info.staff_id);
    if (!staff.ok()) return Failed(ctx, who, staff.status());
    return StaffListPage(ctx.options, who, *staff);
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/admin/staff/new", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    if (Status allowed = MayManage(ctx, s); !allowed.ok()) return Failed(ctx, who, allowed);
    return AddStaffPage(ctx.options, who, {});
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/admin/staff", SignedInPage(ctx, "", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
    auto form = SignedInForm(req, s);
    if (!form.ok()) return NotAvailablePage(ctx.options, who);
    StaffForm f;
    f.name = form->Get("name", 200);
    f.email = form->Get("email", 320);
    f.role = form->Get("role", 40);
    f.team = form->Get("team", 200);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    const auto role = domain::ParseStaffRole(f.role);
    if (domain::IsBlank(f.name)) f.errors.push_back({"name", "Enter their full name"});
    if (f.email.find('@') == std::string::npos) f.errors.push_back({"email", "Enter their work email address, like name@example.org"});
    if (!role) f.errors.push_back({"role", "Choose their role"});
    if (domain::IsBlank(f.team)) f.errors.push_back({"team", "Enter their team, room or group"});
    if (f.errors.empty()) {
      auto id = ctx.vault.AddStaff(s.info.staff_id, *role, f.team, {f.name, f.email});
      if (id.ok()) return Redirect("/admin/staff/" + std::to_string(*id) + "?added=1");
      if (id.status().code() != StatusCode::kInvalidArgument && id.status().code() != StatusCode::kConflict) {
        return Failed(ctx, who, id.status());
      }
      f.errors.push_back({"email", id.status().message()});
    }
    return AddStaffPage(ctx.options, who, f);
  }), kAdminForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/admin/staff/{id}", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    StaffPageState st;
    st.notice = Notice(req);
    return ShowStaff(ctx, s, who, *id, std::move(st));
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/admin/staff/{id}", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    const auto role = domain::ParseStaffRole(form->Get("role", 40));
    const std::string team = form->Get("team", 200);
    const bool active = form->Get("active", 10) == "yes";
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    StaffPageState st;
    if (!role) st.errors.push_back({"role", "Choose their role"});
    if (domain::IsBlank(team)) st.errors.push_back({"team", "Enter their team, room or group"});
    if (st.errors.empty()) {
      Status updated = ctx.vault.UpdateStaff(s.info.staff_id, *id, *role, team, active);
      if (updated.ok()) return Redirect("/admin/staff/" + std::to_string(*id) + "?saved=1");
      if (updated.code() != StatusCode::kInvalidArgument) return Failed(ctx, who, updated);
      st.errors.push_back({"team", updated.message()});
    }
    return ShowStaff(ctx, s, who, *id, std::move(st));
  }), kAdminForm));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/admin/staff/{id}/training", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    StaffPageState st;
    st.course = form->Get("course", 64);
    form->GetDate("completed", &st.completed_day, &st.completed_month, &st.completed_year);
    form->GetDate("expires", &st.expires_day, &st.expires_month, &st.expires_year);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    const std::vector<governance::Course> courses = Courses(ctx);
    const auto completed = DateFrom(st.completed_day, st.completed_month, st.completed_year);
    // Left empty, the vault takes the course's refresher interval from the catalogue.
    const bool no_expiry = st.expires_day.empty() && st.expires_month.empty() && st.expires_year.empty();
    const auto expires = no_expiry ? std::nullopt : DateFrom(st.expires_day, st.expires_month, st.expires_year);
    if (!Offered(courses, st.course)) st.errors.push_back({CourseField(courses), "Choose the course"});
    if (!completed) st.errors.push_back({"completed_day", "Enter when they completed it, as a real date"});
    if (!no_expiry && !expires) st.errors.push_back({"expires_day", "The refresher date must be a real date"});
    if (st.errors.empty()) {
      domain::TrainingRecord t;
      t.staff_id = *id;
      t.course = st.course;
      t.completed_at = *completed;
      t.expires_at = expires;
      auto recorded = ctx.vault.RecordTraining(s.info.staff_id, t);
      if (recorded.ok()) return Redirect("/admin/staff/" + std::to_string(*id) + "?trained=1");
      if (recorded.status().code() != StatusCode::kInvalidArgument) return Failed(ctx, who, recorded.status());
      const std::string message = recorded.status().message();
      const bool about_expiry = message.find("expire") != std::string::npos;
      const bool about_course = message.find("course") != std::string::npos && !about_expiry;
      st.errors.push_back({about_course ? CourseField(courses) : about_expiry ? "expires_day" : "completed_day",
                           MessageSentence(message)});
    }
    return ShowStaff(ctx, s, who, *id, std::move(st));
  }), kAdminForm));

  return router.Add("POST", "/admin/staff/{id}/password", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    const std::string password = form->Get("password", 4096);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    StaffPageState st;
    Status set = password.empty() ? Status::InvalidArgument("Enter a temporary password")
                                  : ctx.identity.SetPassword(s.info.staff_id, *id, password, /*must_change=*/true);
    if (set.ok()) return Redirect("/admin/staff/" + std::to_string(*id) + "?password=1");
    if (set.code() != StatusCode::kInvalidArgument) return Failed(ctx, who, set);
    st.errors.push_back({"password", set.message()});
    return ShowStaff(ctx, s, who, *id, std::move(st));
  }), kAdminForm);
}

}  // namespace confide::web
