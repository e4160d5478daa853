// Vault use case: an approver's queue. A decision to share without consent, a police request or a
// share by phone waits for a designated person, a manager or the DPO; this is where they find it
// without knowing the request's id or being allocated to the child.
#include "service/sharing_approvers.h"
#include "service/vault_tx.h"

namespace confide::service {

Result<ApprovalQueue> Vault::ListAwaitingApproval(domain::StaffId actor) {
  return Read<ApprovalQueue>(actor, {"sharing.awaiting"}, [&](Tx& tx) -> Result<ApprovalQueue> {
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> me, tx.uow().staff().Get(tx.actor()));
    const std::optional<domain::StaffRole> role = me ? domain::ParseStaffRole(me->role) : std::nullopt;
    ApprovalQueue queue;
    queue.approver = role && ApprovalsRoleGives(*role) != 0;
    // Someone whose role backs nothing is told only that: nothing was read, so nothing is audited
    // (every home page asks, and the access log should not fill with non-events).
    if (!queue.approver) return queue;
    const uint32_t gives = ApprovalsRoleGives(*role);
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::AwaitingApprovalRow> rows, tx.uow().sharing().ListAwaitingApproval());
    for (const store::AwaitingApprovalRow& row : rows) {
      const store::SharingRequestRow& r = row.request;
      AwaitingApproval item;
      item.approvals_missing = static_cast<uint32_t>(row.approvals_missing);
      item.yours = item.approvals_missing & gives;
      // "Not made by an individual alone": the one who asked cannot back it, so it is not theirs.
      if (item.yours == 0 || r.recorded_by == tx.actor()) continue;
      // Not audited when left out: the approver did not ask for that child, the queue did.
      const policy::Decision& may_approve = tx.Decide(policy::Action::kSharingApprove, r.person_id);
      if (!may_approve.allowed) continue;
      auto direction = sharing::ParseName<sharing::Direction>(r.direction);
      auto urgency = sharing::ParseName<sharing::Urgency>(r.urgency);
      auto outcome = sharing::ParseName<sharing::Outcome>(row.outcome);
      if (!direction || !urgency || !outcome) {
        return Status::Corruption("sharing request " + std::to_string(r.id) + " names an unknown direction, urgency or outcome");
      }
      item.request_id = r.id;
      item.person_id = r.person_id;
      item.direction = *direction;
      item.urgency = *urgency;
      item.purpose = r.purpose;
      item.outcome = *outcome;
      item.received_at = r.received_at;
      item.decided_at = row.decided_at;
      item.sent = row.sent;
      domain::VersionNumber version = 0;
      if (tx.Decide(policy::Action::kPersonRead, r.person_id).allowed) {
        CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person_row, LoadPersonRow(tx, r.person_id));
        Result<domain::Person> person = ReadPerson(tx, person_row);
        if (!person.ok() && person.status().code() == StatusCode::kFailedPrecondition) continue;  // shredded
        if (!person.ok()) return person.status();
        item.person_name = domain::DisplayName(person->details);
        version = person->version;
      }
      CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("sharing.awaiting.item", may_approve, r.person_id, 0, version,
                                             "request " + std::to_string(r.id)));
      queue.items.push_back(std::move(item));
    }
    CONFIDE_RETURN_IF_ERROR(tx.Audit("sharing.awaiting", 0, 0, 0, "requests " + std::to_string(queue.items.size())));
    return queue;
  });
}

}  // namespace confide::service
