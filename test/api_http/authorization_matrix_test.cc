// The authorization matrix: every route the API registers, asked by every staff role (and a
// practitioner with lapsed and one with missing training), about children in every relation to
// them (allocated, same team, none, restricted from them, opened with break-glass), at every tier
// where records are involved — over real HTTP against a real server and vault.
//
// What each request should get comes from the access policy file itself (World::Allowed, on the
// fixture's own model of the facts), not from the handlers, so a handler that forgets a check or
// checks the wrong action is caught. For every request:
//   - allowed by the policy: the route's success status, and an audit event for the access with
//     outcome "ok", or "flagged" where the policy flags it (break-glass);
//   - denied, about a person: 404 whose body and headers are exactly those of the same request
//     about an id that does not exist (apart from the id itself, X-Request-Id, Date, and the
//     Content-Length that follows from the id's length); denied, about no one: 403;
//   - denied: an audit event with outcome "denied" for that action, by that caller, about that
//     person or record, is among the newest entries; a denied write changes no table (other than
//     the audit log's);
//   - lists and searches hold only what the caller may read (chronologies leave out records above
//     their tier, searches by NHS number do not find hidden children, caseloads, break-glass
//     reasons);
//   - every response says Cache-Control: no-store.
// A route registered without a case in kRoutes fails EveryRouteHasACase, so a new route cannot
// slip past the matrix.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>

#include "api_http/api_fixture.h"
#include "common/bytes.h"
#include "crypto/signing.h"
#include "domain/civil_date.h"
#include "domain/nhs_number.h"
#include "sharing/consent_json.h"
#include "sharing/register_json.h"
#include "sharing/sharing_policy.h"

namespace confide::api_http {
namespace {

using domain::SensitivityTier;
using nlohmann::json;
using policy::Action;

// Ids that exist nowhere: the "missing" twin of every denied request.
constexpr int64_t kMissing = 9'000'000'000;

std::string Str(int64_t v) { return std::to_string(v); }
std::string TierName(SensitivityTier t) { return std::string(domain::ToString(t)); }

json DetailsJson(const domain::PersonDetails& d) {
  json j{{"given_names", d.given_names}, {"family_name", d.family_name}, {"address", d.address}, {"postcode", d.postcode}};
  if (d.date_of_birth) j["date_of_birth"] = d.date_of_birth->ToIso();
  if (d.nhs_number) j["nhs_number"] = d.nhs_number->digits();
  return j;
}

// ---- one request of the matrix ----

struct Case {
  const Actor* actor = nullptr;
  std::string what;  // how the caller stands to the subject, for failure messages
  std::string method;
  std::string path;
  std::optional<json> body;
  bool allowed = false;
  int ok_status = 200;
  int denied_status = 404;    // 404: about someone (indistinguishable from absent); 403: about no one
  std::string audit_action;   // the action the denial is audited under
  std::string missing_path;   // for 404s: the same request about an id that does not exist
  std::optional<json> missing_body;  // ... with this body, when the id is in the body (else `body`)
  std::vector<int64_t> ids;   // ids that may appear in the denial's detail
  int64_t audit_person = 0;   // if set, the audit event must name this person ...
  int64_t audit_record = 0;   // ... and this record
  bool flagged = false;       // allowed, and the policy flags it for review: the audit outcome says so
  std::function<void(const Reply&, uint64_t audit_before)> on_success;
};

int g_requests = 0;  // counted for the report at the end

std::map<std::string, std::string> ComparableHeaders(const Reply& r) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : r.headers) {
    std::string name = k;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "x-request-id" || name == "date" || name == "content-length") continue;
    out[name] = v;
  }
  return out;
}

// A denied request about someone must look exactly like one about nobody.
void ExpectLooksMissing(World& w, const Case& c, const Reply& denied) {
  Reply missing = w.Call(c.method, c.missing_path, c.actor->token, c.missing_body ? c.missing_body : c.body);
  ++g_requests;
  ASSERT_EQ(missing.status, 404) << "the missing twin " << c.missing_path << ": " << missing.Describe();
  json a = denied.json, b = missing.json;
  ASSERT_TRUE(a.is_object() && b.is_object());
  a.erase("instance");
  b.erase("instance");
  a["detail"] = NormaliseIds(a.value("detail", ""), c.ids);
  b["detail"] = NormaliseIds(b.value("detail", ""), {kMissing});
  EXPECT_EQ(a, b) << "a denial tells the caller more than a missing id would";
  EXPECT_EQ(ComparableHeaders(denied), ComparableHeaders(missing));
  EXPECT_EQ(denied.Header("Content-Length"), Str(static_cast<int64_t>(denied.body.size())));
  EXPECT_EQ(missing.Header("Content-Length"), Str(static_cast<int64_t>(missing.body.size())));
}

// Whether the newest audit entries hold the case's event with `outcome`.
bool Audited(const std::vector<audit::AuditEvent>& events, const Case& c, const std::string& outcome) {
  return std::any_of(events.begin(), events.end(), [&](const audit::AuditEvent& e) {
    return e.actor == c.actor->id && e.action == c.audit_action && e.outcome == outcome &&
           (c.audit_person == 0 || e.person_id == c.audit_person) && (c.audit_record == 0 || e.record_id == c.audit_record);
  });
}

void Run(World& w, const Case& c) {
  SCOPED_TRACE(c.actor->name + " | " + c.what + " | " + c.method + " " + c.path);
  const bool write = c.method != "GET";
  std::map<std::string, int64_t> before;
  if (write && !c.allowed) before = w.RowCounts();
  const uint64_t audit_before = w.AuditSize();
  Reply r = w.Call(c.method, c.path, c.actor->token, c.body);
  ++g_requests;
  EXPECT_EQ(r.Header("Cache-Control"), "no-store") << r.Describe();
  if (c.allowed) {
    EXPECT_EQ(r.status, c.ok_status) << "the policy allows this; " << r.Describe();
    if (r.status != c.ok_status) return;
    // Allowed accesses are audited too, flagged when the policy says so (break-glass, say).
    const std::vector<audit::AuditEvent> events = w.AuditSince(audit_before);
    EXPECT_TRUE(Audited(events, c, c.flagged ? "flagged" : "ok"))
        << "no \"" << (c.flagged ? "flagged" : "ok") << "\" audit event for " << c.audit_action << " among the "
        << events.size() << " newest entries";
    if (c.on_success) c.on_success(r, audit_before);
    return;
  }
  EXPECT_EQ(r.status, c.denied_status) << "the policy denies this; " << r.Describe();
  if (r.status != c.denied_status) return;
  ExpectProblem(r);
  const std::vector<audit::AuditEvent> events = w.AuditSince(audit_before);
  EXPECT_TRUE(Audited(events, c, "denied")) << "no \"denied\" audit event for " << c.audit_action << " among the "
                                            << events.size() << " newest entries";
  if (write) {
    const std::map<std::string, int64_t> after = w.RowCounts();
    for (const auto& [table, n] : before) {
      if (table.rfind("audit_", 0) == 0) continue;  // the denial's own audit event
      EXPECT_EQ(after.at(table), n) << "a denied " << c.method << " changed table " << table;
    }
  }
  if (c.denied_status == 404) ExpectLooksMissing(w, c, r);
}

// The children an actor stands in each relation to (break-glass only where the role may start it).
std::vector<std::pair<Rel, const ChildInfo*>> Targets(const World& w, const Actor& a) {
  std::vector<std::pair<Rel, const ChildInfo*>> out;
  for (Rel rel : kAllRels) {
    if (const ChildInfo* c = w.ChildFor(a, rel)) out.emplace_back(rel, c);
  }
  return out;
}

std::string What(const Actor& a, Rel rel, std::optional<SensitivityTier> tier = std::nullopt) {
  std::string s = std::string("child ") + RelName(rel) + " (training " + std::string(policy::ToString(a.training)) + ")";
  if (tier) s += ", " + TierName(*tier) + " record";
  return s;
}

// A request about a child: /api/people/{id}<suffix>, one case per actor and relation.
struct PersonRoute {
  PersonRoute(std::string m, std::string s, Action a, std::string audit, int ok = 200)
      : method(std::move(m)), suffix(std::move(s)), action(a), audit_action(std::move(audit)), ok_status(ok) {}
  std::string method;
  std::string suffix;
  Action action;
  std::string audit_action;
  int ok_status = 200;
  std::function<std::optional<json>(World&, const Actor&, const ChildInfo&)> body;
  std::function<void(World&, const Actor&, const ChildInfo&, const Reply&, uint64_t)> on_success;
  // Extra condition for allowed (e.g. reading the related person too); none: just `action`.
  std::function<bool(World&, const Actor&, const ChildInfo&)> also;
  std::function<std::vector<int64_t>(const ChildInfo&)> ids;
  bool flags = true;  // audited with the decision's outcome (flagged or ok); false: always "ok"
};

void RunPersonRoute(World& w, const PersonRoute& route) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = route.method;
      c.path = "/api/people/" + Str(child->id) + route.suffix;
      c.missing_path = "/api/people/" + Str(kMissing) + route.suffix;
      if (route.body) c.body = route.body(w, a, *child);
      c.allowed = w.Allowed(a, route.action, child->id) && (!route.also || route.also(w, a, *child));
      c.flagged = route.flags && w.Flagged(a, route.action, child->id);
      c.ok_status = route.ok_status;
      c.audit_action = route.audit_action;
      c.audit_person = child->id;
      c.ids = route.ids ? route.ids(*child) : std::vector<int64_t>{child->id};
      if (route.on_success) {
        const ChildInfo* ch = child;
        const Actor* ac = &a;
        c.on_success = [&w, &route, ch, ac](const Reply& r, uint64_t before) { route.on_success(w, *ac, *ch, r, before); };
      }
      Run(w, c);
    }
  }
}

// A request about one record of each tier of each child: /api/records/{id}<suffix>.
struct RecordRoute {
  RecordRoute(std::string m, std::string s, Action a, std::string audit, int ok = 200)
      : method(std::move(m)), suffix(std::move(s)), action(a), audit_action(std::move(audit)), ok_status(ok) {}
  std::string method;
  std::string suffix;
  Action action;
  std::string audit_action;
  int ok_status = 200;
  std::function<std::optional<json>(World&, domain::RecordId)> body;
};

void RunRecordRoute(World& w, const RecordRoute& route) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      for (SensitivityTier tier : kAllTiers) {
        const domain::RecordId record = child->records.at(tier);
        Case c;
        c.actor = &a;
        c.what = What(a, rel, tier);
        c.method = route.method;
        c.path = "/api/records/" + Str(record) + route.suffix;
        c.missing_path = "/api/records/" + Str(kMissing) + route.suffix;
        if (route.body) c.body = route.body(w, record);
        c.allowed = w.Allowed(a, route.action, child->id, tier);
        c.flagged = w.Flagged(a, route.action, child->id, tier);
        c.ok_status = route.ok_status;
        c.audit_action = route.audit_action;
        c.audit_record = record;
        c.ids = {record};
        c.on_success = [record](const Reply& r, uint64_t) {
          if (r.json.contains("record_id")) {
            EXPECT_EQ(r.json.at("record_id"), record);
          }
        };
        Run(w, c);
      }
    }
  }
}

