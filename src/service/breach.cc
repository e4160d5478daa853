// The personal data breach register: reports, steps, the 72-hour clock, candidates (service/breach.h).
#include "service/breach.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "service/chained_steps.h"
#include "service/governance_policy_file.h"
#include "service/sealed_fields.h"
#include "service/text_checks.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

constexpr char kBreachEntity[] = "breach";
constexpr char kStepEntity[] = "breach_step";
constexpr char kDismissalEntity[] = "breach_dismissal";
constexpr char kSubjectKind[] = "breach";
// Anomalies are worked out from the audit log each time; a candidate from one is looked for in
// this window when it is opened or dismissed.
constexpr UnixMicros kAnomalyWindow = UnixMicros{90} * 24 * 3600 * 1000000;
constexpr int64_t kMaxPeopleAffected = 100000000;

struct KindInfo {
  BreachKind kind;
  std::string_view name;
  std::string_view words;
};
constexpr std::array<KindInfo, 8> kKinds{{
    {BreachKind::kMisdirectedEmail, "misdirected_email", "An email sent to the wrong person"},
    {BreachKind::kMisdirectedPost, "misdirected_post", "A letter or parcel sent to the wrong address"},
    {BreachKind::kLostPaper, "lost_paper", "Paper records lost or left where others could read them"},
    {BreachKind::kLostDevice, "lost_device", "A laptop, phone or memory stick lost or stolen"},
    {BreachKind::kUnauthorisedViewing, "unauthorised_viewing", "Records seen by someone with no need to know"},
    {BreachKind::kUnauthorisedDisclosure, "unauthorised_disclosure", "Information shared without consent or a lawful basis"},
    {BreachKind::kCyberAttack, "cyber_attack", "A cyber attack (phishing, malware, ransomware, hacking)"},
    {BreachKind::kOther, "other", "Something else"},
}};

constexpr std::array<std::pair<BreachStepKind, std::string_view>, 6> kStepNames{{
    {BreachStepKind::kAssessed, "assessed"},
    {BreachStepKind::kDecided, "decided"},
    {BreachStepKind::kReported, "reported"},
    {BreachStepKind::kPeopleTold, "people_told"},
    {BreachStepKind::kAction, "action"},
    {BreachStepKind::kClosed, "closed"},
}};

Status NoSuchBreach(int64_t id) { return Status::NotFound("no breach with id " + std::to_string(id)); }

