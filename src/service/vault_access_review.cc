// Access-log review: who saw or changed what about a child, what a staff member accessed, and an
// anomaly report. Read from the audit log itself: the lookup index only finds entries, and every
// entry shown is decoded and checked against it.
#include <algorithm>
#include <map>
#include <set>

#include "domain/civil_date.h"
#include "domain/uk_time.h"
#include "service/access_control.h"
#include "service/vault_tx.h"

namespace confide::service {
namespace {

// The hour and weekday in the UK: "out of hours" is about the staff member's working day.
struct UkClock {
  int hour;
  bool weekend;
};

UkClock UkLocal(UnixMicros t) {
  const domain::UkLocalTime l = domain::ToUkLocal(t);
  return UkClock{l.hour, l.weekend};
}

Result<AccessEvent> ReadEvent(Vault::Tx& tx, const store::AuditIndexRow& row) {
  CONFIDE_ASSIGN_OR_RETURN(Bytes bytes, tx.uow().audit().GetEntry(row.seq));
  CONFIDE_ASSIGN_OR_RETURN(audit::AuditEntry entry, audit::DecodeAuditEntry(bytes));
  const audit::AuditEvent& e = entry.event;
  if (entry.seq != row.seq || e.actor != row.actor || e.person_id != row.person_id || e.time != row.time || e.action != row.action) {
    return Status::Corruption("the audit lookup index does not match audit entry " + std::to_string(row.seq) +
                              ": run `confide audit verify`");
  }
  return AccessEvent{entry.seq, e.time, e.actor, e.action, e.person_id, e.record_id, e.record_version, e.outcome, e.detail};
}

Result<std::vector<AccessEvent>> ReadEvents(Vault::Tx& tx, const std::vector<store::AuditIndexRow>& rows) {
  std::vector<AccessEvent> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    CONFIDE_ASSIGN_OR_RETURN(AccessEvent e, ReadEvent(tx, r));
    out.push_back(std::move(e));
  }
  return out;
}

constexpr size_t kMaxReviewRows = 10000;

Status CheckRange(UnixMicros from, UnixMicros to, size_t limit) {
  if (to <= from) return Status::InvalidArgument("the review period must end after it starts");
  if (limit == 0 || limit > kMaxReviewRows) {
    return Status::InvalidArgument("ask for between 1 and " + std::to_string(kMaxReviewRows) + " events");
  }
  return Status::Ok();
}

// Actions that read or change personal data about someone (the anomaly report's subject).
bool IsPersonalDataAccess(const store::AuditIndexRow& r) {
  return r.person_id != 0 && r.actor != 0 && r.action.rfind("auth.", 0) != 0 && r.action != "policy.explain";
}

}  // namespace

Result<std::vector<AccessEvent>> Vault::AccessLogForPerson(domain::StaffId actor, domain::PersonId person_id, UnixMicros from,
                                                           UnixMicros to, size_t limit) {
  using Out = std::vector<AccessEvent>;
  return Read<Out>(actor, {"access_log.person", person_id}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                             tx.Authorize(policy::Action::kAccessLogRead, person_id, domain::SensitivityTier::kGeneral,
                                          NoSuchPerson(person_id)));
    CONFIDE_RETURN_IF_ERROR(CheckRange(from, to, limit));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> person, tx.uow().persons().Get(person_id));
    if (!person) return NoSuchPerson(person_id);
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::AuditIndexRow> rows, tx.uow().audit_index().ForPerson(person_id, from, to, limit));
    CONFIDE_ASSIGN_OR_RETURN(Out out, ReadEvents(tx, rows));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("access_log.person", *d, person_id, 0, 0, "events " + std::to_string(out.size())));
    return out;
  });
}

