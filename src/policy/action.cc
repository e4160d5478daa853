#include "policy/action.h"

#include <array>

namespace confide::policy {
namespace {

// The one list of actions: names, subjects and tiers stay in step with the enum (checked below).
constexpr std::array<ActionInfo, kActionCount> kActions{{
    {Action::kPersonSearch, "person.search", Subject::kNone, false},
    {Action::kPersonCreate, "person.create", Subject::kNone, false},
    {Action::kPersonRead, "person.read", Subject::kPerson, false},
    {Action::kPersonAmend, "person.amend", Subject::kPerson, false},
    {Action::kRelationshipRead, "relationship.read", Subject::kPerson, false},
    {Action::kRelationshipCreate, "relationship.create", Subject::kPerson, false},
    {Action::kAllocationRead, "allocation.read", Subject::kPerson, false},
    {Action::kAllocationManage, "allocation.manage", Subject::kPerson, false},
    {Action::kRecordCreate, "record.create", Subject::kPerson, true},
    {Action::kRecordRead, "record.read", Subject::kPerson, true},
    {Action::kRecordAmend, "record.amend", Subject::kPerson, true},
    {Action::kRecordExport, "record.export", Subject::kPerson, true},
    {Action::kChronologyRead, "chronology.read", Subject::kPerson, true},
    {Action::kStaffRead, "staff.read", Subject::kNone, false},
    {Action::kStaffManage, "staff.manage", Subject::kNone, false},
    {Action::kTrainingManage, "training.manage", Subject::kNone, false},
    {Action::kRestrictionManage, "restriction.manage", Subject::kPerson, false},
    {Action::kBreakGlassStart, "break_glass.start", Subject::kPerson, false},
    {Action::kAuditRead, "audit.read", Subject::kNone, false},
    {Action::kAccessLogRead, "access_log.read", Subject::kOptional, false},
    {Action::kAccessLogReadOwn, "access_log.read_own", Subject::kNone, false},
    {Action::kPolicyExplain, "policy.explain", Subject::kNone, false},
    {Action::kSubjectDestroy, "subject.destroy", Subject::kPerson, false},
    {Action::kKeysRotate, "keys.rotate", Subject::kNone, false},
    {Action::kConsentRead, "consent.read", Subject::kPerson, false},
    {Action::kConsentManage, "consent.manage", Subject::kPerson, false},
    {Action::kSharingRead, "sharing.read", Subject::kPerson, false},
    {Action::kSharingRequest, "sharing.request", Subject::kPerson, false},
    {Action::kSharingApprove, "sharing.approve", Subject::kPerson, false},
    {Action::kSharingDisclose, "sharing.disclose", Subject::kPerson, false},
    {Action::kRecipientRead, "recipient.read", Subject::kNone, false},
    {Action::kRecipientManage, "recipient.manage", Subject::kNone, false},
    {Action::kRetentionManage, "retention.manage", Subject::kOptional, false},
    {Action::kSubjectAccessManage, "subject_access.manage", Subject::kOptional, false},
    {Action::kFoiManage, "foi.manage", Subject::kNone, false},
    {Action::kBreachReport, "breach.report", Subject::kNone, false},
    {Action::kBreachManage, "breach.manage", Subject::kNone, false},
    {Action::kPolicyAcknowledge, "confidentiality_policy.acknowledge", Subject::kNone, false},
    {Action::kTrainingReport, "training.report", Subject::kNone, false},
}};

constexpr bool InEnumOrder() {
  for (size_t i = 0; i < kActions.size(); ++i) {
    if (static_cast<size_t>(kActions[i].action) != i) return false;
  }
  return static_cast<size_t>(Action::kTrainingReport) + 1 == kActionCount;
}
static_assert(InEnumOrder(), "kActions must list every Action once, in enum order");

}  // namespace

const ActionInfo* ActionTable() { return kActions.data(); }

const ActionInfo& Info(Action a) { return kActions[static_cast<size_t>(a)]; }

std::string_view ToString(Action a) {
  const auto i = static_cast<size_t>(a);
  return i < kActions.size() ? kActions[i].name : std::string_view("unknown");
}

std::optional<Action> ParseAction(std::string_view name) {
  for (const ActionInfo& info : kActions) {
    if (info.name == name) return info.action;
  }
  return std::nullopt;
}

}  // namespace confide::policy