std::string FieldOf(const FieldMap& f, const char* name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

// A sealed breach, step or dismissal is bound to its subject, the moment, the author, its clear
// columns and, for a step, its breach, kind and the step before it (a step deleted from the middle
// of the history breaks the one after it). A clear column changed in the database no longer opens.
VersionHeader Header(const char* entity, int64_t subject_id, UnixMicros recorded_at, domain::StaffId by, UnixMicros at,
                     std::string_view kind, std::string_view source = {}, int64_t breach_id = 0, int64_t previous_step = 0) {
  VersionHeader h;
  h.entity = entity;
  h.id = previous_step;
  h.version = 1;
  h.subject_id = subject_id;
  h.related_id = breach_id;
  h.kind = std::string(kind);
  h.occurred_at = at;
  h.recorded_at = recorded_at;
  h.author_id = by;
  h.source_kind = std::string(source);
  return h;
}

std::string JoinIds(const std::vector<domain::PersonId>& ids) {
  std::string out;
  for (domain::PersonId id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

Result<std::vector<domain::PersonId>> SplitIds(const std::string& text, int64_t breach_id) {
  std::vector<domain::PersonId> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string part = text.substr(start, end - start);
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) {
      return Status::Corruption("breach " + std::to_string(breach_id) + " names people unreadably");
    }
    out.push_back(std::stoll(part));
    start = end + 1;
  }
  return out;
}

// ---- checks on input, before any transaction ----------------------------------------------------

Status CheckInstant(UnixMicros t, std::string_view what) {
  if (governance::BankHolidayCalendar::Covers(domain::CivilDate::FromUnixMicros(t))) return Status::Ok();
  return Status::InvalidArgument(std::string(what) + " is outside the years Confide works out deadlines for");
}

Status CheckPeopleList(const std::vector<domain::PersonId>& people) {
  std::set<domain::PersonId> seen;
  for (domain::PersonId id : people) {
    if (id <= 0) return Status::InvalidArgument("a person affected is named by a positive id");
    if (!seen.insert(id).second) return Status::InvalidArgument("person " + std::to_string(id) + " is named twice");
  }
  if (people.size() > 1000) return Status::InvalidArgument("name at most 1,000 people here; give the count instead");
  return Status::Ok();
}

Status CheckReport(const BreachReport& r) {
  CONFIDE_RETURN_IF_ERROR(CheckText(r.what_happened, "what happened", true));
  CONFIDE_RETURN_IF_ERROR(CheckText(r.discovered_by, "who discovered it", false));
  CONFIDE_RETURN_IF_ERROR(CheckText(r.data_affected, "what data was affected", false));
  CONFIDE_RETURN_IF_ERROR(CheckText(r.immediate_action, "what was done at once", false));
  CONFIDE_RETURN_IF_ERROR(CheckInstant(r.became_aware_at, "the time of becoming aware"));
  if (r.happened_at) {
    CONFIDE_RETURN_IF_ERROR(CheckInstant(*r.happened_at, "the time it happened"));
    if (*r.happened_at > r.became_aware_at) {
      return Status::InvalidArgument("it cannot have happened after the organisation became aware of it");
    }
  }
  if (r.people_affected < 0 || r.people_affected > kMaxPeopleAffected) {
    return Status::InvalidArgument("the number of people affected is 0 (not yet known) or more");
  }
  return CheckPeopleList(r.people);
}

Status CheckStepShape(const BreachStepInput& s) {
  CONFIDE_RETURN_IF_ERROR(CheckText(s.note, "a note (what the step rests on, the reasons, what was done)", true));
  CONFIDE_RETURN_IF_ERROR(CheckInstant(s.at, "the time of the step"));
  const bool assessed = s.kind == BreachStepKind::kAssessed;
  if (assessed != (s.likelihood.has_value() && s.severity.has_value())) {
    return Status::InvalidArgument(assessed ? "an assessment gives the likelihood (remote, possible, likely) and the severity "
                                              "(minimal, significant, severe) of harm to the people affected"
                                            : "likelihood and severity are given only with an assessment");
  }
  if (!assessed && (s.people_affected || !s.people.empty())) {
    return Status::InvalidArgument("the people affected are revised only with an assessment");
  }
  if (s.people_affected && (*s.people_affected < 0 || *s.people_affected > kMaxPeopleAffected)) {
    return Status::InvalidArgument("the number of people affected is 0 (not yet known) or more");
  }
  CONFIDE_RETURN_IF_ERROR(CheckPeopleList(s.people));
  if ((s.kind == BreachStepKind::kDecided) != s.report.has_value()) {
    return Status::InvalidArgument(s.kind == BreachStepKind::kDecided ? "a decision says whether the breach is reported to the ICO"
                                                                      : "report yes/no is given only with a decision");
  }
  if (s.kind == BreachStepKind::kReported) {
    CONFIDE_RETURN_IF_ERROR(CheckText(s.ico_reference, "the ICO's reference", true));
  } else if (!s.ico_reference.empty()) {
    return Status::InvalidArgument("the ICO's reference is given only with the report");
  }
  CONFIDE_RETURN_IF_ERROR(CheckText(s.delay_reason, "the reasons for the delay", false));
  if (s.kind != BreachStepKind::kReported && !s.delay_reason.empty()) {
    return Status::InvalidArgument("reasons for a delay are given only with a late report");
  }
  if ((s.kind == BreachStepKind::kPeopleTold) != s.told.has_value()) {
    return Status::InvalidArgument(s.kind == BreachStepKind::kPeopleTold
                                       ? "say whether the people affected were told (and how), or why not"
                                       : "told yes/no is given only when recording whether the people affected were told");
  }
  return Status::Ok();
}

// Each person named must exist and be one the actor may see; either way the answer is the same
// ("no person"), so naming people cannot probe who exists.
Status CheckPeopleVisible(Vault::Tx& tx, const std::vector<domain::PersonId>& people) {
  for (domain::PersonId id : people) {
    const Status uniform = Status::InvalidArgument("no person with id " + std::to_string(id));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> row, tx.uow().persons().Get(id));
    if (!row) return uniform;
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kPersonRead, id, domain::SensitivityTier::kGeneral, uniform).status());
  }
  return Status::Ok();
}

// ---- opening what is stored ---------------------------------------------------------------------

FieldMap ReportFields(const BreachReport& r) {
  FieldMap f{{"what_happened", r.what_happened}};
  if (!r.discovered_by.empty()) f["discovered_by"] = r.discovered_by;
  if (!r.data_affected.empty()) f["data_affected"] = r.data_affected;
  if (!r.immediate_action.empty()) f["immediate_action"] = r.immediate_action;
  if (r.people_affected) f["people_affected"] = std::to_string(r.people_affected);
  if (!r.people.empty()) f["people"] = JoinIds(r.people);
  if (r.happened_at) f["happened_at"] = std::to_string(*r.happened_at);
  return f;
}