// A request about no data subject, once per actor: allowed or 403.
void RunPlain(World& w, const std::string& method, const std::string& path, Action action, const std::string& audit_action,
              int ok_status = 200, std::function<std::optional<json>(const Actor&)> body = {},
              std::function<void(const Actor&, const Reply&)> on_success = {}) {
  for (const Actor& a : w.actors()) {
    Case c;
    c.actor = &a;
    c.what = "no data subject (training " + std::string(policy::ToString(a.training)) + ")";
    c.method = method;
    c.path = path;
    if (body) c.body = body(a);
    c.allowed = w.Allowed(a, action, 0);
    c.ok_status = ok_status;
    c.denied_status = 403;
    c.audit_action = audit_action;
    if (on_success) {
      const Actor* ac = &a;
      c.on_success = [on_success, ac](const Reply& r, uint64_t) { on_success(*ac, r); };
    }
    Run(w, c);
  }
}

// The same, about the caller themself: always allowed.
void RunOwn(World& w, const std::string& method, const std::string& path_before_id, const std::string& suffix, int ok_status = 200) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name + " about themself");
    Reply r = w.Call(method, path_before_id + Str(a.id) + suffix, a.token);
    ++g_requests;
    EXPECT_EQ(r.status, ok_status) << r.Describe();
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  }
}

// ---- subject access requests (the data protection officer's) ----

json SarIntakeJson(int64_t person) {
  return json{{"person_id", person},         {"received_on", "2026-11-20"},        {"requester", "subject"},
              {"requester_name", "The child"}, {"request_text", "Everything about me"}, {"identity_confirmed", true},
              {"identity_method", "Known to the service"}};
}

// An approval of the bundle as the DPO previews it now, with the note the checks may need.
json SarApproval(World& w, int64_t id) {
  Reply preview = w.Call("GET", "/api/subject-access-requests/" + Str(id) + "/preview", w.actor("data_protection_officer").token);
  EXPECT_EQ(preview.status, 200) << preview.Describe();
  return json{{"content_sha256", preview.json.value("content_sha256", "")}, {"note", "Checks dealt with"}};
}

// A request about `c` made by the DPO and taken to `stage`: 0 open, 1 approved, 2 released, 3 with
// a redaction (its id returned through `redaction`). 0 if the DPO may not (restricted from them).
int64_t SarAbout(World& w, const ChildInfo& c, int stage, int64_t* redaction = nullptr) {
  const Actor& dpo = w.actor("data_protection_officer");
  if (!w.Allowed(dpo, Action::kSubjectAccessManage, c.id, SensitivityTier::kRestricted)) return 0;
  Reply r = w.Call("POST", "/api/subject-access-requests", dpo.token, SarIntakeJson(c.id));
  EXPECT_EQ(r.status, 201) << r.Describe();
  if (r.status != 201) return 0;
  const int64_t id = r.json.at("id");
  const std::string base = "/api/subject-access-requests/" + Str(id);
  if (stage == 3) {
    Reply red = w.Call("POST", base + "/redactions", dpo.token,
                       json{{"ref", "person/" + Str(c.id)}, {"field", "family_name"}, {"ground", "third_party"}, {"reason", "Test"}});
    EXPECT_EQ(red.status, 201) << red.Describe();
    if (redaction) *redaction = red.json.value("id", int64_t{0});
  }
  if (stage == 1 || stage == 2) {
    Reply a = w.Call("POST", base + "/approvals", dpo.token, SarApproval(w, id));
    EXPECT_EQ(a.status, 201) << a.Describe();
  }
  if (stage == 2) {
    Reply rel = w.Call("POST", base + "/release", dpo.token, json{{"channel", "secure email"}});
    EXPECT_EQ(rel.status, 201) << rel.Describe();
  }
  return id;
}

// A request about one subject access request per (actor, child): /api/subject-access-requests/{id}<suffix>,
// each case with a request of its own made to `stage` (so a release or a step by one caller does
// not change what the next one meets).
void RunSarRoute(World& w, const std::string& method, const std::string& suffix, const std::string& audit_action, int ok_status,
                 int stage, const std::function<std::optional<json>(World&, int64_t)>& body = {}) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      int64_t redaction = 0;
      const int64_t id = SarAbout(w, *child, stage, &redaction);
      if (id == 0) continue;  // restricted from the DPO: nobody can have made one
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = method;
      std::string tail = suffix;
      if (const size_t at = tail.find("{redaction}"); at != std::string::npos) tail.replace(at, 11, Str(redaction));
      c.path = "/api/subject-access-requests/" + Str(id) + tail;
      c.missing_path = "/api/subject-access-requests/" + Str(kMissing) + tail;
      if (body) c.body = body(w, id);
      c.allowed = w.Allowed(a, Action::kSubjectAccessManage, child->id, SensitivityTier::kRestricted);
      c.flagged = w.Flagged(a, Action::kSubjectAccessManage, child->id, SensitivityTier::kRestricted);
      c.ok_status = ok_status;
      c.audit_action = audit_action;
      c.ids = {id, redaction};
      Run(w, c);
    }
  }
}

void SarList(World& w) { RunPlain(w, "GET", "/api/subject-access-requests", Action::kSubjectAccessManage, "subject_access.list"); }
void SarOpen(World& w) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = "POST";
      c.path = c.missing_path = "/api/subject-access-requests";
      c.body = SarIntakeJson(child->id);
      c.missing_body = SarIntakeJson(kMissing);
      c.allowed = w.Allowed(a, Action::kSubjectAccessManage, child->id);
      c.flagged = w.Flagged(a, Action::kSubjectAccessManage, child->id);
      c.ok_status = 201;
      c.audit_action = "subject_access.open";
      c.audit_person = child->id;
      c.ids = {child->id};
      Run(w, c);
    }
  }
}
void SarGet(World& w) { RunSarRoute(w, "GET", "", "subject_access.read", 200, 0); }
void SarStep(World& w) {
  RunSarRoute(w, "POST", "/steps", "subject_access.step", 201, 0,
              [](World&, int64_t) { return json{{"kind", "clarification_requested"}, {"on", "2026-11-21"}, {"note", "Which years?"}}; });
}
void SarSearch(World& w) { RunSarRoute(w, "GET", "/search", "subject_access.search", 200, 0); }
void SarRedact(World& w) {
  RunSarRoute(w, "POST", "/redactions", "subject_access.redact", 201, 0, [](World&, int64_t) {
    return json{{"ref", "*"}, {"text", "a"}, {"ground", "other_exemption"}, {"reason", "Test"}};
  });
}
void SarUnredact(World& w) {
  RunSarRoute(w, "POST", "/redactions/{redaction}/withdraw", "subject_access.unredact", 200, 3,
              [](World&, int64_t) { return json{{"reason", "Not needed"}}; });
}
void SarPreview(World& w) { RunSarRoute(w, "GET", "/preview", "subject_access.preview", 200, 0); }
void SarApprove(World& w) {
  RunSarRoute(w, "POST", "/approvals", "subject_access.approve", 201, 0, [](World& w, int64_t id) { return SarApproval(w, id); });
}
void SarRelease(World& w) {
  RunSarRoute(w, "POST", "/release", "subject_access.release", 201, 1, [](World&, int64_t) { return json{{"channel", "post"}}; });
}
void SarBundle(World& w) { RunSarRoute(w, "GET", "/bundle", "subject_access.bundle", 200, 2); }

// ---- the Freedom of Information register (the data protection officer's; about no one) ----

// A request recorded by the DPO, for the routes about one request.
int64_t FoiRequest(World& w) {
  Reply r = w.Call("POST", "/api/foi-requests", w.actor("data_protection_officer").token,
                   json{{"received_on", "2026-11-16"}, {"requester_name", "A journalist"}, {"request_text", "Spending on agency staff"}});
  EXPECT_EQ(r.status, 201) << r.Describe();
  return r.json.value("id", int64_t{0});
}
void FoiList(World& w) { RunPlain(w, "GET", "/api/foi-requests", Action::kFoiManage, "foi.list"); }
void FoiOpen(World& w) {
  RunPlain(w, "POST", "/api/foi-requests", Action::kFoiManage, "foi.open", 201, [](const Actor&) -> std::optional<json> {
    return json{{"received_on", "2026-11-20"}, {"requester_name", "A researcher"}, {"request_text", "Numbers of children in care"}};
  });
}
void FoiGet(World& w) { RunPlain(w, "GET", "/api/foi-requests/" + Str(FoiRequest(w)), Action::kFoiManage, "foi.read"); }
// Only the DPO may add a step, so the one request takes one clarification.
void FoiStepRoute(World& w) {
  RunPlain(w, "POST", "/api/foi-requests/" + Str(FoiRequest(w)) + "/steps", Action::kFoiManage, "foi.step", 201,
           [](const Actor&) -> std::optional<json> {
             return json{{"kind", "clarification_requested"}, {"on", "2026-11-20"}, {"note", "Which years?"}};
           });
}
// The grounds are the Act's sections: every member of staff may read them.
void FoiExemptionsRoute(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Reply r = w.Call("GET", "/api/foi-exemptions", a.token);
    ++g_requests;
    EXPECT_EQ(r.status, 200) << r.Describe();
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  }
}

// ---- the personal data breach register (anyone reports; the DPO keeps it; about no one) ----

json BreachReportJson() {
  return json{{"kind", "misdirected_email"},
              {"became_aware_at", "2026-11-23T09:00:00Z"},
              {"what_happened", "A review summary was emailed to the wrong school"}};
}
// A breach reported by the DPO, for the routes about one breach.
int64_t ReportedBreach(World& w) {
  Reply r = w.Call("POST", "/api/breaches", w.actor("data_protection_officer").token, BreachReportJson());
  EXPECT_EQ(r.status, 201) << r.Describe();
  return r.json.value("id", int64_t{0});
}
// The newest candidate the DPO can see, for opening or dismissing (the fixture's break-glass uses
// raise some). Fetched when the case runs, so one already opened or dismissed is not used again.
std::string CurrentCandidate(World& w) {
  Reply r = w.Call("GET", "/api/breach-candidates", w.actor("data_protection_officer").token);
  EXPECT_EQ(r.status, 200) << r.Describe();
  if (r.status != 200 || r.json.at("candidates").empty()) {
    ADD_FAILURE() << "no breach candidate to act on: " << r.Describe();
    return "none/0";
  }
  return r.json.at("candidates").at(0).at("source").get<std::string>();
}
void BreachList(World& w) { RunPlain(w, "GET", "/api/breaches", Action::kBreachManage, "breach.list"); }
// Reporting is everyone's duty; the reporter is told the id and nothing more.
void BreachReport(World& w) {
  RunPlain(w, "POST", "/api/breaches", Action::kBreachReport, "breach.report", 201,
           [](const Actor&) -> std::optional<json> { return BreachReportJson(); },
           [](const Actor&, const Reply& r) {
             EXPECT_TRUE(r.json.is_object() && r.json.size() == 1 && r.json.contains("id")) << "more than the id: " << r.body;
           });
}
void BreachGet(World& w) { RunPlain(w, "GET", "/api/breaches/" + Str(ReportedBreach(w)), Action::kBreachManage, "breach.read"); }
// Only the DPO may add a step, so the one breach takes one action.
void BreachStepRoute(World& w) {
  RunPlain(w, "POST", "/api/breaches/" + Str(ReportedBreach(w)) + "/steps", Action::kBreachManage, "breach.step", 201,
           [](const Actor&) -> std::optional<json> {
             return json{{"kind", "action"}, {"at", "2026-11-23T10:00:00Z"}, {"note", "Asked the school to delete it"}};
           });
}
void BreachCandidatesRoute(World& w) {
  RunPlain(w, "GET", "/api/breach-candidates", Action::kBreachManage, "breach.candidates");
}
void BreachCandidateOpen(World& w) {
  json body = BreachReportJson();
  body["source"] = CurrentCandidate(w);
  RunPlain(w, "POST", "/api/breach-candidates/open", Action::kBreachManage, "breach.open", 201,
           [body](const Actor&) -> std::optional<json> { return body; });
}
void BreachCandidateDismiss(World& w) {
  const json body{{"source", CurrentCandidate(w)}, {"reason", "The emergency access was justified"}};
  RunPlain(w, "POST", "/api/breach-candidates/dismiss", Action::kBreachManage, "breach.dismiss", 204,
           [body](const Actor&) -> std::optional<json> { return body; });
}
// The kinds are the reporting form's choices: every member of staff may read them.
void BreachKindsRoute(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Reply r = w.Call("GET", "/api/breach-kinds", a.token);
    ++g_requests;
    EXPECT_EQ(r.status, 200) << r.Describe();
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  }
}

