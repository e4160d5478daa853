#include "service/retention_registers.h"

#include <algorithm>
#include <map>

#include "domain/uk_time.h"

namespace confide::service {
namespace {

using domain::CivilDate;

CivilDate UkDay(UnixMicros t) { return domain::ToUkLocal(t).date; }

// An entry closed on `closed_on`, kept `years`: listed when due (or held), else counted.
struct Candidate {
  RegisterKind kind;
  int64_t id;
  int64_t subject_id;
  CivilDate closed_on;
};

bool HoldCovers(const store::LegalHoldRow& hold, RegisterKind kind, const governance::RetentionSchedule& schedule) {
  if (hold.person_id) return false;
  if (hold.class_id.empty()) return true;  // everyone: an inquiry's moratorium
  const std::string_view mine = kind == RegisterKind::kFoiRequest ? kFoiRegisterHold : kBreachRegisterHold;
  if (hold.class_id == mine) return true;
  // A class neither in the schedule nor a register holds everything (the safe side, as for people).
  return !IsRegisterHold(hold.class_id) && !schedule.Find(hold.class_id);
}

Status AddFoi(Vault::Tx& tx, std::vector<Candidate>& out) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::FoiRequestRow> requests, tx.uow().foi().ListRequests());
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::FoiEventRow> events, tx.uow().foi().ListAllEvents());
  // The reply: the last of responded, routed to subject access and closed (dates in clear).
  std::map<int64_t, CivilDate> replied;
  for (const auto& e : events) {
    if (e.kind != "responded" && e.kind != "routed_to_subject_access" && e.kind != "closed") continue;
    Result<CivilDate> on = CivilDate::Parse(e.on_date);
    if (!on.ok()) continue;  // the schema's CHECK keeps dates well formed
    auto [it, fresh] = replied.emplace(e.request_id, *on);
    if (!fresh && *on > it->second) it->second = *on;
  }
  for (const auto& r : requests) {
    if (auto it = replied.find(r.id); it != replied.end()) out.push_back({RegisterKind::kFoiRequest, r.id, r.subject_id, it->second});
  }
  return Status::Ok();
}

Status AddBreaches(Vault::Tx& tx, std::vector<Candidate>& out) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachRow> breaches, tx.uow().breaches().ListBreaches());
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachEventRow> events, tx.uow().breaches().ListAllEvents());
  std::map<int64_t, UnixMicros> closed;
  for (const auto& e : events) {
    if (e.kind != "closed") continue;
    auto [it, fresh] = closed.emplace(e.breach_id, e.at);
    if (!fresh && e.at > it->second) it->second = e.at;
  }
  for (const auto& b : breaches) {
    if (auto it = closed.find(b.id); it != closed.end()) out.push_back({RegisterKind::kBreach, b.id, b.subject_id, UkDay(it->second)});
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::BreachDismissalRow> dismissals, tx.uow().breaches().ListDismissals());
  for (const auto& d : dismissals) out.push_back({RegisterKind::kBreachDismissal, d.id, d.subject_id, UkDay(d.dismissed_at)});
  return Status::Ok();
}

}  // namespace

std::string_view ToString(RegisterKind k) {
  switch (k) {
    case RegisterKind::kFoiRequest: return "foi_request";
    case RegisterKind::kBreach: return "breach";
    case RegisterKind::kBreachDismissal: return "breach_dismissal";
  }
  return "unknown";
}

bool IsRegisterHold(std::string_view class_id) { return class_id == kFoiRegisterHold || class_id == kBreachRegisterHold; }

