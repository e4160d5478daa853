#include "web/record_routes.h"

#include <cstdlib>

#include "domain/civil_date.h"
#include "domain/text.h"
#include "web/concern_draft.h"
#include "web/form_body.h"
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
  const auto date = DateFromBoxes(*day, *month, *year);
  if (!date) {
    errors.push_back({prefix + "_day", what + " must be a real date, like 1 9 2025"});
    return std::nullopt;
  }
  return *date;
}

constexpr int64_t kDayMicros = int64_t{86400} * 1000000;

// Statements of one basis, one per paragraph, as one text to edit.
std::string Join(const std::vector<domain::Statement>& items, std::optional<domain::StatementBasis> basis) {
  std::string out;
  for (const domain::Statement& st : items) {
    if (basis && st.basis != *basis) continue;
    out += (out.empty() ? "" : "\n\n") + st.text;
  }
  return out;
}

// The form's fields, from the record's current version.
AmendForm FormFrom(const service::RecordView& view) {
  const domain::RecordContent& c = view.version.content;
  AmendForm f;
  f.expected_version = view.current_version;
  f.summary = c.summary;
  f.text = c.text;
  f.tier = std::string(domain::ToString(view.version.tier));
  if (c.concern) {
    const domain::SafeguardingConcern& k = *c.concern;
    f.concern = true;
    f.where = k.where;
    f.who_present = k.who_was_present;
    f.seen = Join(k.what_happened, domain::StatementBasis::kFact);
    f.opinion = Join(k.what_happened, domain::StatementBasis::kProfessionalOpinion);
    f.childs_words = k.childs_words;
    f.injuries = Join(k.injuries_observed, std::nullopt);
    f.action = Join(k.action_taken, std::nullopt);
  }
  return f;
}