FieldMap StepFields(const BreachStepInput& s) {
  FieldMap f{{"note", s.note}};
  if (s.likelihood) f["likelihood"] = std::string(governance::ToString(*s.likelihood));
  if (s.severity) f["severity"] = std::string(governance::ToString(*s.severity));
  if (s.people_affected) f["people_affected"] = std::to_string(*s.people_affected);
  if (!s.people.empty()) f["people"] = JoinIds(s.people);
  if (s.report) f["report"] = *s.report ? "yes" : "no";
  if (!s.ico_reference.empty()) f["ico_reference"] = s.ico_reference;
  if (!s.delay_reason.empty()) f["delay_reason"] = s.delay_reason;
  if (s.told) f["told"] = *s.told ? "yes" : "no";
  return f;
}

std::optional<bool> YesNo(const std::string& v) {
  if (v == "yes") return true;
  if (v == "no") return false;
  return std::nullopt;
}

Result<BreachReport> OpenReport(Vault::Tx& tx, const store::BreachRow& row) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, Header(kBreachEntity, row.subject_id, row.recorded_at, row.recorded_by,
                                                               row.became_aware_at, row.kind, row.source), row.sealed));
  BreachReport r;
  auto kind = ParseBreachKind(row.kind);
  if (!kind) return Status::Corruption("breach " + std::to_string(row.id) + " has an unknown kind");
  r.kind = *kind;
  r.became_aware_at = row.became_aware_at;
  r.what_happened = FieldOf(f, "what_happened");
  r.discovered_by = FieldOf(f, "discovered_by");
  r.data_affected = FieldOf(f, "data_affected");
  r.immediate_action = FieldOf(f, "immediate_action");
  r.people_affected = std::atoll(FieldOf(f, "people_affected").c_str());
  CONFIDE_ASSIGN_OR_RETURN(r.people, SplitIds(FieldOf(f, "people"), row.id));
  if (std::string t = FieldOf(f, "happened_at"); !t.empty()) r.happened_at = std::stoll(t);
  return r;
}

Result<std::vector<BreachStep>> OpenSteps(Vault::Tx& tx, const store::BreachRow& breach, const std::vector<store::BreachEventRow>& rows) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(breach.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(std::vector<FieldMap> opened, OpenChainedSteps(*key, rows, "breach step", [&](const store::BreachEventRow& row, int64_t previous) {
    return Header(kStepEntity, breach.subject_id, row.recorded_at, row.recorded_by, row.at, row.kind, {}, breach.id, previous);
  }));
  std::vector<BreachStep> steps;
  for (size_t i = 0; i < rows.size(); ++i) {
    const store::BreachEventRow& row = rows[i];
    const FieldMap& f = opened[i];
    BreachStep s;
    s.id = row.id;
    auto kind = ParseBreachStepKind(row.kind);
    if (!kind) return Status::Corruption("breach step " + std::to_string(row.id) + " has an unknown kind");
    s.kind = *kind;
    s.at = row.at;
    s.recorded_by = row.recorded_by;
    s.recorded_at = row.recorded_at;
    s.note = FieldOf(f, "note");
    s.likelihood = governance::ParseBreachLikelihood(FieldOf(f, "likelihood"));
    s.severity = governance::ParseBreachSeverity(FieldOf(f, "severity"));
    if (s.likelihood && s.severity) s.risk = governance::AssessBreachRisk(*s.likelihood, *s.severity);
    if (std::string n = FieldOf(f, "people_affected"); !n.empty()) s.people_affected = std::stoll(n);
    CONFIDE_ASSIGN_OR_RETURN(s.people, SplitIds(FieldOf(f, "people"), breach.id));
    s.report = YesNo(FieldOf(f, "report"));
    s.ico_reference = FieldOf(f, "ico_reference");
    s.delay_reason = FieldOf(f, "delay_reason");
    s.told = YesNo(FieldOf(f, "told"));
    steps.push_back(std::move(s));
  }
  return steps;
}

bool Finished(const std::string& state) { return state == "closed" || state == "destroyed"; }