void RecordOfProcessingRoute(World& w) {
  RunPlain(w, "GET", "/api/record-of-processing", Action::kRecipientRead, "recipient.list");
}

// Deadlines at a glance: everyone may ask; each register is shown only to those its part of the
// policy lets see it, and the others are told it is left out (never an empty list that reads as
// "nothing is due").
void DeadlinesRoute(World& w) {
  SarAbout(w, w.none_child(), 0);  // something with a clock for those who may see it
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Reply r = w.Call("GET", "/api/deadlines?within=60", a.token);
    ++g_requests;
    ASSERT_EQ(r.status, 200) << r.Describe();
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    const bool may = w.Allowed(a, Action::kSubjectAccessManage, 0);
    bool listed = false;
    for (const json& d : r.json.at("deadlines")) listed = listed || d.at("kind") == "subject_access";
    bool left_out = false;
    for (const json& s : r.json.at("not_shown")) left_out = left_out || s.get<std::string>().find("subject access") != std::string::npos;
    EXPECT_EQ(listed, may) << r.body;
    EXPECT_EQ(left_out, !may) << r.body;
  }
}

// ---- retention (the governance policy's schedule) ----

void RetentionReport(World& w) { RunPlain(w, "GET", "/api/retention/report", Action::kRetentionManage, "retention.dry_run"); }
// Nobody in the world is due and reviewed, so an applied run destroys nothing here: what is asserted
// is who may run it (service/retention_test.cc destroys).
void RetentionApply(World& w) { RunPlain(w, "POST", "/api/retention/runs", Action::kRetentionManage, "retention.apply"); }
void RetentionClassesList(World& w) {
  RunPersonRoute(w, PersonRoute("GET", "/retention-classes", Action::kRetentionManage, "retention.assignments"));
}
void RetentionClassesCreate(World& w) {
  PersonRoute route{"POST", "/retention-classes", Action::kRetentionManage, "retention.assign", 201};
  route.body = [](World&, const Actor&, const ChildInfo&) -> std::optional<json> {
    return json{{"class", "adoption"}, {"trigger_date", "2001-05-04"}, {"reason", "Adoption order on file"}};
  };
  RunPersonRoute(w, route);
}
void RetentionReviewsList(World& w) {
  RunPersonRoute(w, PersonRoute("GET", "/retention-reviews", Action::kRetentionManage, "retention.reviews"));
}
void RetentionReviewsCreate(World& w) {
  PersonRoute route{"POST", "/retention-reviews", Action::kRetentionManage, "retention.review", 201};
  // A review needs someone due: for a caller who may review, the child is first given a class that
  // fell due long ago (by the caller, so the review is theirs alone to make).
  route.body = [](World& w, const Actor& a, const ChildInfo& c) -> std::optional<json> {
    if (w.Allowed(a, Action::kRetentionManage, c.id)) {
      Reply r = w.Call("POST", "/api/people/" + Str(c.id) + "/retention-classes", a.token,
                       json{{"class", "foster_carer"}, {"trigger_date", "2000-01-01"}, {"reason", "Approval ended in 2000"}});
      EXPECT_EQ(r.status, 201) << r.Describe();
    }
    return json{{"decision", "retain"}, {"retain_until", "2031-01-01"}, {"reason", "A complaint is still open"}};
  };
  RunPersonRoute(w, route);
}
void LegalHoldsList(World& w) { RunPlain(w, "GET", "/api/legal-holds", Action::kRetentionManage, "retention.holds"); }
void LegalHoldsCreate(World& w) {
  RunPlain(w, "POST", "/api/legal-holds", Action::kRetentionManage, "retention.hold", 201, [](const Actor&) -> std::optional<json> {
    return json{{"everyone", true}, {"reason", "Inquiry moratorium on destruction"}};
  });
}
void LegalHoldLift(World& w) {
  const Actor& dpo = w.actor("data_protection_officer");
  for (const Actor& a : w.actors()) {
    Reply placed = w.Call("POST", "/api/legal-holds", dpo.token, json{{"class", "adoption"}, {"reason", "Litigation"}});
    ASSERT_EQ(placed.status, 201) << placed.Describe();
    const int64_t id = placed.json.at("id");
    Case c;
    c.actor = &a;
    c.what = "no data subject (training " + std::string(policy::ToString(a.training)) + ")";
    c.method = "POST";
    c.path = "/api/legal-holds/" + Str(id) + "/lift";
    c.allowed = w.Allowed(a, Action::kRetentionManage, 0);
    c.denied_status = 403;
    c.audit_action = "retention.lift";
    Run(w, c);
  }
}
void DestructionCertificates(World& w) {
  RunPlain(w, "GET", "/api/destruction-certificates", Action::kRetentionManage, "retention.certificates");
}

// ---- the route table ----

enum class Auth { kPublic, kPartial, kFull };

void PublicRoute(World& w, const std::string& path) {
  for (const Actor& a : w.actors()) {
    Reply r = w.Call("GET", path, a.token);
    ++g_requests;
    EXPECT_EQ(r.status, 200) << a.name << " " << path << ": " << r.Describe();
  }
  Reply anonymous = w.Call("GET", path, "");
  ++g_requests;
  EXPECT_EQ(anonymous.status, 200) << path << ": " << anonymous.Describe();
}

void Healthz(World& w) { PublicRoute(w, "/healthz"); }
void MetricsRoute(World& w) { PublicRoute(w, "/metrics"); }
void OpenApi(World& w) { PublicRoute(w, "/api/openapi.json"); }

void SessionCreate(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Session s = w.SignInPasswordOnly(a);
    ++g_requests;
    EXPECT_EQ(s.sign_in.json.value("next", ""), "totp") << s.sign_in.Describe();
    EXPECT_EQ(s.sign_in.json.value("staff_id", int64_t{0}), a.id);
    EXPECT_TRUE(s.sign_in.Header("Set-Cookie").starts_with(std::string(kSessionCookie) + "="));
  }
}

void SessionRead(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Reply full = w.Call("GET", "/api/session", a.token);
    Session half = w.SignInPasswordOnly(a);
    Reply partial = w.Call("GET", "/api/session", half.token);
    g_requests += 3;
    EXPECT_EQ(full.status, 200) << full.Describe();
    EXPECT_EQ(full.json.value("staff_id", int64_t{0}), a.id);
    EXPECT_EQ(full.json.value("fully_signed_in", false), true);
    EXPECT_EQ(partial.status, 200) << partial.Describe();
    EXPECT_EQ(partial.json.value("fully_signed_in", true), false);
  }
}

void SessionDelete(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Session s = w.SignInFully(a);
    Reply out = w.Call("DELETE", "/api/session", s.token);
    Reply after = w.Call("GET", "/api/session", s.token);
    Reply main = w.Call("GET", "/api/session", a.token);
    g_requests += 5;
    EXPECT_EQ(out.status, 204) << out.Describe();
    EXPECT_TRUE(out.Header("Set-Cookie").find("Max-Age=0") != std::string::npos) << out.Header("Set-Cookie");
    EXPECT_EQ(after.status, 401) << after.Describe();
    EXPECT_EQ(main.status, 200) << "signing out one session ended another: " << main.Describe();
  }
}

void SessionMfa(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Session half = w.SignInPasswordOnly(a);
    Reply blocked = w.Call("GET", "/api/people/" + Str(w.ChildFor(a, Rel::kAllocated)->id), half.token);
    Reply wrong = w.Call("POST", "/api/session/mfa", half.token, json{{"code", "000000"}});
    g_requests += 3;
    EXPECT_EQ(blocked.status, 401) << "half signed in, yet: " << blocked.Describe();
    EXPECT_EQ(wrong.status, 401) << wrong.Describe();
    ExpectProblem(wrong);
    Session full = w.SignInFully(a);  // (the recovery-code path of /api/session/mfa)
    Reply now = w.Call("GET", "/api/session", full.token);
    g_requests += 3;
    EXPECT_EQ(now.json.value("fully_signed_in", false), true) << now.Describe();
  }
}

void TotpEnrolmentBegin(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Session half = w.SignInPasswordOnly(a);
    Reply refused = w.Call("POST", "/api/session/totp-enrolment", half.token);
    g_requests += 2;
    // Enrolled already: changing the factor needs the full session and a recent re-authentication.
    EXPECT_EQ(refused.status, 409) << refused.Describe();
  }
}

void TotpEnrolmentConfirm(World& w) {
  // Replacing the authenticator: begin and confirm on the re-authenticated main session.
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Reply begin = w.Call("POST", "/api/session/totp-enrolment", a.token);
    g_requests += 1;
    ASSERT_EQ(begin.status, 201) << begin.Describe();
    const Bytes secret = Base32Decode(begin.json.at("secret").get<std::string>());
    Reply wrong = w.Call("POST", "/api/session/totp-enrolment/confirm", a.token, json{{"code", w.Code(a.totp_secret, 30)}});
    Reply ok = w.Call("POST", "/api/session/totp-enrolment/confirm", a.token, json{{"code", w.Code(secret)}});
    g_requests += 2;
    EXPECT_EQ(wrong.status, 401) << "the old factor confirmed the new one: " << wrong.Describe();
    ASSERT_EQ(ok.status, 200) << ok.Describe();
    w.UpdateActorSecrets(a.name, secret, ok.json.at("recovery_codes").get<std::vector<std::string>>());
  }
}

void SessionPassword(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Session half = w.SignInPasswordOnly(a);
    Reply early = w.Call("POST", "/api/session/password", half.token,
                         json{{"current_password", kPassword}, {"new_password", "amber meadow compass 7730"}});
    Session full = w.SignInFully(a);
    Reply wrong = w.Call("POST", "/api/session/password", full.token,
                         json{{"current_password", "not the password at all"}, {"new_password", "amber meadow compass 7730"}});
    g_requests += 5;
    EXPECT_EQ(early.status, 409) << "a password change before the second factor: " << early.Describe();
    EXPECT_EQ(wrong.status, 401) << wrong.Describe();
  }
}

void SessionReauth(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Session half = w.SignInPasswordOnly(a);
    Reply partial = w.Call("POST", "/api/session/reauth", half.token, json{{"password", kPassword}, {"code", "123456"}});
    Reply wrong = w.Call("POST", "/api/session/reauth", a.token, json{{"password", "not the password at all"}, {"code", "123456"}});
    g_requests += 3;
    EXPECT_EQ(partial.status, 401) << partial.Describe();
    EXPECT_EQ(wrong.status, 401) << wrong.Describe();
  }
}

// ---- people ----

