// What the sharing policy decided about a request, and why: the outcome, the lawful basis, the
// approvals it needs, exactly which categories leave and which are withheld, whether the person is
// told, and every rule that applied. A value type without heap memory: deciding allocates nothing.
#pragma once

#include <bitset>
#include <cstdint>

#include "sharing/sharing_facts.h"

namespace confide::sharing {

inline constexpr size_t kMaxRules = 256;

// Steps the engine takes after the rules, each with words in the policy file.
enum class Step : uint8_t { kNoBasis, kNothingNeeded, kWithheld, kEscalate, kApprovalFollows };
inline constexpr std::array<std::string_view, 5> kStepIds = {"no-lawful-basis", "nothing-needed", "withheld",
                                                              "escalate", "approval-follows"};

struct SharingDecision {
  Outcome outcome = Outcome::kDecline;
  LawfulBasis basis = LawfulBasis::kNone;
  Route redirect_to = Route::kNone;
  uint32_t approvals_required = 0;  // Bit(Approval): all of these
  uint32_t approvals_one_of = 0;    // Bit(Approval): one of these (0: none needed)
  uint32_t approvals_missing = 0;   // of the above, what the request does not have yet
  bool approvals_after = false;     // an emergency: shared now, the approvals recorded afterwards
  CategorySet released = 0;
  CategorySet withheld = 0;
  bool tell_subject = false;
  bool seek_consent = false;
  uint32_t alerts = 0;              // Bit(Approval): who is alerted at once
  std::bitset<kMaxRules> rules;     // the policy's rules that applied, by index (file order)
  uint8_t steps = 0;                // bits of Step

  bool Shares() const { return outcome == Outcome::kShare || outcome == Outcome::kShareInPart; }
  bool Applied(Step s) const { return (steps & (1u << static_cast<unsigned>(s))) != 0; }
};

}  // namespace confide::sharing