// The state, the latest assessment and decision, and what departs from the assessment.
void Summarise(BreachCase& c, UnixMicros now) {
  std::optional<bool> decision;
  std::optional<UnixMicros> reported_recorded_at;
  bool closed = false;
  c.people_affected = c.report.people_affected;
  c.people = c.report.people;
  for (const BreachStep& s : c.steps) {
    switch (s.kind) {
      case BreachStepKind::kAssessed:
        c.risk = s.risk;
        // A decision not to tell people was made on the risk as it then stood.
        if (s.risk && s.risk->tell_people && c.people_told == false) c.people_told.reset();
        if (s.people_affected) c.people_affected = *s.people_affected;
        for (domain::PersonId id : s.people) {
          if (std::find(c.people.begin(), c.people.end(), id) == c.people.end()) c.people.push_back(id);
        }
        break;
      case BreachStepKind::kDecided:
        decision = s.report;
        break;
      case BreachStepKind::kReported:
        c.reported_at = s.at;
        reported_recorded_at = s.recorded_at;
        break;
      case BreachStepKind::kPeopleTold:
        c.people_told = s.told;
        break;
      case BreachStepKind::kClosed:
        closed = true;
        break;
      case BreachStepKind::kAction:
        break;
    }
  }
  if (c.reported_at) {
    c.state = "reported";
    c.reported_late = *c.reported_at > c.deadline.report_by;
  } else if (decision) {
    c.state = *decision ? "to_report" : "not_reported";
  } else {
    c.state = "awaiting_decision";
  }
  if (closed) c.state = "closed";
  // The clock runs until the breach is reported or the decision is not to report it.
  c.overdue = !c.reported_at && decision != false && !closed && now > c.deadline.report_by;
  if (c.risk && c.risk->report_to_ico && decision == false) {
    c.warnings.push_back("The latest assessment finds " + std::string(c.risk->level == governance::BreachRiskLevel::kHighRisk ? "a high risk" : "a risk") +
                         ", yet the decision is not to report it to the ICO: the reasons recorded must explain why.");
  }
  if (c.risk && c.risk->tell_people && !c.people_told) {
    c.warnings.push_back("The latest assessment finds a high risk: the people affected must be told without undue delay "
                         "(or the reason they are not, recorded).");
  }
  if (c.reported_late) {
    c.warnings.push_back("Reported to the ICO after the 72 hours.");
  } else if (reported_recorded_at && *reported_recorded_at > c.deadline.report_by) {
    // The report's time is the DPO's word; when it was written down is Confide's.
    c.warnings.push_back("The report to the ICO is dated within the 72 hours but was recorded after them: keep the ICO's "
                         "acknowledgement with the register.");
  }
}

Result<BreachCase> BuildCase(Vault::Tx& tx, const store::BreachRow& row, const std::vector<store::BreachEventRow>& events,
                             const governance::BankHolidayCalendar& holidays) {
  BreachCase c;
  c.id = row.id;
  c.recorded_by = row.recorded_by;
  c.recorded_at = row.recorded_at;
  c.source = row.source;
  CONFIDE_ASSIGN_OR_RETURN(c.report, OpenReport(tx, row));
  CONFIDE_ASSIGN_OR_RETURN(c.steps, OpenSteps(tx, row, events));
  CONFIDE_ASSIGN_OR_RETURN(c.deadline, governance::BreachReportDeadlineFor(row.became_aware_at, holidays));
  Summarise(c, tx.now());
  return c;
}

// Whether the step fits the breach as it stands.
Status CheckStepFits(const BreachCase& c, const BreachStepInput& s, UnixMicros now) {
  if (c.state == "closed") return Status::FailedPrecondition("breach " + std::to_string(c.id) + " is closed: nothing more can be added");
  if (s.at > now) return Status::InvalidArgument("the time of a step cannot be in the future");
  if (s.at < c.report.became_aware_at) return Status::InvalidArgument("the time of a step cannot be before the organisation became aware of the breach");
  if (!c.steps.empty() && s.at < c.steps.back().at) return Status::InvalidArgument("steps are recorded in order: a later step is already recorded");
  switch (s.kind) {
    case BreachStepKind::kDecided:
      if (c.reported_at) return Status::FailedPrecondition("the breach has been reported to the ICO: the decision stands");
      break;
    case BreachStepKind::kReported:
      if (c.reported_at) return Status::FailedPrecondition("the breach has been reported to the ICO already");
      if (c.state != "to_report") return Status::FailedPrecondition("record the decision to report it (with the reasons) first");
      // Art. 33(1): a notification made after 72 hours is accompanied by the reasons for the delay.
      if (s.at > c.deadline.report_by && Blank(s.delay_reason)) {
        return Status::InvalidArgument("the report is after the 72 hours: give the reasons for the delay");
      }
      if (s.at <= c.deadline.report_by && !s.delay_reason.empty()) {
        return Status::InvalidArgument("the report is within the 72 hours: there is no delay to explain");
      }
      break;
    case BreachStepKind::kClosed:
      if (c.state == "awaiting_decision" || c.state == "to_report") {
        return Status::FailedPrecondition("a breach is closed once it has been reported to the ICO, or decided not to be reported");
      }
      break;
    default:
      break;
  }
  return Status::Ok();
}

// ---- candidates -------------------------------------------------------------------------------

Result<std::set<std::string>> SettledSources(Vault::Tx& tx) {
  std::set<std::string> out;
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachRow> rows, tx.uow().breaches().ListBreaches());
  for (const store::BreachRow& r : rows) {
    if (!r.source.empty()) out.insert(r.source);
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachDismissalRow> dismissed, tx.uow().breaches().ListDismissals());
  for (const store::BreachDismissalRow& d : dismissed) out.insert(d.source);
  return out;
}