// The form's fields laid over the current content (inside the amending transaction).
Status Apply(const AmendForm& f, domain::RecordContent& c) {
  c.summary = f.summary;
  if (!c.concern) {
    c.text = f.text;
    return Status::Ok();
  }
  domain::SafeguardingConcern& k = *c.concern;
  k.where = f.where;
  k.who_was_present = f.who_present;
  k.childs_words = f.childs_words;
  k.what_happened.clear();
  if (!domain::IsBlank(f.seen)) k.what_happened.push_back({f.seen, domain::StatementBasis::kFact});
  if (!domain::IsBlank(f.opinion)) k.what_happened.push_back({f.opinion, domain::StatementBasis::kProfessionalOpinion});
  k.injuries_observed.clear();
  if (!domain::IsBlank(f.injuries)) k.injuries_observed.push_back({f.injuries, domain::StatementBasis::kFact});
  k.action_taken.clear();
  if (!domain::IsBlank(f.action)) k.action_taken.push_back({f.action, domain::StatementBasis::kFact});
  return Status::Ok();
}

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

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/records/{id}/amend", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    if (!id.ok()) return NotAvailablePage(ctx.options, who);
    auto loaded = LoadRecordAndChild(ctx, s.info.staff_id, *id);
    if (!loaded.ok()) return Failed(ctx, who, loaded.status());
    return AmendPage(ctx.options, who, loaded->child, *id, FormFrom(loaded->view));
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/records/{id}/amend", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    const domain::StaffId me = s.info.staff_id;
    auto view = ctx.vault.GetRecord(me, *id, std::nullopt);
    if (!view.ok()) return Failed(ctx, who, view.status());
    AmendForm f;
    f.concern = view->version.content.concern.has_value();
    const std::string expected = form->Get("expected_version", 12);
    f.reason = form->Get("reason", 2000);
    f.summary = form->Get("summary", 300);
    f.tier = form->Get("tier", 20);
    if (f.concern) {
      f.where = form->Get("where", 1000);
      f.who_present = form->Get("who_present", 2000);
      f.seen = form->Get("seen", 20000);
      f.opinion = form->Get("opinion", 20000);
      f.childs_words = form->Get("childs_words", 20000);
      f.injuries = form->Get("injuries", 20000);
      f.action = form->Get("action", 20000);
    } else {
      f.text = form->Get("text", 100000);
    }
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    f.expected_version = static_cast<domain::VersionNumber>(std::strtol(expected.c_str(), nullptr, 10));
    auto tier = domain::ParseSensitivityTier(f.tier);
    if (domain::IsBlank(f.reason)) f.errors.push_back({"reason", "Enter why you are amending the record"});
    if (domain::IsBlank(f.summary)) f.errors.push_back({"summary", "Enter a summary"});
    if (f.concern && domain::IsBlank(f.seen)) f.errors.push_back({"seen", "Enter what was seen or heard"});
    if (!tier) f.errors.push_back({"tier-general", "Choose who may see it"});
    auto child = ctx.vault.GetPerson(me, view->version.person_id);
    if (!child.ok()) return Failed(ctx, who, child.status());
    if (f.errors.empty()) {
      service::RecordAmendment a;
      a.record_id = *id;
      a.expected_current = f.expected_version;
      a.reason = f.reason;
      if (*tier != view->version.tier) a.tier = *tier;
      a.edit = [f](domain::RecordContent& c) { return Apply(f, c); };
      auto version = ctx.vault.AmendRecord(me, a);
      if (version.ok()) return Redirect("/records/" + std::to_string(*id));
      if (version.status().code() == StatusCode::kConflict) {
        f.errors.push_back({"reason", "Someone amended this record while you were editing it: open it again to see their change"});
      } else if (version.status().code() == StatusCode::kInvalidArgument) {
        f.errors.push_back({"summary", version.status().message()});
      } else {
        return Failed(ctx, who, version.status());
      }
    }
    return AmendPage(ctx.options, who, *child, *id, f);
  }), http::RouteOptions{.json_body = false, .max_body_bytes = 512 * 1024}));

  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/children/{id}/notes/new", SignedInPage(ctx, "", [&ctx](Req, Params p, const WebSession& s, const SignedIn& who) {
    auto child = LoadChild(ctx, s.info.staff_id, p);
    if (!child.ok()) return Failed(ctx, who, child.status());
    return CaseNotePage(ctx.options, who, *child, {});
  })));

  CONFIDE_RETURN_IF_ERROR(router.Add("POST", "/children/{id}/notes", SignedInPage(ctx, "", [&ctx](Req req, Params p, const WebSession& s, const SignedIn& who) {
    auto id = p.Int("id");
    auto form = SignedInForm(req, s);
    if (!id.ok() || !form.ok()) return NotAvailablePage(ctx.options, who);
    CaseNoteForm f;
    form->GetDate("when", &f.day, &f.month, &f.year);
    f.hour = form->Get("when_hour", 10);
    f.minute = form->Get("when_minute", 10);
    f.summary = form->Get("summary", 300);
    f.text = form->Get("text", 100000);
    f.tier = form->Get("tier", 20);
    if (!form->Finish().ok()) return NotAvailablePage(ctx.options, who);
    auto child = ctx.vault.GetPerson(s.info.staff_id, *id);
    if (!child.ok()) return Failed(ctx, who, child.status());
    const std::optional<UnixMicros> when = ParseUkDateTime(f.day, f.month, f.year, f.hour, f.minute);
    const auto tier = domain::ParseSensitivityTier(f.tier);
    if (!when) f.errors.push_back({"when_day", "Enter when it happened: a real date, and a time such as 14 and 30"});
    if (when && *when > ctx.vault.clock().NowMicros()) f.errors.push_back({"when_day", "When it happened must be in the past"});
    if (domain::IsBlank(f.summary)) f.errors.push_back({"summary", "Enter a summary"});
    if (domain::IsBlank(f.text)) f.errors.push_back({"text", "Enter the note"});
    if (!tier) f.errors.push_back({"tier-general", "Choose who may see it"});
    if (!f.errors.empty()) return CaseNotePage(ctx.options, who, *child, f);
    service::RecordDraft draft;
    draft.person_id = *id;
    draft.kind = domain::RecordKind::kCaseNote;
    draft.tier = *tier;
    draft.occurred_at = *when;
    draft.content.summary = f.summary;
    draft.content.text = f.text;
    auto record = ctx.vault.AddRecord(s.info.staff_id, draft);
    if (!record.ok()) {
      if (record.status().code() != StatusCode::kInvalidArgument) return Failed(ctx, who, record.status());
      f.errors.push_back({"summary", record.status().message()});
      return CaseNotePage(ctx.options, who, *child, f);
    }
    return Redirect("/records/" + std::to_string(*record));
  }), http::RouteOptions{.json_body = false, .max_body_bytes = 256 * 1024}));

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
    auto loaded = LoadRecordAndChild(ctx, me, *id, version);
    if (!loaded.ok()) return Failed(ctx, who, loaded.status());
    auto history = ctx.vault.GetRecordHistory(me, *id);
    if (!history.ok()) return Failed(ctx, who, history.status());
    return RecordPage(ctx.options, who, loaded->child, loaded->view, *history);
  }));
}

}  // namespace confide::web
