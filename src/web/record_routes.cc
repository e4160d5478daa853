#include "web/record_routes.h"

#include <cstdlib>

#include "domain/civil_date.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

// A date from GOV.UK's three boxes (PREFIX_day, _month, _year in the query), if all are filled.
std::optional<domain::CivilDate> QueryDate(Req req, const std::string& prefix, std::string* day, std::string* month,
                                           std::string* year, std::vector<FieldError>& errors, const std::string& what) {
  auto get = [&](const char* part) {
    auto it = req.query_params.find(prefix + "_" + part);
    return it == req.query_params.end() ? std::string() : it->second.substr(0, 8);
  };
  *day = get("day");
  *month = get("month");
  *year = get("year");
  if (day->empty() && month->empty() && year->empty()) return std::nullopt;
  auto pad = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
  auto date = domain::CivilDate::Parse(*year + "-" + pad(*month) + "-" + pad(*day));
  if (!date.ok() || year->size() != 4) {
    errors.push_back({prefix + "_day", what + " must be a real date, like 1 9 2025"});
    return std::nullopt;
  }
  return *date;
}

constexpr int64_t kDayMicros = int64_t{86400} * 1000000;

}  // namespace

Status AddRecordRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/children/{id}/chronology", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    ChronologyFilters f;
    service::ChronologyQuery q;
    for (const auto& [name, value] : req.query_params) {
      // Only the filter form's own fields; anything else is a link that was not made here.
      if (name.rfind("kind_", 0) == 0) {
        auto k = domain::ParseRecordKind(name.substr(5));
        if (!k) return NotAvailablePage(ctx.options, who);
        f.kinds.push_back(*k);
      } else if (name.rfind("tier_", 0) == 0) {
        auto t = domain::ParseSensitivityTier(name.substr(5));
        if (!t) return NotAvailablePage(ctx.options, who);
        f.tiers.push_back(*t);
      } else if (name.rfind("from_", 0) != 0 && name.rfind("to_", 0) != 0) {
        return NotAvailablePage(ctx.options, who);
      }
    }
    q.kinds = f.kinds;
    q.tiers = f.tiers;
    if (auto from = QueryDate(req, "from", &f.from_day, &f.from_month, &f.from_year, f.errors, "The first date")) {
      q.from = from->DaysSinceEpoch() * kDayMicros;
    }
    if (auto to = QueryDate(req, "to", &f.to_day, &f.to_month, &f.to_year, f.errors, "The last date")) {
      q.to = to->DaysSinceEpoch() * kDayMicros;
    }
    auto child = ctx.vault.GetPerson(s.info.staff_id, *id);
    if (!child.ok()) return Failed(ctx, who, child.status());
    std::vector<service::ChronologyItem> items;
    if (f.errors.empty()) {
      auto found = ctx.vault.Chronology(s.info.staff_id, *id, q);
      if (!found.ok()) return Failed(ctx, who, found.status());
      items = std::move(found).value();
    }
    return ChronologyPage(ctx.options, who, *child, f, items);
  })));

  return router.Add("GET", "/records/{id}", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    std::optional<domain::VersionNumber> version;
    for (const auto& [name, value] : req.query_params) {
      if (name != "version") return NotAvailablePage(ctx.options, who);
      char* end = nullptr;
      const long n = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n < 1 || n > 1000000) return NotAvailablePage(ctx.options, who);
      version = static_cast<domain::VersionNumber>(n);
    }
    const domain::StaffId me = s.info.staff_id;
    auto view = ctx.vault.GetRecord(me, *id, version);
    if (!view.ok()) return Failed(ctx, who, view.status());
    auto child = ctx.vault.GetPerson(me, view->version.person_id);
    if (!child.ok()) return Failed(ctx, who, child.status());
    auto history = ctx.vault.GetRecordHistory(me, *id);
    if (!history.ok()) return Failed(ctx, who, history.status());
    return RecordPage(ctx.options, who, *child, *view, *history);
  }));
}

}  // namespace confide::web