// Candidates from the vault's own tables (sharing investigations, break-glass), newest first.
Result<std::vector<BreachCandidate>> StoredCandidates(Vault::Tx& tx, UnixMicros since) {
  std::vector<BreachCandidate> out;
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::InvestigationRow> investigations, tx.uow().sharing().ListOpenInvestigations());
  for (const store::InvestigationRow& i : investigations) {
    if (i.opened_at < since) continue;
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SharingRequestRow> request, tx.uow().sharing().GetRequest(i.request_id));
    BreachCandidate c;
    c.source = "sharing_investigation/" + std::to_string(i.id);
    c.kind = "sharing_investigation";
    c.at = i.opened_at;
    c.person_id = request ? request->person_id : 0;
    // Who sent it, not who recorded the request: often a different colleague.
    if (i.disclosure_id) {
      CONFIDE_ASSIGN_OR_RETURN(std::vector<store::DisclosureRow> disclosures, tx.uow().sharing().ListDisclosures(i.request_id));
      for (const store::DisclosureRow& d : disclosures) {
        if (d.id == *i.disclosure_id) c.staff_id = d.sent_by;
      }
    }
    c.suggested_kind = BreachKind::kUnauthorisedDisclosure;
    c.detail = "A disclosure on sharing request " + std::to_string(i.request_id) +
               " was made without a decision that allowed it: " + i.reason;
    out.push_back(std::move(c));
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreakGlassRow> grants, tx.uow().access().ListBreakGlassSince(since));
  for (const store::BreakGlassRow& g : grants) {
    BreachCandidate c;
    c.source = "break_glass/" + std::to_string(g.id);
    c.kind = "break_glass";
    c.at = g.started_at;
    c.staff_id = g.staff_id;
    c.person_id = g.person_id;
    c.suggested_kind = BreachKind::kUnauthorisedViewing;
    c.detail = "Emergency (break-glass) access to a child the staff member is not allocated to: judge whether the "
               "reason given (in the break-glass list) was a good one.";
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<BreachCandidate>> AnomalyCandidates(Vault& vault, domain::StaffId actor, UnixMicros since, UnixMicros now) {
  std::vector<BreachCandidate> out;
  CONFIDE_ASSIGN_OR_RETURN(std::vector<Anomaly> anomalies, vault.AccessAnomalies(actor, since, now + 1));
  for (const Anomaly& a : anomalies) {
    // One person reaching many children in a short time is the pattern of browsing; the other
    // anomalies (out of hours, outside allocation) are for the access-log review to judge.
    if (a.kind != "many_children") continue;
    BreachCandidate c;
    c.source = "anomaly/many_children/" + std::to_string(a.seq);
    c.kind = "anomaly";
    c.at = a.time;
    c.staff_id = a.staff_id;
    c.person_id = a.person_id;
    c.suggested_kind = BreachKind::kUnauthorisedViewing;
    c.detail = "Unusual access: " + a.detail;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::string_view ToString(BreachKind k) {
  for (const KindInfo& i : kKinds) {
    if (i.kind == k) return i.name;
  }
  return "?";
}

std::string_view KindWords(BreachKind k) {
  for (const KindInfo& i : kKinds) {
    if (i.kind == k) return i.words;
  }
  return "?";
}

std::optional<BreachKind> ParseBreachKind(std::string_view s) {
  for (const KindInfo& i : kKinds) {
    if (i.name == s) return i.kind;
  }
  return std::nullopt;
}

const std::vector<BreachKind>& AllBreachKinds() {
  static const std::vector<BreachKind> all = [] {
    std::vector<BreachKind> v;
    for (const KindInfo& i : kKinds) v.push_back(i.kind);
    return v;
  }();
  return all;
}

std::string_view ToString(BreachStepKind k) {
  for (const auto& [kind, name] : kStepNames) {
    if (kind == k) return name;
  }
  return "?";
}

std::optional<BreachStepKind> ParseBreachStepKind(std::string_view s) {
  for (const auto& [kind, name] : kStepNames) {
    if (name == s) return kind;
  }
  return std::nullopt;
}

Result<std::unique_ptr<BreachRegister>> BreachRegister::Create(Vault& vault) {
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy policy, LoadGovernancePolicy(vault.config()));
  CONFIDE_ASSIGN_OR_RETURN(governance::BankHolidayCalendar holidays, governance::BankHolidayCalendar::Create(policy.bank_holidays));
  return std::make_unique<BreachRegister>(vault, std::move(holidays));
}

Status BreachRegister::MayManage(domain::StaffId actor) {
  return vault_.Read<bool>(actor, {"breach.list"}, [&](Vault::Tx& tx) -> Result<bool> {
               CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kBreachManage).status());
               return true;
             })
      .status();
}