void PeopleSearch(World& w) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      Case c;
      c.actor = &a;
      c.what = What(a, rel) + ", by NHS number";
      c.method = "POST";
      c.path = "/api/people/search";
      c.body = json{{"nhs_number", child->details.nhs_number->digits()}};
      c.allowed = w.Allowed(a, Action::kPersonSearch, 0);
      c.denied_status = 403;
      c.audit_action = "person.search";
      const bool visible = w.Allowed(a, Action::kPersonRead, child->id);
      const domain::PersonId id = child->id;
      const domain::StaffId me = a.id;
      c.on_success = [&w, visible, id, me](const Reply& r, uint64_t before) {
        std::set<int64_t> found;
        for (const auto& m : r.json.at("matches")) found.insert(m.at("id").get<int64_t>());
        EXPECT_EQ(found, visible ? std::set<int64_t>{id} : std::set<int64_t>{}) << r.Describe();
        if (!visible) {  // the attempt to find a hidden child is in the log
          const auto events = w.AuditSince(before);
          EXPECT_TRUE(std::any_of(events.begin(), events.end(), [&](const audit::AuditEvent& e) {
            return e.action == "person.search.match" && e.person_id == id && e.outcome == "denied" && e.actor == me;
          }));
        }
      };
      Run(w, c);
    }
  }
}

void PeopleCreate(World& w) {
  int n = 0;
  RunPlain(w, "POST", "/api/people", Action::kPersonCreate, "person.create", 201, [&](const Actor&) {
    return json{{"kind", "child"},
                {"details", {{"given_names", "Newt"}, {"family_name", "Referral-" + Str(++n)}, {"date_of_birth", "2021-03-04"}}}};
  });
}

void PersonGet(World& w) {
  PersonRoute route{"GET", "", Action::kPersonRead, "person.read"};
  route.on_success = [](World&, const Actor&, const ChildInfo& c, const Reply& r, uint64_t) {
    EXPECT_EQ(r.json.value("id", int64_t{0}), c.id);
    EXPECT_EQ(r.json.value("family_name", ""), c.details.family_name);
  };
  RunPersonRoute(w, route);
  // Their parents: an adult's relation is the best relation to their children; a restriction of
  // the child does not hide the parent.
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      Case c;
      c.actor = &a;
      c.what = std::string("parent of the child ") + RelName(rel);
      c.method = "GET";
      c.path = "/api/people/" + Str(child->parent);
      c.missing_path = "/api/people/" + Str(kMissing);
      c.allowed = w.Allowed(a, Action::kPersonRead, child->parent);
      c.flagged = w.Flagged(a, Action::kPersonRead, child->parent);
      c.audit_action = "person.read";
      c.audit_person = child->parent;
      c.ids = {child->parent};
      Run(w, c);
    }
  }
}

void PersonAmend(World& w) {
  PersonRoute route{"PUT", "", Action::kPersonAmend, "person.amend"};
  route.body = [](World& w, const Actor&, const ChildInfo& c) -> std::optional<json> {
    return json{{"details", DetailsJson(c.details)}, {"reason", "Confirmed the address with the family"},
                {"expected_version", w.PersonVersion(c.id)}};
  };
  route.on_success = [](World& w, const Actor&, const ChildInfo& c, const Reply& r, uint64_t) {
    EXPECT_EQ(r.json.value("version", 0), w.PersonVersion(c.id));
  };
  RunPersonRoute(w, route);
}

void RelationshipsList(World& w) {
  PersonRoute route{"GET", "/relationships", Action::kRelationshipRead, "relationship.list"};
  route.on_success = [](World&, const Actor&, const ChildInfo& c, const Reply& r, uint64_t) {
    bool parent = false;
    for (const auto& x : r.json.at("relationships")) parent = parent || x.at("person_id") == c.parent;
    EXPECT_TRUE(parent) << r.Describe();
  };
  RunPersonRoute(w, route);
}

void RelationshipsCreate(World& w) {
  PersonRoute route{"POST", "/relationships", Action::kRelationshipCreate, "relationship.create", 201};
  route.body = [](World&, const Actor&, const ChildInfo& c) -> std::optional<json> {
    return json{{"person_id", c.parent}, {"kind", "carer"}, {"notes", "Also cares for the child at weekends"}};
  };
  // Linking someone needs to be allowed to know them, too.
  route.also = [](World& w, const Actor& a, const ChildInfo& c) { return w.Allowed(a, Action::kPersonRead, c.parent); };
  route.ids = [](const ChildInfo& c) { return std::vector<int64_t>{c.id, c.parent}; };
  route.flags = false;  // audited as a change, outcome "ok"
  RunPersonRoute(w, route);
  // Linking a stranger: allowed only if the caller may know the stranger too.
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      const domain::PersonId stranger = w.FreshAdult();
      Case c;
      c.actor = &a;
      c.what = What(a, rel) + ", linking a stranger";
      c.method = "POST";
      c.path = "/api/people/" + Str(child->id) + "/relationships";
      c.missing_path = "/api/people/" + Str(kMissing) + "/relationships";
      c.body = json{{"person_id", stranger}, {"kind", "other"}};
      c.allowed = w.Allowed(a, Action::kRelationshipCreate, child->id) && w.Allowed(a, Action::kPersonRead, stranger);
      c.ok_status = 201;
      c.audit_action = "relationship.create";
      c.audit_person = child->id;
      c.ids = {child->id, stranger};
      const domain::PersonId child_id = child->id;
      c.on_success = [&w, child_id, stranger](const Reply&, uint64_t) { w.NoteRelationship(child_id, stranger); };
      Run(w, c);
    }
  }
}

void AllocationsList(World& w) {
  PersonRoute route{"GET", "/allocations", Action::kAllocationRead, "allocation.list"};
  RunPersonRoute(w, route);
}

void AllocationsCreate(World& w) {
  PersonRoute route{"POST", "/allocations", Action::kAllocationManage, "allocation.create", 201};
  // The spare staff member: no actor's relation to the child changes.
  route.body = [](World& w, const Actor&, const ChildInfo&) -> std::optional<json> {
    return json{{"staff_id", w.spare()}, {"role", "other"}};
  };
  route.flags = false;  // audited as a change, outcome "ok"
  RunPersonRoute(w, route);
}

void AllocationEnd(World& w) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      const domain::AllocationId id = w.DisposableAllocation(child->id);
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = "POST";
      c.path = "/api/allocations/" + Str(id) + "/end";
      c.missing_path = "/api/allocations/" + Str(kMissing) + "/end";
      c.allowed = w.Allowed(a, Action::kAllocationManage, child->id);
      c.ok_status = 204;
      c.audit_action = "allocation.end";
      c.ids = {id};
      Run(w, c);
    }
  }
}

void RestrictionsList(World& w) {
  PersonRoute route{"GET", "/restrictions", Action::kRestrictionManage, "restriction.list"};
  route.flags = false;  // audited as a change, outcome "ok"
  RunPersonRoute(w, route);
}

void RestrictionsCreate(World& w) {
  PersonRoute route{"POST", "/restrictions", Action::kRestrictionManage, "restriction.create", 201};
  route.body = [](World& w, const Actor&, const ChildInfo&) -> std::optional<json> {
    return json{{"staff_id", w.spare()}, {"reason", "Lives next door to the family"}};
  };
  route.flags = false;  // audited as a change, outcome "ok"
  RunPersonRoute(w, route);
}

void RestrictionLift(World& w) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      const int64_t id = w.DisposableRestriction(child->id);
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = "DELETE";
      c.path = "/api/restrictions/" + Str(id);
      c.missing_path = "/api/restrictions/" + Str(kMissing);
      c.allowed = w.Allowed(a, Action::kRestrictionManage, child->id);
      c.ok_status = 204;
      c.audit_action = "restriction.lift";
      c.ids = {id};
      Run(w, c);
    }
  }
}

void BreakGlassStart(World& w) {
  // On fresh children: an emergency access changes the caller's relation, which must not leak
  // into the other routes' shared children.
  for (const Actor& a : w.actors()) {
    for (Rel rel : kAllRels) {
      if (rel == Rel::kBreakGlass && !w.ChildFor(a, rel)) continue;
      const domain::PersonId child = w.FreshChild(a, rel);
      ASSERT_NE(child, 0);
      Case c;
      c.actor = &a;
      c.what = What(a, rel) + " (fresh)";
      c.method = "POST";
      c.path = "/api/people/" + Str(child) + "/break-glass";
      c.missing_path = "/api/people/" + Str(kMissing) + "/break-glass";
      c.body = json{{"reason", "Emergency: the child's allocated worker cannot be reached"}};
      c.allowed = w.Allowed(a, Action::kBreakGlassStart, child);
      c.flagged = w.Flagged(a, Action::kBreakGlassStart, child);
      c.ok_status = 201;
      c.audit_action = "break_glass.start";
      c.audit_person = child;
      c.ids = {child};
      const domain::StaffId me = a.id;
      c.on_success = [&w, me, child](const Reply& r, uint64_t) {
        EXPECT_EQ(r.json.value("person_id", int64_t{0}), child);
        w.NoteBreakGlass(me, child);
      };
      Run(w, c);
    }
  }
}

// ---- records ----

void Chronology(World& w) {
  PersonRoute route{"GET", "/chronology", Action::kChronologyRead, "chronology.read"};
  route.on_success = [](World& w, const Actor& a, const ChildInfo& c, const Reply& r, uint64_t) {
    std::set<int64_t> expected, shown;
    for (const auto& [record, tier] : w.RecordsOf(c.id)) {
      if (w.Allowed(a, Action::kRecordRead, c.id, tier)) expected.insert(record);
    }
    for (const auto& item : r.json.at("items")) shown.insert(item.at("record_id").get<int64_t>());
    EXPECT_EQ(shown, expected) << "the chronology shows records the caller may not read, or hides ones they may";
  };
  RunPersonRoute(w, route);
}

void RecordsCreate(World& w) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      for (SensitivityTier tier : kAllTiers) {
        Case c;
        c.actor = &a;
        c.what = What(a, rel, tier) + " (new)";
        c.method = "POST";
        c.path = "/api/people/" + Str(child->id) + "/records";
        c.missing_path = "/api/people/" + Str(kMissing) + "/records";
        c.body = json{{"kind", "case_note"},
                      {"tier", TierName(tier)},
                      {"occurred_at", "2026-11-23T09:30:00Z"},
                      {"content", {{"summary", "Seemed withdrawn at drop-off"}, {"text", "Quiet, would not take off coat."}}}};
        c.allowed = w.Allowed(a, Action::kRecordCreate, child->id, tier);
        c.flagged = w.Flagged(a, Action::kRecordCreate, child->id, tier);
        c.ok_status = 201;
        c.audit_action = "record.create";
        c.audit_person = child->id;
        c.ids = {child->id};
        Run(w, c);
      }
    }
  }
}

void RecordGet(World& w) { RunRecordRoute(w, RecordRoute("GET", "", Action::kRecordRead, "record.read")); }
void RecordVersions(World& w) { RunRecordRoute(w, RecordRoute("GET", "/versions", Action::kRecordRead, "record.history")); }

void RecordAmend(World& w) {
  RecordRoute route{"POST", "/amendments", Action::kRecordAmend, "record.amend", 201};
  route.body = [](World& w, domain::RecordId id) -> std::optional<json> {
    return json{{"expected_version", w.RecordVersion(id)},
                {"reason", "Corrected the time of the observation"},
                {"content", {{"summary", "Seemed withdrawn at drop-off (amended)"}}}};
  };
  RunRecordRoute(w, route);
}

void RecordExport(World& w) { RunRecordRoute(w, RecordRoute("POST", "/export", Action::kRecordExport, "record.export")); }

