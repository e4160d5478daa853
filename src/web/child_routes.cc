#include "web/child_routes.h"

#include "api/audit_hold.h"
#include "domain/civil_date.h"
#include "web/form_body.h"
#include "web/pages.h"
#include "web/signed_in_page.h"
#include "web/training_routes.h"
#include "web/web_session.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;
// The search form's fields, checked; errors name the field to fix.
service::PersonQuery ReadSearch(FormBody& form, SearchForm& page) {
  page.family_name = form.Get("family_name", 200);
  page.given_name = form.Get("given_name", 200);
  page.day = form.Get("date_of_birth_day", 10);
  page.month = form.Get("date_of_birth_month", 10);
  page.year = form.Get("date_of_birth_year", 10);
  page.nhs_number = form.Get("nhs_number", 40);
  service::PersonQuery q;
  if (!page.nhs_number.empty()) {
    auto nhs = domain::NhsNumber::Parse(page.nhs_number);
    if (!nhs.ok()) {
      page.errors.push_back({"nhs_number", "Enter a valid NHS number, like 999 123 4560"});
    } else {
      q.nhs_number = *nhs;
    }
    return q;
  }
  if (page.family_name.empty()) page.errors.push_back({"family_name", "Enter a family name, or an NHS number"});
  q.family_name = page.family_name;
  q.given_name = page.given_name;
  if (page.day.empty() && page.month.empty() && page.year.empty()) {
    page.errors.push_back({"date_of_birth_day", "Enter a date of birth"});
    return q;
  }
  const auto dob = DateFromBoxes(page.day, page.month, page.year);
  if (!dob) {
    page.errors.push_back({"date_of_birth_day", "Date of birth must be a real date, like 27 3 2019"});
  } else {
    q.date_of_birth = *dob;
  }
  return q;
}

}  // namespace

Status AddChildRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/", SignedInPage(ctx, "/", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    auto items = ctx.vault.Caseload(s.info.staff_id);
    if (!items.ok()) return Failed(ctx, who, items.status());
    // Designated persons, managers and the DPO see first what waits for their backing.
    auto queue = ctx.vault.ListAwaitingApproval(s.info.staff_id);
    if (!queue.ok()) return Failed(ctx, who, queue.status());
    // Their own training: a notice when something needs doing, and the report's link if theirs to see.
    auto training = HomeTrainingOf(ctx, s.info.staff_id);
    if (!training.ok()) return Failed(ctx, who, training.status());
    return CaseloadPage(ctx.options, who, *items, queue->approver ? std::optional<size_t>(queue->items.size()) : std::nullopt,
                        *training);
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/search", SignedInPage(ctx, "/search", [&ctx](Req, Params, const WebSession&, const SignedIn& who) {
    return SearchPage(ctx.options, who, {});
  })));

  // A search is a POST: names and dates of birth never go in a URL (logs, histories, referrers).
  CONFIDE_RETURN_IF_ERROR(router.Add(
      "POST", "/search",
      SignedInPage(ctx, "/search", [&ctx](Req req, Params, const WebSession& s, const SignedIn& who) {
        auto form = FormBody::Parse(req);
        if (CrossSite(req) || !form.ok() || !CsrfMatches(s, form->Get("csrf_token", 200))) return NotAvailablePage(ctx.options, who);
        SearchForm page;
        const service::PersonQuery q = ReadSearch(*form, page);
        if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
        if (page.errors.empty()) {
          auto matches = ctx.vault.FindPeople(s.info.staff_id, q);
          if (!matches.ok() && matches.status().code() != StatusCode::kInvalidArgument) return Failed(ctx, who, matches.status());
          if (!matches.ok()) {
            page.errors.push_back({"family_name", matches.status().message()});
          } else {
            page.results = std::move(matches).value();
          }
        }
        return SearchPage(ctx.options, who, page);
      }),
      http::RouteOptions{.json_body = false, .max_body_bytes = 16 * 1024}));

  return router.Add("GET", "/children/{id}", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    const domain::StaffId me = s.info.staff_id;
    auto child = ctx.vault.GetPerson(me, *id);
    if (!child.ok()) return Failed(ctx, who, child.status());
    if (child->kind != domain::PersonKind::kChild) return NotAvailablePage(ctx.options, who);
    ChildOverview v;
    v.child = std::move(child).value();
    v.today = domain::CivilDate::FromUnixMicros(ctx.vault.clock().NowMicros());
    auto relationships = ctx.vault.ListRelationships(me, *id);
    if (!relationships.ok()) return Failed(ctx, who, relationships.status());
    for (domain::Relationship& r : *relationships) {
      // A related adult hidden from this viewer (a restriction) keeps the row but not the name.
      auto person = ctx.vault.GetPerson(me, r.person_id);
      v.related.push_back({std::move(r), person.ok() ? domain::DisplayName(person->details) : ""});
    }
    auto allocations = ctx.vault.ListAllocations(me, *id);
    if (!allocations.ok()) return Failed(ctx, who, allocations.status());
    v.allocations = std::move(allocations).value();
    return ChildPage(ctx.options, who, v);
  }));
}

}  // namespace confide::web