namespace {

// Seals and inserts a breach; the caller has authorized and checked it. The people named are
// checked again inside the transaction, except `raised_about` (the candidate's own person).
Result<int64_t> InsertBreach(Vault::Tx& tx, const BreachReport& r, const std::string& source,
                             const std::set<domain::PersonId>& raised_about = {}) {
  if (r.became_aware_at > tx.now()) return Status::InvalidArgument("the time of becoming aware is in the future");
  std::vector<domain::PersonId> named;
  for (domain::PersonId id : r.people) {
    if (!raised_about.count(id)) named.push_back(id);
  }
  CONFIDE_RETURN_IF_ERROR(CheckPeopleVisible(tx, named));
  CONFIDE_ASSIGN_OR_RETURN(auto subject, tx.NewSubject(kSubjectKind));
  store::BreachRow row{0, subject.first, std::string(ToString(r.kind)), r.became_aware_at, source, tx.actor(), tx.now(), {}};
  CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*subject.second, Header(kBreachEntity, row.subject_id, row.recorded_at, row.recorded_by,
                                                                          row.became_aware_at, row.kind, row.source),
                                                  ReportFields(r)));
  auto id = tx.uow().breaches().InsertBreach(row);
  if (!id.ok() && id.status().code() == StatusCode::kConflict && !source.empty()) {
    return Status::Conflict("candidate " + source + " has been opened as a breach already");
  }
  return id;
}

}  // namespace

Status BreachRegister::CheckPeopleNamed(domain::StaffId actor, const std::vector<domain::PersonId>& people) {
  for (domain::PersonId id : people) {
    Status s = vault_.Read<bool>(actor, {"breach.report", id}, [&](Vault::Tx& tx) -> Result<bool> {
                       CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> row, tx.uow().persons().Get(id));
                       if (!row) return NoSuchPerson(id);
                       CONFIDE_RETURN_IF_ERROR(
                           tx.Authorize(policy::Action::kPersonRead, id, domain::SensitivityTier::kGeneral, NoSuchPerson(id)).status());
                       return true;
                     })
                   .status();
    // The person is a field of the report, not the thing asked for: a bad one is bad input.
    if (s.code() == StatusCode::kNotFound) return Status::InvalidArgument(s.message());
    CONFIDE_RETURN_IF_ERROR(s);
  }
  return Status::Ok();
}

Result<int64_t> BreachRegister::Report(domain::StaffId actor, const BreachReport& report) {
  CONFIDE_RETURN_IF_ERROR(CheckReport(report));
  CONFIDE_RETURN_IF_ERROR(CheckPeopleNamed(actor, report.people));
  return vault_.Transact<int64_t>(actor, {"breach.report"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kBreachReport));
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, InsertBreach(tx, report, ""));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("breach.report", *d, 0, 0, 0,
                                           "breach=" + std::to_string(id) + "; kind=" + std::string(ToString(report.kind))));
    return id;
  });
}

Result<std::vector<BreachCandidate>> BreachRegister::Candidates(domain::StaffId actor, UnixMicros since) {
  using Out = std::vector<BreachCandidate>;
  struct Stored {
    Out candidates;
    std::set<std::string> settled;
    bool anomalies = false;
    UnixMicros now = 0;
  };
  CONFIDE_ASSIGN_OR_RETURN(Stored stored, vault_.Read<Stored>(actor, {"breach.candidates"}, [&](Vault::Tx& tx) -> Result<Stored> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kBreachManage));
    Stored s;
    CONFIDE_ASSIGN_OR_RETURN(s.candidates, StoredCandidates(tx, since));
    CONFIDE_ASSIGN_OR_RETURN(s.settled, SettledSources(tx));
    s.anomalies = tx.Decide(policy::Action::kAccessLogRead, 0).allowed;
    s.now = tx.now();
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("breach.candidates", *d, 0, 0, 0, std::string("anomalies=") + (s.anomalies ? "yes" : "no")));
    return s;
  }));
  if (stored.anomalies && since <= stored.now) {
    // Worked out over the same 90 days that opening or dismissing one looks in, so every anomaly
    // listed can be acted on and keeps its id (the scan's windows start where it starts).
    CONFIDE_ASSIGN_OR_RETURN(Out anomalies, AnomalyCandidates(vault_, actor, stored.now - kAnomalyWindow, stored.now));
    for (BreachCandidate& c : anomalies) {
      if (c.at >= since) stored.candidates.push_back(std::move(c));
    }
  }
  Out out;
  for (BreachCandidate& c : stored.candidates) {
    if (!stored.settled.count(c.source)) out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const BreachCandidate& a, const BreachCandidate& b) {
    return a.at != b.at ? a.at > b.at : a.source < b.source;
  });
  return out;
}