// ---- staff ----

void Caseload(World& w) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Reply r = w.Call("GET", "/api/me/caseload", a.token);
    ++g_requests;
    ASSERT_EQ(r.status, 200) << r.Describe();
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    std::set<int64_t> expected, shown;
    for (domain::PersonId id : w.AllocatedTo(a.id)) {
      if (w.Allowed(a, Action::kPersonRead, id)) expected.insert(id);
    }
    for (const auto& item : r.json.at("children")) shown.insert(item.at("person_id").get<int64_t>());
    EXPECT_EQ(shown, expected);
  }
}

void StaffList(World& w) { RunPlain(w, "GET", "/api/staff", Action::kStaffRead, "staff.list"); }

void StaffCreate(World& w) {
  int n = 0;
  RunPlain(w, "POST", "/api/staff", Action::kStaffManage, "staff.create", 201, [&](const Actor&) {
    ++n;
    return json{{"role", "practitioner"}, {"team", "Spare Team"}, {"name", "New Starter " + Str(n)},
                {"email", "new.starter" + Str(n) + "@example.org"}};
  });
}

void StaffGet(World& w) {
  RunPlain(w, "GET", "/api/staff/" + Str(w.spare()), Action::kStaffRead, "staff.read");
  RunOwn(w, "GET", "/api/staff/", "");
}

void StaffUpdate(World& w) {
  // Reading the staff member first, then changing them: both are needed.
  for (const Actor& a : w.actors()) {
    Case c;
    c.actor = &a;
    c.what = "another staff member";
    c.method = "PATCH";
    c.path = "/api/staff/" + Str(w.spare());
    c.body = json{{"team", "Spare Team"}};
    const bool read = w.Allowed(a, Action::kStaffRead, 0);
    c.allowed = read && w.Allowed(a, Action::kStaffManage, 0);
    c.ok_status = 204;
    c.denied_status = 403;
    c.audit_action = read ? "staff.update" : "staff.read";
    Run(w, c);
    Case own = c;
    own.what = "themself";
    own.path = "/api/staff/" + Str(a.id);
    own.body = json{{"team", kTeam}};
    own.allowed = w.Allowed(a, Action::kStaffManage, 0);
    own.audit_action = "staff.update";
    Run(w, own);
  }
}

void StaffPassword(World& w) {
  RunPlain(w, "POST", "/api/staff/" + Str(w.spare()) + "/password", Action::kStaffManage, "auth.password_set", 204,
           [](const Actor&) { return json{{"password", "amber meadow compass 7730"}, {"must_change", true}}; });
}

void StaffTotpReset(World& w) {
  RunPlain(w, "POST", "/api/staff/" + Str(w.spare()) + "/totp-reset", Action::kStaffManage, "auth.totp_reset", 204);
}

void TrainingList(World& w) {
  RunPlain(w, "GET", "/api/staff/" + Str(w.spare()) + "/training", Action::kTrainingReport, "training.list");
  RunOwn(w, "GET", "/api/staff/", "/training");
}

void TrainingRecord(World& w) {
  RunPlain(w, "POST", "/api/staff/" + Str(w.spare()) + "/training", Action::kTrainingManage, "training.record", 201,
           [](const Actor&) { return json{{"course", "safeguarding"}, {"completed_at", "2026-01-15"}}; });
}

// Where a member of staff stands: their own always; anyone's with training.report.
void TrainingStanding(World& w) {
  RunPlain(w, "GET", "/api/staff/" + Str(w.spare()) + "/training-standing", Action::kTrainingReport, "training.standing");
  RunOwn(w, "GET", "/api/staff/", "/training-standing");
}

void TrainingReport(World& w) {
  RunPlain(w, "GET", "/api/training-report", Action::kTrainingReport, "training.report", 200, {},
           [](const Actor&, const Reply& r) { EXPECT_EQ(r.json.at("policy").at("version"), "2026.1"); });
}

// The catalogue and the policy's text are the organisation's documents: every member of staff reads them.
void EveryoneReads(World& w, const std::string& path) {
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Reply r = w.Call("GET", path, a.token);
    ++g_requests;
    EXPECT_EQ(r.status, 200) << r.Describe();
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
  }
}
void TrainingCourses(World& w) { EveryoneReads(w, "/api/training-courses"); }
void ConfidentialityPolicyRoute(World& w) { EveryoneReads(w, "/api/confidentiality-policy"); }

// Each active member of staff acknowledges for themself, whatever their training (it is how an
// overdue acknowledgement becomes current); a disabled account may not.
void ConfidentialityPolicyAcknowledge(World& w) {
  Reply policy = w.Call("GET", "/api/confidentiality-policy", w.actor("data_protection_officer").token);
  ASSERT_EQ(policy.status, 200) << policy.Describe();
  const json body{{"version", policy.json.at("policy").at("version")}, {"digest", policy.json.at("policy").at("digest")}};
  RunPlain(w, "POST", "/api/confidentiality-policy/acknowledgements", Action::kPolicyAcknowledge,
           "confidentiality_policy.acknowledge", 201, [body](const Actor&) -> std::optional<json> { return body; });
}

// ---- access reviews ----

void PersonAccessLog(World& w) {
  PersonRoute route{"GET", "/access-log", Action::kAccessLogRead, "access_log.person"};
  route.on_success = [](World&, const Actor&, const ChildInfo& c, const Reply& r, uint64_t) {
    for (const auto& e : r.json.at("events")) EXPECT_EQ(e.at("person_id"), c.id);
  };
  RunPersonRoute(w, route);
}

void StaffAccessLog(World& w) {
  RunPlain(w, "GET", "/api/staff/" + Str(w.spare()) + "/access-log", Action::kAccessLogRead, "access_log.staff");
  RunOwn(w, "GET", "/api/staff/", "/access-log");
}

void OwnAccessLog(World& w) {
  RunPlain(w, "GET", "/api/me/access-log", Action::kAccessLogReadOwn, "access_log.staff", 200, {},
           [](const Actor& a, const Reply& r) {
             EXPECT_FALSE(r.json.at("events").empty());
             for (const auto& e : r.json.at("events")) EXPECT_EQ(e.at("staff_id"), a.id);
           });
}

void Anomalies(World& w) { RunPlain(w, "GET", "/api/access-anomalies", Action::kAccessLogRead, "access_log.anomalies"); }

void BreakGlassList(World& w) {
  RunPlain(w, "GET", "/api/break-glass", Action::kAccessLogRead, "break_glass.list", 200, {},
           [&w](const Actor& a, const Reply& r) {
             EXPECT_FALSE(r.json.at("grants").empty());
             for (const auto& g : r.json.at("grants")) {
               // The stated reason (personal data) only for a reviewer who may know the child.
               const bool may_know = w.Allowed(a, Action::kPersonRead, g.at("person_id").get<int64_t>());
               EXPECT_EQ(!g.at("reason").get<std::string>().empty(), may_know) << g.dump();
             }
           });
}

void PolicyExplain(World& w) {
  for (const Actor& a : w.actors()) {
    const bool explains = w.Allowed(a, Action::kPolicyExplain, 0);
    for (const auto& [rel, child] : Targets(w, a)) {
      // About themself and a person: the person must be one they may know exists.
      Case self;
      self.actor = &a;
      self.what = What(a, rel) + ", own decision";
      self.method = "GET";
      self.path = "/api/policy/explain?person=" + Str(child->id) + "&action=record.read";
      self.missing_path = "/api/policy/explain?person=" + Str(kMissing) + "&action=record.read";
      // A person hidden from the explainer stays hidden, even from those who explain for others.
      const bool hidden = w.RestrictedFor(a.id, child->id);
      self.allowed = (w.Allowed(a, Action::kPersonRead, child->id) || explains) && !hidden;
      self.audit_action = "policy.explain";
      self.audit_person = child->id;
      self.ids = {child->id};
      const domain::PersonId id = child->id;
      const Actor* ac = &a;
      self.on_success = [&w, ac, id](const Reply& r, uint64_t) {
        // The vault's directory and this suite's model agree on the facts.
        EXPECT_EQ(r.json.value("allowed", false), w.Allowed(*ac, Action::kRecordRead, id, SensitivityTier::kGeneral)) << r.Describe();
      };
      Run(w, self);
      // About themself and a record of each tier: nor may it tell that a record they cannot read
      // exists.
      for (SensitivityTier tier : kAllTiers) {
        const domain::RecordId record = child->records.at(tier);
        Case r;
        r.actor = &a;
        r.what = What(a, rel, tier) + ", own decision";
        r.method = "GET";
        r.path = "/api/policy/explain?record=" + Str(record);
        r.missing_path = "/api/policy/explain?record=" + Str(kMissing);
        r.allowed = !hidden && (explains || (w.Allowed(a, Action::kPersonRead, child->id) &&
                                             w.Allowed(a, Action::kRecordRead, child->id, tier)));
        r.audit_action = "policy.explain";
        r.audit_record = record;
        r.ids = {record};
        r.on_success = [&w, ac, id, tier](const Reply& rep, uint64_t) {
          EXPECT_EQ(rep.json.value("allowed", false), w.Allowed(*ac, Action::kRecordRead, id, tier)) << rep.Describe();
        };
        Run(w, r);
      }
      // About another staff member: needs policy.explain.
      Case other;
      other.actor = &a;
      other.what = What(a, rel) + ", another's decision";
      other.method = "GET";
      other.path = "/api/policy/explain?staff=" + Str(w.spare()) + "&person=" + Str(child->id);
      other.missing_path = "/api/policy/explain?staff=" + Str(w.spare()) + "&person=" + Str(kMissing);
      other.ids = {child->id};
      other.allowed = explains && !hidden;
      other.denied_status = explains ? 404 : 403;  // may not explain at all; or may, but not this person
      other.audit_action = "policy.explain";
      other.audit_person = child->id;
      Run(w, other);
    }
  }
}

// ---- the audit log ----

void AuditHead(World& w) { RunPlain(w, "GET", "/api/audit/head", Action::kAuditRead, "audit.head"); }
void AuditEntry(World& w) { RunPlain(w, "GET", "/api/audit/entries/0", Action::kAuditRead, "audit.entry"); }
void AuditInclusion(World& w) { RunPlain(w, "GET", "/api/audit/proofs/inclusion?seq=0", Action::kAuditRead, "audit.proof"); }
void AuditConsistency(World& w) {
  RunPlain(w, "GET", "/api/audit/proofs/consistency?from=1&to=2", Action::kAuditRead, "audit.proof");
}
void AuditVerify(World& w) { RunPlain(w, "POST", "/api/audit/verify", Action::kAuditRead, "audit.verify"); }

// ---- information sharing ----

// What the sharing routes work on, made in process: a designated safeguarding lead who records
// requests and consents (no actor: requests are never the caller's own) and a deputy who backs
// them, neither restricted from any child; a verified recipient with a public key; one referral per
// child that nobody sends (read and decided again by the matrix), and one backed per child (its
// minimum dataset read).
struct SharingSetup {
  domain::StaffId sharer = 0, backer = 0;
  int64_t recipient = 0;
  std::map<domain::PersonId, int64_t> referral, backed;
};

json ReferralJson(domain::PersonId child, int64_t recipient) {
  return json{{"person_id", child},
              {"direction", "outgoing"},
              {"recipient_id", recipient},
              {"purpose", "safeguarding"},
              {"categories", {"identity", "address", "safeguarding_concerns"}},
              {"channel", "secure_email"},
              {"urgency", "urgent"},
              {"answers", {"significant_harm", "consent_would_increase_risk", "telling_would_put_at_risk"}},
              {"reasons", "Unexplained bruising at drop-off"}};
}