Status EvaluateRegisters(Vault::Tx& tx, const governance::GovernancePolicy& policy,
                         const std::vector<store::LegalHoldRow>& holds, CivilDate today, RetentionReport& report) {
  std::vector<Candidate> candidates;
  if (!policy.foi_keep_years) {
    report.registers_kept.push_back(std::string(ToString(RegisterKind::kFoiRequest)));
  } else if (tx.Decide(policy::Action::kFoiManage, 0).allowed) {
    CONFIDE_RETURN_IF_ERROR(AddFoi(tx, candidates));
  } else {
    report.registers_hidden.push_back(std::string(ToString(RegisterKind::kFoiRequest)));
  }
  if (!policy.breach_keep_years) {
    report.registers_kept.push_back(std::string(ToString(RegisterKind::kBreach)));
  } else if (tx.Decide(policy::Action::kBreachManage, 0).allowed) {
    CONFIDE_RETURN_IF_ERROR(AddBreaches(tx, candidates));
  } else {
    report.registers_hidden.push_back(std::string(ToString(RegisterKind::kBreach)));
  }
  for (const Candidate& c : candidates) {
    // Destroyed before: shredded, or its key gone some other way (the registers read it as
    // destroyed too). Listing it as due would fail every applied run on a key already gone.
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SubjectRow> subject, tx.uow().keys().GetSubject(c.subject_id));
    if (!subject || subject->shredded_at) continue;
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SubjectKeyRow> key, tx.uow().keys().GetSubjectKey(c.subject_id));
    if (!key) continue;
    const int years = c.kind == RegisterKind::kFoiRequest ? *policy.foi_keep_years : *policy.breach_keep_years;
    RegisterRetentionItem item;
    item.kind = c.kind;
    item.id = c.id;
    item.subject_id = c.subject_id;
    item.closed_on = c.closed_on;
    // Closed on 29 February: the anniversary is 1 March in a year without one (the safe side).
    item.due_on = governance::Anniversary(c.closed_on, years);
    if (item.due_on > today) {
      ++report.register_not_due;
      continue;
    }
    for (const auto& hold : holds) {
      if (HoldCovers(hold, c.kind, policy.retention)) item.hold_ids.push_back(hold.id);
    }
    item.state = item.hold_ids.empty() ? RetentionState::kDue : RetentionState::kHeld;
    report.register_items.push_back(std::move(item));
  }
  std::sort(report.register_items.begin(), report.register_items.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.kind, a.id) < std::make_pair(b.kind, b.id);
  });
  for (const auto& item : report.register_items) {
    CONFIDE_RETURN_IF_ERROR(tx.Audit("retention.register_item", 0, 0, 0,
                                     std::string(ToString(item.kind)) + "/" + std::to_string(item.id) +
                                         "; state=" + std::string(ToString(item.state))));
  }
  return Status::Ok();
}

Result<nlohmann::json> DestroyRegisterEntries(Vault::Tx& tx, RetentionReport& report, SubjectKeyCache& key_cache) {
  nlohmann::json destroyed = nlohmann::json::array();
  for (RegisterRetentionItem& item : report.register_items) {
    if (item.state != RetentionState::kDue) continue;
    // Each register is its keeper's: the same decision as reading or changing it.
    const policy::Action action = item.kind == RegisterKind::kFoiRequest ? policy::Action::kFoiManage : policy::Action::kBreachManage;
    CONFIDE_RETURN_IF_ERROR(tx.Authorize(action).status());
    CONFIDE_RETURN_IF_ERROR(tx.uow().keys().DestroySubjectKey(item.subject_id, tx.now()));
    key_cache.Erase(item.subject_id);
    tx.ForgetSubjectKey(item.subject_id);
    const std::string ref = std::string(ToString(item.kind)) + "/" + std::to_string(item.id);
    CONFIDE_RETURN_IF_ERROR(tx.Audit("retention.destroy_register", 0, 0, 0, ref + "; certificate=" + report.certificate_id));
    destroyed.push_back({{"register", ToString(item.kind)},
                         {"id", item.id},
                         {"closed_on", item.closed_on.ToIso()},
                         {"due_on", item.due_on.ToIso()}});
    item.state = RetentionState::kDestroyed;
  }
  return destroyed;
}

}  // namespace confide::service