namespace {

// The candidate `source` names, if Confide raised it: an open sharing investigation, a break-glass
// grant, or (looked for in the last 90 days) an anomaly.
Result<std::optional<BreachCandidate>> FindCandidate(Vault::Tx& tx, const std::string& source,
                                                     const std::vector<BreachCandidate>& anomalies) {
  std::vector<BreachCandidate> stored;
  if (source.rfind("anomaly/", 0) != 0) {
    CONFIDE_ASSIGN_OR_RETURN(stored, StoredCandidates(tx, 0));
  }
  for (const std::vector<BreachCandidate>* list : {&anomalies, static_cast<const std::vector<BreachCandidate>*>(&stored)}) {
    for (const BreachCandidate& c : *list) {
      if (c.source == source) return std::optional<BreachCandidate>(c);
    }
  }
  return std::optional<BreachCandidate>();
}

// For a source naming an anomaly: the anomaly candidates of the last 90 days, to look it up in
// (worked out before the transaction: the scan reads the audit log in transactions of its own). A
// failed scan finds nothing, so the source reads as no current candidate.
std::vector<BreachCandidate> RecentAnomaliesFor(Vault& vault, domain::StaffId actor, const std::string& source) {
  if (source.rfind("anomaly/", 0) != 0) return {};
  const UnixMicros now = vault.clock().NowMicros();
  auto found = AnomalyCandidates(vault, actor, now - kAnomalyWindow, now);
  return found.ok() ? std::move(found).value() : std::vector<BreachCandidate>{};
}

Status NotACandidate(const std::string& source) {
  return Status::NotFound("no current breach candidate \"" + source.substr(0, 80) + "\" (opened, dismissed, or never raised)");
}

}  // namespace

Result<int64_t> BreachRegister::OpenCandidate(domain::StaffId actor, const std::string& source, const BreachReport& report) {
  CONFIDE_RETURN_IF_ERROR(CheckReport(report));
  if (source.empty() || source.size() > 200) return NotACandidate(source);
  const std::vector<BreachCandidate> anomalies = RecentAnomaliesFor(vault_, actor, source);
  return vault_.Transact<int64_t>(actor, {"breach.open"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kBreachManage));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<BreachCandidate> candidate, FindCandidate(tx, source, anomalies));
    CONFIDE_ASSIGN_OR_RETURN(std::set<std::string> settled, SettledSources(tx));
    if (!candidate || settled.count(source)) return NotACandidate(source);
    // The person the candidate is about is one of the people affected: Confide raised it, so the
    // link is kept whether or not the DPO may see them.
    BreachReport with_person = report;
    if (candidate->person_id && std::find(with_person.people.begin(), with_person.people.end(), candidate->person_id) == with_person.people.end()) {
      with_person.people.push_back(candidate->person_id);
    }
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, InsertBreach(tx, with_person, source, {candidate->person_id}));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("breach.open", *d, 0, 0, 0,
                                           "breach=" + std::to_string(id) + "; kind=" + std::string(ToString(report.kind)) +
                                               "; source=" + source));
    return id;
  });
}

Status BreachRegister::DismissCandidate(domain::StaffId actor, const std::string& source, const std::string& reason) {
  CONFIDE_RETURN_IF_ERROR(CheckText(reason, "the reason it is not a breach", true));
  if (source.empty() || source.size() > 200) return NotACandidate(source);
  const std::vector<BreachCandidate> anomalies = RecentAnomaliesFor(vault_, actor, source);
  return vault_.Transact<int64_t>(actor, {"breach.dismiss"}, [&](Vault::Tx& tx) -> Result<int64_t> {
                 CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kBreachManage));
                 CONFIDE_ASSIGN_OR_RETURN(std::optional<BreachCandidate> candidate, FindCandidate(tx, source, anomalies));
                 CONFIDE_ASSIGN_OR_RETURN(std::set<std::string> settled, SettledSources(tx));
                 if (!candidate || settled.count(source)) return NotACandidate(source);
                 CONFIDE_ASSIGN_OR_RETURN(auto subject, tx.NewSubject(kSubjectKind));
                 store::BreachDismissalRow row{0, source, subject.first, tx.actor(), tx.now(), {}};
                 CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*subject.second, Header(kDismissalEntity, row.subject_id, row.dismissed_at,
                                                                                         row.dismissed_by, row.dismissed_at, "", source),
                                                                 FieldMap{{"reason", reason}}));
                 CONFIDE_ASSIGN_OR_RETURN(int64_t id, tx.uow().breaches().InsertDismissal(row));
                 CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("breach.dismiss", *d, 0, 0, 0, "source=" + source));
                 return id;
               })
      .status();
}