// A police request on their form: it asks for the designated person's backing and for a
// manager's or the DPO's, so every role that may approve has one to give.
json PoliceRequestJson(domain::PersonId child) {
  return json{{"person_id", child},
              {"direction", "incoming"},
              {"recipient_kind", "police"},
              {"purpose", "crime_prevention"},
              {"categories", {"identity"}},
              {"channel", "secure_email"},
              {"documents", {{{"kind", "police_request_form"}, {"reference", "DP7 2026/114"}}}},
              {"reasons", "Investigating a burglary at the family's address"}};
}

SharingSetup& Sharing(World& w) {
  static World* owner = nullptr;
  static SharingSetup made;
  SharingSetup* setup = &made;
  if (owner == &w) return made;
  owner = &w;
  made = SharingSetup{};
  service::Vault& v = w.vault();
  auto staff = [&](domain::StaffRole role, const std::string& name, const std::string& email) -> domain::StaffId {
    auto id = v.AddStaff(w.root(), role, "Safeguarding", {name, email});
    EXPECT_OK(id);
    if (!id.ok()) return 0;
    EXPECT_OK(v.RecordTraining(w.root(), domain::TrainingRecord{0, *id, "confidentiality", kStart - 30 * kDay, std::nullopt, 0, 0}).status());
    return *id;
  };
  setup->sharer = staff(domain::StaffRole::kDesignatedSafeguardingLead, "Shay Sharer", "shay.sharer@example.org");
  setup->backer = staff(domain::StaffRole::kDeputySafeguardingLead, "Bea Backer", "bea.backer@example.org");
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  auto recipient = sharing::RecipientFromJson(json{{"kind", "childrens_social_care"}, {"name", "Northtown MASH"},
                                                   {"public_key", HexEncode(key.public_key())}});
  EXPECT_OK(recipient);
  if (recipient.ok()) {
    auto id = v.AddRecipient(setup->sharer, *recipient);
    EXPECT_OK(id);
    if (id.ok()) {
      setup->recipient = *id;
      EXPECT_OK(v.RecordRecipientVerification(setup->sharer, *id, "Call-back to the council switchboard", ""));
    }
  }
  return *setup;
}

// A request recorded by the set-up DSL; with `backed`, the deputy's backing too, so it may be sent.
int64_t NewRequest(World& w, const json& body, bool backed) {
  SharingSetup& s = Sharing(w);
  auto request = sharing::RequestFromJson(body, sharing::SharingPolicy::Default());
  EXPECT_OK(request);
  if (!request.ok()) return 0;
  auto c = w.vault().RecordSharingRequest(s.sharer, *request);
  EXPECT_OK(c);
  if (!c.ok()) return 0;
  if (backed) {
    auto after = w.vault().ApproveSharingRequest(s.backer, c->request.id, sharing::Approval::kDesignatedPerson, "Agreed: refer today");
    EXPECT_OK(after);
    if (after.ok()) {
      EXPECT_EQ(sharing::StageOf(*after), sharing::CaseStage::kReadyToSend);
    }
  }
  return c->request.id;
}

int64_t SharedReferral(World& w, domain::PersonId child, bool backed) {
  SharingSetup& s = Sharing(w);
  auto& cache = backed ? s.backed : s.referral;
  auto it = cache.find(child);
  if (it != cache.end()) return it->second;
  const int64_t id = NewRequest(w, ReferralJson(child, s.recipient), backed);
  cache[child] = id;
  return id;
}

json ConsentJson(const ChildInfo& c) {
  return json{{"given_by_id", c.parent},
              {"capacity", "parent_with_parental_responsibility"},
              {"purposes", {"care_and_support"}},
              {"recipients", {"health"}},
              {"categories", {"identity", "health"}},
              {"explained", {{"why", true}, {"what", true}, {"who_will_see", true}, {"purpose", true}, {"implications", true}}},
              {"voluntary", true},
              {"method", "written"},
              {"evidence", "Signed form"},
              {"given_at", "2026-11-20"},
              {"privacy_notice_version", "2026-09"}};
}

// A request about one sharing request per child: /api/sharing-requests/{id}<suffix>. `request`
// makes (or finds) the request for the child.
void RunSharingRequestRoute(World& w, const std::string& method, const std::string& suffix, Action action,
                            const std::string& audit_action, int ok_status,
                            const std::function<int64_t(const ChildInfo&)>& request,
                            const std::function<std::optional<json>(const Actor&)>& body = {}) {
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      const int64_t id = request(*child);
      ASSERT_NE(id, 0);
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = method;
      c.path = "/api/sharing-requests/" + Str(id) + suffix;
      c.missing_path = "/api/sharing-requests/" + Str(kMissing) + suffix;
      if (body) c.body = body(a);
      c.allowed = w.Allowed(a, action, child->id);
      c.flagged = w.Flagged(a, action, child->id);
      c.ok_status = ok_status;
      c.audit_action = audit_action;
      c.ids = {id};
      Run(w, c);
    }
  }
}

void ConsentsList(World& w) { RunPersonRoute(w, PersonRoute("GET", "/consents", Action::kConsentRead, "consent.list")); }

void ConsentsCreate(World& w) {
  PersonRoute route{"POST", "/consents", Action::kConsentManage, "consent.create", 201};
  route.body = [](World&, const Actor&, const ChildInfo& c) -> std::optional<json> { return ConsentJson(c); };
  route.flags = false;  // audited as a change, outcome "ok"
  RunPersonRoute(w, route);
}

void ConsentWithdraw(World& w) {
  const domain::StaffId sharer = Sharing(w).sharer;
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      auto record = sharing::ConsentFromJson(ConsentJson(*child), &sharing::SharingPolicy::Default());
      ASSERT_OK(record);
      record->subject_id = child->id;
      auto id = w.vault().RecordConsent(sharer, *record);
      ASSERT_OK(id);
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = "POST";
      c.path = "/api/consents/" + Str(*id) + "/withdraw";
      c.missing_path = "/api/consents/" + Str(kMissing) + "/withdraw";
      c.body = json{{"withdrawn_by_id", child->parent}};
      c.allowed = w.Allowed(a, Action::kConsentManage, child->id);
      c.ok_status = 204;
      c.audit_action = "consent.withdraw";
      c.ids = {*id, child->parent};
      Run(w, c);
    }
  }
}

void ConsentCheck(World& w) {
  PersonRoute route{"POST", "/consent-check", Action::kConsentRead, "consent.check"};
  route.body = [](World&, const Actor&, const ChildInfo&) -> std::optional<json> {
    return json{{"purpose", "care_and_support"}, {"recipient", "health"}, {"categories", {"identity", "health"}}};
  };
  route.on_success = [](World&, const Actor&, const ChildInfo&, const Reply& r, uint64_t) { EXPECT_TRUE(r.json.contains("consent")); };
  RunPersonRoute(w, route);
}

void RecipientsList(World& w) {
  Sharing(w);
  RunPlain(w, "GET", "/api/recipients", Action::kRecipientRead, "recipient.list", 200, {},
           [](const Actor&, const Reply& r) { EXPECT_FALSE(r.json.at("recipients").empty()); });
}

void RecipientsCreate(World& w) {
  int n = 0;
  RunPlain(w, "POST", "/api/recipients", Action::kRecipientManage, "recipient.create", 201,
           [&](const Actor&) { return json{{"kind", "health"}, {"name", "Surgery " + Str(++n)}}; });
}

void RecipientGet(World& w) {
  const int64_t id = Sharing(w).recipient;
  RunPlain(w, "GET", "/api/recipients/" + Str(id), Action::kRecipientRead, "recipient.read", 200, {},
           [id](const Actor&, const Reply& r) { EXPECT_EQ(r.json.value("id", int64_t{0}), id); });
}

void RecipientVerify(World& w) {
  RunPlain(w, "POST", "/api/recipients/" + Str(Sharing(w).recipient) + "/verification", Action::kRecipientManage,
           "recipient.verify", 204, [](const Actor&) { return json{{"method", "Call-back to the council switchboard"}}; });
}

void AgreementsList(World& w) { RunPlain(w, "GET", "/api/agreements", Action::kRecipientRead, "agreement.list"); }

void AgreementsCreate(World& w) {
  const int64_t recipient = Sharing(w).recipient;
  RunPlain(w, "POST", "/api/agreements", Action::kRecipientManage, "agreement.create", 201, [recipient](const Actor&) {
    return json{{"name", "Northtown early help protocol"},
                {"party_recipient_ids", {recipient}},
                {"purposes", {"care_and_support"}},
                {"categories", {"identity"}},
                {"lawful_bases", {"public_task"}},
                {"who_may_access", "Early help workers"},
                {"storage", "The council's case system"},
                {"retention", "Until the child is 25"},
                {"consent_handling", "Consent sought unless it would put the child at risk"},
                {"starts_at", "2026-01-01"},
                {"review_at", "2027-01-01"}};
  });
}

void SharingRequestCreate(World& w) {
  const int64_t recipient = Sharing(w).recipient;
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = "POST";
      c.path = "/api/sharing-requests";
      c.missing_path = "/api/sharing-requests";
      c.body = ReferralJson(child->id, recipient);
      c.missing_body = ReferralJson(kMissing, recipient);
      c.allowed = w.Allowed(a, Action::kSharingRequest, child->id);
      c.flagged = w.Flagged(a, Action::kSharingRequest, child->id);
      c.ok_status = 201;
      c.audit_action = "sharing.request";
      c.audit_person = child->id;
      c.ids = {child->id};
      const domain::PersonId id = child->id;
      c.on_success = [id](const Reply& r, uint64_t) {
        EXPECT_EQ(r.json.at("request").at("person_id"), id);
        EXPECT_EQ(r.json.value("stage", ""), "awaiting_approval");
      };
      Run(w, c);
    }
  }
}

void SharingRequestGet(World& w) {
  RunSharingRequestRoute(w, "GET", "", Action::kSharingRead, "sharing.read", 200,
                         [&w](const ChildInfo& c) { return SharedReferral(w, c.id, false); });
}

void SharingRequestsList(World& w) {
  PersonRoute route{"GET", "/sharing-requests", Action::kSharingRead, "sharing.list"};
  route.on_success = [](World& w, const Actor&, const ChildInfo& c, const Reply& r, uint64_t) {
    bool found = false;
    for (const auto& x : r.json.at("cases")) found = found || x.at("request").at("id") == SharedReferral(w, c.id, false);
    EXPECT_TRUE(found) << r.Describe();
  };
  // Every child has a request to list.
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) SharedReferral(w, child->id, false);
  }
  RunPersonRoute(w, route);
}

void SharingRequestDecide(World& w) {
  RunSharingRequestRoute(w, "POST", "/decide", Action::kSharingRequest, "sharing.decide", 200,
                         [&w](const ChildInfo& c) { return SharedReferral(w, c.id, false); });
}

void SharingRequestApprove(World& w) {
  RunSharingRequestRoute(
      w, "POST", "/approvals", Action::kSharingApprove, "sharing.approve", 201,
      [&w](const ChildInfo& c) { return NewRequest(w, PoliceRequestJson(c.id), false); },
      [](const Actor& a) -> std::optional<json> {
        const char* approval = a.role == domain::StaffRole::kManager                 ? "manager"
                               : a.role == domain::StaffRole::kDataProtectionOfficer ? "data_protection_officer"
                                                                                     : "designated_person";
        return json{{"approval", approval}, {"reason", "Checked the form and the exemption"}};
      });
}

