#include "sharing/sharing_register.h"

#include <array>

namespace confide::sharing {

bool IsAnswerableFact(Fact f) {
  switch (f) {
    case Fact::kSignificantHarm:
    case Fact::kSomeoneHurt:
    case Fact::kConsentWouldIncreaseRisk:
    case Fact::kConsentWouldPrejudiceInvestigation:
    case Fact::kDisclosureRequired:
    case Fact::kRequesterIsSubject:
    case Fact::kTellingWouldPrejudice:
    case Fact::kTellingWouldPutAtRisk:
      return true;
    default:
      // verified, personal_data, contact_restriction, looked_after, parents_dispute and the
      // consent facts come from the directory, the request and the registries, not from an answer.
      return false;
  }
}

CaseStage StageOf(const SharingCase& c) {
  const RecordedDecision* d = c.Current();
  if (d == nullptr) return CaseStage::kToDecide;
  if (!c.disclosures.empty()) return CaseStage::kSent;
  if (d->decision.Shares()) return CaseStage::kReadyToSend;
  if (d->decision.outcome == Outcome::kEscalate) return CaseStage::kAwaitingApproval;
  return CaseStage::kClosed;  // declined or redirected: recorded, nothing to send
}

std::string_view Name(CaseStage s) {
  static constexpr std::array<std::string_view, 5> kNames = {"to_decide", "awaiting_approval", "ready_to_send", "sent", "closed"};
  return kNames[static_cast<size_t>(s)];
}

}  // namespace confide::sharing
