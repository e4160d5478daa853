// The actions access decisions are about. Their names are stable: they appear in policy files, in
// audit events and on the command line, so an action is never renamed (add a new one instead).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace confide::policy {

enum class Action {
  kPersonSearch,
  kPersonCreate,
  kPersonRead,
  kPersonAmend,
  kRelationshipRead,
  kRelationshipCreate,
  kAllocationRead,
  kAllocationManage,
  kRecordCreate,
  kRecordRead,
  kRecordAmend,
  kRecordExport,
  kChronologyRead,
  kStaffRead,
  kStaffManage,
  kTrainingManage,
  kRestrictionManage,
  kBreakGlassStart,
  kAuditRead,          // tree heads, proofs, verification
  kAccessLogRead,      // others' access to a child, a staff member's accesses, anomalies
  kAccessLogReadOwn,   // what was done under one's own account
  kPolicyExplain,
  kSubjectDestroy,     // crypto-shredding a person: their data becomes unreadable for ever
  kKeysRotate,         // rotating the key-encryption key
  kConsentRead,        // a person's consent records: who consented to what, withdrawals
  kConsentManage,      // recording consent, refusal and withdrawal
  kSharingRead,        // a child's sharing register: requests, decisions, approvals, disclosures
  kSharingRequest,     // recording a request or a proposal to share, and having it decided
  kSharingApprove,     // backing a decision (as designated person, manager or DPO, by role)
  kSharingDisclose,    // sending the minimum dataset, or recording that it was sent
  kRecipientRead,      // the directory of recipients and the information-sharing agreements
  kRecipientManage,    // adding recipients, recording how they were verified, agreements
  kRetentionManage,    // the retention schedule's report, classes given to people, legal holds, reviews
  kSubjectAccessManage,  // subject access requests: intake, the search, redaction, approval, release
  kFoiManage,            // the Freedom of Information register: requests, clocks, exemptions, replies
  kBreachReport,         // reporting a suspected personal data breach (everyone's duty)
  kBreachManage,         // the breach register: assessment, the 72-hour decision, the ICO, candidates
  kPolicyAcknowledge,    // acknowledging, for oneself, the version of the confidentiality policy in force
  kTrainingReport,       // every member of staff's training and acknowledgement (the training report)
};
inline constexpr size_t kActionCount = 39;

// Whether an action concerns a data subject (a child or an adult around them).
enum class Subject {
  kPerson,    // always about one person: the relation to them matters
  kOptional,  // sometimes about a person (a child's access log), sometimes not (a staff member's)
  kNone,      // never about a person (staff administration, the audit log, search itself)
};

struct ActionInfo {
  Action action;
  std::string_view name;
  Subject subject;
  bool tiered;  // the data has a sensitivity tier (records and the chronology); else it counts as general
};

// Every action, in enum order.
const ActionInfo* ActionTable();
const ActionInfo& Info(Action a);  // REQUIRES: a is a valid Action

std::string_view ToString(Action a);  // "unknown" for a value outside the enum
std::optional<Action> ParseAction(std::string_view name);

}  // namespace confide::policy