void SharingRequestDataset(World& w) {
  RunSharingRequestRoute(w, "GET", "/dataset", Action::kSharingDisclose, "sharing.prepare", 200,
                         [&w](const ChildInfo& c) { return SharedReferral(w, c.id, true); });
}

void SharingRequestSend(World& w) {
  const int64_t recipient = Sharing(w).recipient;
  RunSharingRequestRoute(
      w, "POST", "/send", Action::kSharingDisclose, "sharing.disclose", 201,
      [&w, recipient](const ChildInfo& c) { return NewRequest(w, ReferralJson(c.id, recipient), true); },
      [](const Actor&) -> std::optional<json> { return json{{"subject_told", false}}; });
}

// An approver's queue: filtered for each caller, never refused. A police request about every child
// waits for a manager or the DPO and a designated person (recorded by the set-up sharer, who is not
// an actor), so each approver finds exactly the children the policy lets them approve for, named
// only when they may read the child; anyone else has no queue.
void SharingAwaitingApproval(World& w) {
  std::map<int64_t, domain::PersonId> police;  // request id -> child
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      bool have = false;
      for (const auto& [request, person] : police) have = have || person == child->id;
      if (!have) police[NewRequest(w, PoliceRequestJson(child->id), false)] = child->id;
    }
  }
  for (const Actor& a : w.actors()) {
    SCOPED_TRACE(a.name);
    Reply r = w.Call("GET", "/api/sharing-requests/awaiting-approval", a.token);
    ++g_requests;
    ASSERT_EQ(r.status, 200) << r.Describe();
    EXPECT_EQ(r.Header("Cache-Control"), "no-store");
    using R = domain::StaffRole;
    const bool approver = a.role == R::kDesignatedSafeguardingLead || a.role == R::kDeputySafeguardingLead ||
                          a.role == R::kManager || a.role == R::kDataProtectionOfficer;
    EXPECT_EQ(r.json.value("approver", !approver), approver);
    std::set<domain::PersonId> expected, shown;
    if (approver) {
      for (const auto& [request, person] : police) {
        if (w.Allowed(a, Action::kSharingApprove, person)) expected.insert(person);
      }
    }
    for (const auto& item : r.json.at("requests")) {
      const domain::PersonId person = item.at("person_id").get<domain::PersonId>();
      EXPECT_TRUE(w.Allowed(a, Action::kSharingApprove, person)) << item.dump();
      EXPECT_EQ(item.contains("person_name"), w.Allowed(a, Action::kPersonRead, person)) << item.dump();
      EXPECT_FALSE(item.at("yours").empty()) << item.dump();
      if (police.count(item.at("request_id").get<int64_t>())) shown.insert(person);
    }
    EXPECT_EQ(shown, expected);
  }
}

// The package a send returned, fetched again: one referral per child sent by the set-up DSL (who
// may send for every child), then asked for by every actor. The missing twin names neither a
// request nor a disclosure that exists.
void SharingRequestPackage(World& w) {
  const SharingSetup& setup = Sharing(w);
  struct Sent {
    int64_t request = 0, disclosure = 0;
    std::string package;
  };
  std::map<domain::PersonId, Sent> sent;
  for (const Actor& a : w.actors()) {
    for (const auto& [rel, child] : Targets(w, a)) {
      Sent& s = sent[child->id];
      if (s.request == 0) {
        s.request = NewRequest(w, ReferralJson(child->id, setup.recipient), true);
        ASSERT_NE(s.request, 0);
        auto out = w.vault().SendDisclosure(setup.sharer, s.request, service::Vault::SendOptions{});
        ASSERT_OK(out);
        ASSERT_EQ(out->sharing_case.disclosures.size(), 1u);
        s.disclosure = out->sharing_case.disclosures[0].id;
        s.package = out->package_text;
      }
      Case c;
      c.actor = &a;
      c.what = What(a, rel);
      c.method = "GET";
      c.path = "/api/sharing-requests/" + Str(s.request) + "/disclosures/" + Str(s.disclosure) + "/package";
      c.missing_path = "/api/sharing-requests/" + Str(kMissing) + "/disclosures/" + Str(kMissing) + "/package";
      c.allowed = w.Allowed(a, Action::kSharingDisclose, child->id);
      c.flagged = w.Flagged(a, Action::kSharingDisclose, child->id);
      c.ok_status = 200;
      c.audit_action = "sharing.package";
      c.ids = {s.request, s.disclosure};
      const std::string package = s.package;
      c.on_success = [package](const Reply& r, uint64_t) { EXPECT_EQ(r.json.value("package", ""), package) << "not the package sent"; };
      Run(w, c);
    }
  }
}

void SharingRequestDisclose(World& w) {
  const int64_t recipient = Sharing(w).recipient;
  RunSharingRequestRoute(
      w, "POST", "/disclosures", Action::kSharingDisclose, "sharing.disclose", 201,
      [&w, recipient](const ChildInfo& c) { return NewRequest(w, ReferralJson(c.id, recipient), true); },
      [](const Actor&) -> std::optional<json> {
        return json{{"fields", {"person/1/given_names"}}, {"subject_told", false}, {"channel", "phone"}};
      });
}

struct RouteCase {
  const char* method;
  const char* pattern;
  Auth auth;
  void (*run)(World&);
};

// Every route, in the order the API registers them. A route missing here fails EveryRouteHasACase.
const RouteCase kRoutes[] = {
    {"GET", "/healthz", Auth::kPublic, Healthz},
    {"GET", "/metrics", Auth::kPublic, MetricsRoute},
    {"GET", "/api/openapi.json", Auth::kPublic, OpenApi},
    {"POST", "/api/session", Auth::kPublic, SessionCreate},
    {"GET", "/api/session", Auth::kPartial, SessionRead},
    {"DELETE", "/api/session", Auth::kPartial, SessionDelete},
    {"POST", "/api/session/mfa", Auth::kPartial, SessionMfa},
    {"POST", "/api/session/totp-enrolment", Auth::kPartial, TotpEnrolmentBegin},
    {"POST", "/api/session/totp-enrolment/confirm", Auth::kPartial, TotpEnrolmentConfirm},
    {"POST", "/api/session/password", Auth::kPartial, SessionPassword},
    {"POST", "/api/session/reauth", Auth::kFull, SessionReauth},
    {"POST", "/api/people/search", Auth::kFull, PeopleSearch},
    {"POST", "/api/people", Auth::kFull, PeopleCreate},
    {"GET", "/api/people/{id}", Auth::kFull, PersonGet},
    {"PUT", "/api/people/{id}", Auth::kFull, PersonAmend},
    {"GET", "/api/people/{id}/relationships", Auth::kFull, RelationshipsList},
    {"POST", "/api/people/{id}/relationships", Auth::kFull, RelationshipsCreate},
    {"GET", "/api/people/{id}/allocations", Auth::kFull, AllocationsList},
    {"POST", "/api/people/{id}/allocations", Auth::kFull, AllocationsCreate},
    {"POST", "/api/allocations/{id}/end", Auth::kFull, AllocationEnd},
    {"GET", "/api/people/{id}/restrictions", Auth::kFull, RestrictionsList},
    {"POST", "/api/people/{id}/restrictions", Auth::kFull, RestrictionsCreate},
    {"DELETE", "/api/restrictions/{id}", Auth::kFull, RestrictionLift},
    {"POST", "/api/people/{id}/break-glass", Auth::kFull, BreakGlassStart},
    {"GET", "/api/people/{id}/chronology", Auth::kFull, Chronology},
    {"POST", "/api/people/{id}/records", Auth::kFull, RecordsCreate},
    {"GET", "/api/records/{id}", Auth::kFull, RecordGet},
    {"GET", "/api/records/{id}/versions", Auth::kFull, RecordVersions},
    {"POST", "/api/records/{id}/amendments", Auth::kFull, RecordAmend},
    {"POST", "/api/records/{id}/export", Auth::kFull, RecordExport},
    {"GET", "/api/me/caseload", Auth::kFull, Caseload},
    {"GET", "/api/staff", Auth::kFull, StaffList},
    {"POST", "/api/staff", Auth::kFull, StaffCreate},
    {"GET", "/api/staff/{id}", Auth::kFull, StaffGet},
    {"PATCH", "/api/staff/{id}", Auth::kFull, StaffUpdate},
    {"POST", "/api/staff/{id}/password", Auth::kFull, StaffPassword},
    {"POST", "/api/staff/{id}/totp-reset", Auth::kFull, StaffTotpReset},
    {"GET", "/api/staff/{id}/training", Auth::kFull, TrainingList},
    {"POST", "/api/staff/{id}/training", Auth::kFull, TrainingRecord},
    {"GET", "/api/staff/{id}/training-standing", Auth::kFull, TrainingStanding},
    {"GET", "/api/training-report", Auth::kFull, TrainingReport},
    {"GET", "/api/training-courses", Auth::kFull, TrainingCourses},
    {"GET", "/api/confidentiality-policy", Auth::kFull, ConfidentialityPolicyRoute},
    {"POST", "/api/confidentiality-policy/acknowledgements", Auth::kFull, ConfidentialityPolicyAcknowledge},
    {"GET", "/api/people/{id}/access-log", Auth::kFull, PersonAccessLog},
    {"GET", "/api/staff/{id}/access-log", Auth::kFull, StaffAccessLog},
    {"GET", "/api/me/access-log", Auth::kFull, OwnAccessLog},
    {"GET", "/api/access-anomalies", Auth::kFull, Anomalies},
    {"GET", "/api/break-glass", Auth::kFull, BreakGlassList},
    {"GET", "/api/policy/explain", Auth::kFull, PolicyExplain},
    {"GET", "/api/audit/head", Auth::kFull, AuditHead},
    {"GET", "/api/audit/entries/{seq}", Auth::kFull, AuditEntry},
    {"GET", "/api/audit/proofs/inclusion", Auth::kFull, AuditInclusion},
    {"GET", "/api/audit/proofs/consistency", Auth::kFull, AuditConsistency},
    {"POST", "/api/audit/verify", Auth::kFull, AuditVerify},
    {"GET", "/api/people/{id}/consents", Auth::kFull, ConsentsList},
    {"POST", "/api/people/{id}/consents", Auth::kFull, ConsentsCreate},
    {"POST", "/api/consents/{id}/withdraw", Auth::kFull, ConsentWithdraw},
    {"POST", "/api/people/{id}/consent-check", Auth::kFull, ConsentCheck},
    {"GET", "/api/recipients", Auth::kFull, RecipientsList},
    {"POST", "/api/recipients", Auth::kFull, RecipientsCreate},
    {"GET", "/api/recipients/{id}", Auth::kFull, RecipientGet},
    {"POST", "/api/recipients/{id}/verification", Auth::kFull, RecipientVerify},
    {"GET", "/api/agreements", Auth::kFull, AgreementsList},
    {"POST", "/api/agreements", Auth::kFull, AgreementsCreate},
    {"POST", "/api/sharing-requests", Auth::kFull, SharingRequestCreate},
    {"GET", "/api/sharing-requests/{id}", Auth::kFull, SharingRequestGet},
    {"GET", "/api/people/{id}/sharing-requests", Auth::kFull, SharingRequestsList},
    {"POST", "/api/sharing-requests/{id}/decide", Auth::kFull, SharingRequestDecide},
    {"POST", "/api/sharing-requests/{id}/approvals", Auth::kFull, SharingRequestApprove},
    {"GET", "/api/sharing-requests/{id}/dataset", Auth::kFull, SharingRequestDataset},
    {"POST", "/api/sharing-requests/{id}/send", Auth::kFull, SharingRequestSend},
    {"GET", "/api/sharing-requests/{id}/disclosures/{disclosure}/package", Auth::kFull, SharingRequestPackage},
    {"GET", "/api/sharing-requests/awaiting-approval", Auth::kFull, SharingAwaitingApproval},
    {"POST", "/api/sharing-requests/{id}/disclosures", Auth::kFull, SharingRequestDisclose},
    {"GET", "/api/retention/report", Auth::kFull, RetentionReport},
    {"POST", "/api/retention/runs", Auth::kFull, RetentionApply},
    {"GET", "/api/people/{id}/retention-classes", Auth::kFull, RetentionClassesList},
    {"POST", "/api/people/{id}/retention-classes", Auth::kFull, RetentionClassesCreate},
    {"GET", "/api/people/{id}/retention-reviews", Auth::kFull, RetentionReviewsList},
    {"POST", "/api/people/{id}/retention-reviews", Auth::kFull, RetentionReviewsCreate},
    {"GET", "/api/legal-holds", Auth::kFull, LegalHoldsList},
    {"POST", "/api/legal-holds", Auth::kFull, LegalHoldsCreate},
    {"POST", "/api/legal-holds/{id}/lift", Auth::kFull, LegalHoldLift},
    {"GET", "/api/destruction-certificates", Auth::kFull, DestructionCertificates},
    {"GET", "/api/subject-access-requests", Auth::kFull, SarList},
    {"POST", "/api/subject-access-requests", Auth::kFull, SarOpen},
    {"GET", "/api/subject-access-requests/{id}", Auth::kFull, SarGet},
    {"POST", "/api/subject-access-requests/{id}/steps", Auth::kFull, SarStep},
    {"GET", "/api/subject-access-requests/{id}/search", Auth::kFull, SarSearch},
    {"POST", "/api/subject-access-requests/{id}/redactions", Auth::kFull, SarRedact},
    {"POST", "/api/subject-access-requests/{id}/redactions/{redaction}/withdraw", Auth::kFull, SarUnredact},
    {"GET", "/api/subject-access-requests/{id}/preview", Auth::kFull, SarPreview},
    {"POST", "/api/subject-access-requests/{id}/approvals", Auth::kFull, SarApprove},
    {"POST", "/api/subject-access-requests/{id}/release", Auth::kFull, SarRelease},
    {"GET", "/api/subject-access-requests/{id}/bundle", Auth::kFull, SarBundle},
    {"GET", "/api/foi-requests", Auth::kFull, FoiList},
    {"POST", "/api/foi-requests", Auth::kFull, FoiOpen},
    {"GET", "/api/foi-requests/{id}", Auth::kFull, FoiGet},
    {"POST", "/api/foi-requests/{id}/steps", Auth::kFull, FoiStepRoute},
    {"GET", "/api/foi-exemptions", Auth::kFull, FoiExemptionsRoute},
    {"GET", "/api/breaches", Auth::kFull, BreachList},
    {"POST", "/api/breaches", Auth::kFull, BreachReport},
    {"GET", "/api/breaches/{id}", Auth::kFull, BreachGet},
    {"POST", "/api/breaches/{id}/steps", Auth::kFull, BreachStepRoute},
    {"GET", "/api/breach-candidates", Auth::kFull, BreachCandidatesRoute},
    {"POST", "/api/breach-candidates/open", Auth::kFull, BreachCandidateOpen},
    {"POST", "/api/breach-candidates/dismiss", Auth::kFull, BreachCandidateDismiss},
    {"GET", "/api/breach-kinds", Auth::kFull, BreachKindsRoute},
    {"GET", "/api/deadlines", Auth::kFull, DeadlinesRoute},
    {"GET", "/api/record-of-processing", Auth::kFull, RecordOfProcessingRoute},
};