Result<int64_t> BreachRegister::AddStep(domain::StaffId actor, int64_t breach_id, const BreachStepInput& step) {
  CONFIDE_RETURN_IF_ERROR(CheckStepShape(step));
  CONFIDE_RETURN_IF_ERROR(CheckPeopleNamed(actor, step.people));
  return vault_.Transact<int64_t>(actor, {"breach.step"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kBreachManage));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::BreachRow> row, tx.uow().breaches().GetBreach(breach_id));
    if (!row) return NoSuchBreach(breach_id);
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachEventRow> events, tx.uow().breaches().ListEvents(breach_id));
    CONFIDE_ASSIGN_OR_RETURN(BreachCase c, BuildCase(tx, *row, events, holidays_));
    CONFIDE_RETURN_IF_ERROR(CheckStepFits(c, step, tx.now()));
    CONFIDE_RETURN_IF_ERROR(CheckPeopleVisible(tx, step.people));
    store::BreachEventRow event{0, breach_id, std::string(ToString(step.kind)), step.at, tx.actor(), tx.now(), {}};
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(row->subject_id));
    const int64_t previous = c.steps.empty() ? 0 : c.steps.back().id;
    CONFIDE_ASSIGN_OR_RETURN(event.sealed, SealFields(*key, Header(kStepEntity, row->subject_id, event.recorded_at, event.recorded_by,
                                                                   event.at, event.kind, {}, breach_id, previous),
                                                      StepFields(step)));
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, tx.uow().breaches().InsertEvent(event));
    std::string detail = "breach=" + std::to_string(breach_id) + "; step=" + event.kind;
    if (step.likelihood && step.severity) {
      detail += "; risk=" + std::string(governance::ToString(governance::AssessBreachRisk(*step.likelihood, *step.severity).level));
    }
    if (step.report) detail += std::string("; report=") + (*step.report ? "yes" : "no");
    if (step.told) detail += std::string("; told=") + (*step.told ? "yes" : "no");
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("breach.step", *d, 0, 0, 0, detail));
    return id;
  });
}

Result<BreachCase> BreachRegister::Get(domain::StaffId actor, int64_t breach_id) {
  return vault_.Read<BreachCase>(actor, {"breach.read"}, [&](Vault::Tx& tx) -> Result<BreachCase> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kBreachManage));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::BreachRow> row, tx.uow().breaches().GetBreach(breach_id));
    if (!row) return NoSuchBreach(breach_id);
    if (auto key = tx.SubjectKey(row->subject_id); !key.ok()) {
      if (key.status().code() != StatusCode::kFailedPrecondition) return key.status();
      return Status::FailedPrecondition("breach " + std::to_string(breach_id) + ": its record has been destroyed");
    }
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachEventRow> events, tx.uow().breaches().ListEvents(breach_id));
    CONFIDE_ASSIGN_OR_RETURN(BreachCase c, BuildCase(tx, *row, events, holidays_));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("breach.read", *d, 0, 0, 0, "breach=" + std::to_string(breach_id)));
    return c;
  });
}

Result<std::vector<BreachCase>> BreachRegister::List(domain::StaffId actor, bool include_closed) {
  using Out = std::vector<BreachCase>;
  return vault_.Read<Out>(actor, {"breach.list"}, [&](Vault::Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kBreachManage));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachRow> rows, tx.uow().breaches().ListBreaches());
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachEventRow> all, tx.uow().breaches().ListAllEvents());
    std::map<int64_t, std::vector<store::BreachEventRow>> events;
    for (store::BreachEventRow& e : all) events[e.breach_id].push_back(std::move(e));
    Out out;
    for (const store::BreachRow& row : rows) {
      if (auto key = tx.SubjectKey(row.subject_id); !key.ok()) {
        if (key.status().code() != StatusCode::kFailedPrecondition) return key.status();
        // Shredded when its retention ended: the clear columns remain, listed with the closed ones.
        if (!include_closed) continue;
        BreachCase gone;
        gone.id = row.id;
        gone.recorded_by = row.recorded_by;
        gone.recorded_at = row.recorded_at;
        gone.source = row.source;
        gone.report.kind = ParseBreachKind(row.kind).value_or(BreachKind::kOther);
        gone.report.became_aware_at = row.became_aware_at;
        gone.state = "destroyed";
        out.push_back(std::move(gone));
        continue;
      }
      CONFIDE_ASSIGN_OR_RETURN(BreachCase c, BuildCase(tx, row, events[row.id], holidays_));
      tx.ForgetSubjectKey(row.subject_id);
      if (!include_closed && Finished(c.state)) continue;
      out.push_back(std::move(c));
    }
    // Most urgent first: overdue, then the clocks still running by report-by time; then the rest by id.
    auto running = [](const BreachCase& c) { return c.state == "awaiting_decision" || c.state == "to_report"; };
    std::stable_sort(out.begin(), out.end(), [&](const BreachCase& a, const BreachCase& b) {
      if (a.overdue != b.overdue) return a.overdue;
      if (running(a) != running(b)) return running(a);
      if (running(a) && a.deadline.report_by != b.deadline.report_by) return a.deadline.report_by < b.deadline.report_by;
      if (Finished(a.state) != Finished(b.state)) return Finished(b.state);
      return a.id > b.id;
    });
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("breach.list", *d, 0, 0, 0, "count=" + std::to_string(out.size())));
    return out;
  });
}

}  // namespace confide::service