Result<std::vector<AccessEvent>> Vault::AccessLogForStaff(domain::StaffId actor, domain::StaffId staff, UnixMicros from,
                                                          UnixMicros to, size_t limit) {
  using Out = std::vector<AccessEvent>;
  return Read<Out>(actor, {"access_log.staff"}, [&](Tx& tx) -> Result<Out> {
    const policy::Action action = staff == tx.actor() ? policy::Action::kAccessLogReadOwn : policy::Action::kAccessLogRead;
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(action));
    CONFIDE_RETURN_IF_ERROR(CheckRange(from, to, limit));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> who, tx.uow().staff().Get(staff));
    if (!who) return Status::NotFound("no staff member with id " + std::to_string(staff));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::AuditIndexRow> rows, tx.uow().audit_index().ForActor(staff, from, to, limit));
    CONFIDE_ASSIGN_OR_RETURN(Out all, ReadEvents(tx, rows));
    Out out;
    for (auto& e : all) {
      // Someone reading only their own log must not learn from it what need-to-know hid from them:
      // a refusal reads exactly as a missing id did, and a search match they were not shown is
      // not shown here either. Reviewers with access_log.read see the events as recorded.
      if (action == policy::Action::kAccessLogReadOwn && e.outcome == "denied" && (e.person_id != 0 || e.record_id != 0)) {
        if (e.action == "person.search.match") continue;
        e.outcome = "not_found";
        e.detail.clear();
      }
      out.push_back(std::move(e));
    }
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("access_log.staff", *d, 0, 0, 0,
                                           "staff " + std::to_string(staff) + ", events " + std::to_string(out.size())));
    return out;
  });
}

Result<std::vector<Anomaly>> Vault::AccessAnomalies(domain::StaffId actor, UnixMicros from, UnixMicros to,
                                                    const AnomalyThresholds& t) {
  using Out = std::vector<Anomaly>;
  return Read<Out>(actor, {"access_log.anomalies"}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kAccessLogRead));
    if (to <= from) return Status::InvalidArgument("the review period must end after it starts");
    if (t.distinct_children == 0 || t.window_micros <= 0 || t.working_day_start_hour < 0 || t.working_day_end_hour > 24 ||
        t.working_day_start_hour >= t.working_day_end_hour) {
      return Status::InvalidArgument("the anomaly thresholds are not sensible");
    }
    Out out;
    // Per staff member: recent (time, person) accesses for the distinct-children window.
    std::map<domain::StaffId, std::vector<std::pair<UnixMicros, domain::PersonId>>> recent;
    std::map<domain::StaffId, UnixMicros> many_reported_until;
    CONFIDE_RETURN_IF_ERROR(tx.uow().audit_index().ScanTimeRange(from, to, [&](const store::AuditIndexRow& r) -> Status {
      auto add = [&](std::string kind, std::string detail) {
        out.push_back(Anomaly{std::move(kind), r.actor, r.person_id, r.time, r.seq, std::move(detail)});
      };
      if (r.outcome == "denied") add("denied", r.action);
      if (r.outcome == "flagged") add("flagged", r.action);
      if (r.action == "break_glass.start") add("break_glass", "emergency access started");
      if (!IsPersonalDataAccess(r) || (r.outcome != "ok" && r.outcome != "flagged")) return Status::Ok();
      const UkClock clock = UkLocal(r.time);
      if (clock.weekend || clock.hour < t.working_day_start_hour || clock.hour >= t.working_day_end_hour) {
        add("out_of_hours", r.action + (clock.weekend ? " at the weekend" : " at " + std::to_string(clock.hour) + ":00 UK time"));
      }
      const policy::Relation rel = access_->RelationAt(r.actor, r.person_id, r.time);
      if (rel != policy::Relation::kAllocated) {
        add("outside_allocation", r.action + " with relation " + std::string(policy::ToString(rel)));
      }
      auto& window = recent[r.actor];
      window.emplace_back(r.time, r.person_id);
      while (!window.empty() && window.front().first <= r.time - t.window_micros) window.erase(window.begin());
      std::set<domain::PersonId> distinct;
      for (const auto& [_, p] : window) distinct.insert(p);
      if (distinct.size() >= t.distinct_children && r.time >= many_reported_until[r.actor]) {
        Anomaly a{"many_children", r.actor, 0, r.time, r.seq,
                  std::to_string(distinct.size()) + " people within " + std::to_string(t.window_micros / 60000000) + " minutes"};
        out.push_back(std::move(a));
        many_reported_until[r.actor] = r.time + t.window_micros;  // once per window, not per access
      }
      return Status::Ok();
    }));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("access_log.anomalies", *d, 0, 0, 0, "anomalies " + std::to_string(out.size())));
    return out;
  });
}

}  // namespace confide::service