const RouteCase* FindCase(const std::string& method, const std::string& pattern) {
  for (const RouteCase& c : kRoutes) {
    if (method == c.method && pattern == c.pattern) return &c;
  }
  return nullptr;
}

// A path for `pattern` with its parameter filled by an id that exists.
std::string SamplePath(World& w, const std::string& pattern) {
  std::string out = pattern;
  auto fill = [&](const std::string& param, int64_t v) {
    const size_t at = out.find(param);
    if (at != std::string::npos) out.replace(at, param.size(), Str(v));
  };
  if (pattern.starts_with("/api/people/")) fill("{id}", w.none_child().id);
  if (pattern.starts_with("/api/records/")) fill("{id}", w.none_child().records.at(SensitivityTier::kGeneral));
  if (pattern.starts_with("/api/staff/")) fill("{id}", w.spare());
  fill("{id}", 1);
  fill("{disclosure}", 1);
  fill("{redaction}", 1);
  fill("{seq}", 0);
  return out;
}

class AuthorizationMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto start = std::chrono::steady_clock::now();
    world_ = World::Create().release();
    setup_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(world_, nullptr) << "the world could not be built"; }

  static void RunRoutes(const std::vector<std::string>& prefixes) {
    ++groups_run_;
    for (const RouteCase& c : kRoutes) {
      const std::string pattern = c.pattern;
      const bool mine = std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return pattern.starts_with(p); });
      if (!mine) continue;
      SCOPED_TRACE(std::string(c.method) + " " + c.pattern);
      const int before = g_requests;
      c.run(*world_);
      ran_.insert(std::string(c.method) + " " + c.pattern);
      EXPECT_GT(g_requests, before) << "the case made no request";
    }
  }

  static World* world_;
  static double setup_seconds_;
  static std::set<std::string> ran_;
  static int groups_run_;
};

World* AuthorizationMatrix::world_ = nullptr;
double AuthorizationMatrix::setup_seconds_ = 0;
std::set<std::string> AuthorizationMatrix::ran_;
int AuthorizationMatrix::groups_run_ = 0;

TEST_F(AuthorizationMatrix, EveryRouteHasACase) {
  size_t routes = 0;
  for (const auto& route : world_->router().routes()) {
    ++routes;
    EXPECT_NE(FindCase(route->method, route->pattern), nullptr)
        << route->method << " " << route->pattern << " has no case in the authorization matrix (kRoutes)";
  }
  for (const RouteCase& c : kRoutes) {
    bool registered = false;
    for (const auto& route : world_->router().routes()) registered = registered || (route->method == c.method && route->pattern == c.pattern);
    EXPECT_TRUE(registered) << c.method << " " << c.pattern << " is in kRoutes but the API has no such route";
  }
  EXPECT_EQ(routes, std::size(kRoutes));
}

// Without a session, or with only the password, nothing but the sign-in steps answers; nothing is
// written or audited.
TEST_F(AuthorizationMatrix, AuthenticationComesFirst) {
  World& w = *world_;
  const Session half = w.SignInPasswordOnly(w.actor("designated_safeguarding_lead"));
  const auto before = w.RowCounts();
  for (const RouteCase& c : kRoutes) {
    if (c.auth == Auth::kPublic) continue;
    const std::string path = SamplePath(w, c.pattern);
    SCOPED_TRACE(std::string(c.method) + " " + path);
    const bool has_body = std::string(c.method) != "GET" && std::string(c.method) != "DELETE";
    const std::optional<json> body = has_body ? std::optional<json>(json::object()) : std::nullopt;
    for (const std::string& token : {std::string(), std::string("not-a-token"), std::string(64, 'A')}) {
      Reply r = w.Call(c.method, path, token, body);
      ++g_requests;
      EXPECT_EQ(r.status, 401) << "token '" << token << "': " << r.Describe();
      EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer realm=\"confide\"");
      EXPECT_EQ(r.Header("Cache-Control"), "no-store");
      ExpectProblem(r);
    }
    if (c.auth == Auth::kFull) {
      Reply r = w.Call(c.method, path, half.token, body);
      ++g_requests;
      EXPECT_EQ(r.status, 401) << "half signed in: " << r.Describe();
      ExpectProblem(r);
    }
  }
  EXPECT_EQ(w.RowCounts(), before) << "an unauthenticated request changed the database";
}

TEST_F(AuthorizationMatrix, PublicAndSessionRoutes) {
  RunRoutes({"/healthz", "/metrics", "/api/openapi.json", "/api/session"});
}
TEST_F(AuthorizationMatrix, People) { RunRoutes({"/api/people/search", "/api/allocations/", "/api/restrictions/"}); }
TEST_F(AuthorizationMatrix, PeopleById) {
  // /api/people and /api/people/{id}... except the record and access-log routes below.
  ++groups_run_;
  for (const RouteCase& c : kRoutes) {
    const std::string p = c.pattern;
    if ((p == "/api/people" || p.starts_with("/api/people/{id}")) && !p.ends_with("/chronology") && !p.ends_with("/records") &&
        !p.ends_with("/access-log") && !p.ends_with("/consents") && !p.ends_with("/consent-check") &&
        !p.ends_with("/sharing-requests") && !p.ends_with("/retention-classes") && !p.ends_with("/retention-reviews")) {
      SCOPED_TRACE(std::string(c.method) + " " + p);
      const int before = g_requests;
      c.run(*world_);
      ran_.insert(std::string(c.method) + " " + p);
      EXPECT_GT(g_requests, before);
    }
  }
}
TEST_F(AuthorizationMatrix, Records) { RunRoutes({"/api/people/{id}/chronology", "/api/people/{id}/records", "/api/records/"}); }
TEST_F(AuthorizationMatrix, Staff) {
  RunRoutes({"/api/me/caseload", "/api/staff", "/api/training-", "/api/confidentiality-policy"});
}
TEST_F(AuthorizationMatrix, AccessReviews) {
  RunRoutes({"/api/people/{id}/access-log", "/api/me/access-log", "/api/access-anomalies", "/api/break-glass", "/api/policy/"});
}
TEST_F(AuthorizationMatrix, AuditLog) { RunRoutes({"/api/audit/"}); }
TEST_F(AuthorizationMatrix, Retention) {
  RunRoutes({"/api/retention/", "/api/people/{id}/retention-", "/api/legal-holds", "/api/destruction-certificates"});
}
TEST_F(AuthorizationMatrix, SubjectAccess) {
  RunRoutes({"/api/subject-access-requests", "/api/deadlines", "/api/record-of-processing"});
}
// The registers about no one: Freedom of Information requests and personal data breaches.
TEST_F(AuthorizationMatrix, FreedomOfInformation) { RunRoutes({"/api/foi-"}); }
TEST_F(AuthorizationMatrix, Breaches) { RunRoutes({"/api/breaches", "/api/breach-"}); }
TEST_F(AuthorizationMatrix, Sharing) {
  RunRoutes({"/api/people/{id}/consent", "/api/consents/", "/api/recipients", "/api/agreements", "/api/sharing-requests",
             "/api/people/{id}/sharing-requests"});
}

// Runs last (gtest keeps declaration order): every route's case ran, and how big the matrix was.
TEST_F(AuthorizationMatrix, ZzEveryCaseRan) {
  if (groups_run_ < 12) GTEST_SKIP() << "only some of the matrix ran";
  for (const RouteCase& c : kRoutes) {
    EXPECT_TRUE(ran_.count(std::string(c.method) + " " + c.pattern)) << c.method << " " << c.pattern << " was never run";
  }
  std::cout << "[ matrix   ] " << std::size(kRoutes) << " routes, " << world_->actors().size() << " actors, " << g_requests
            << " requests; world built in " << setup_seconds_ << " s\n";
}

}  // namespace
}  // namespace confide::api_http
