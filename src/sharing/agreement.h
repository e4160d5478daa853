// Multi-agency information-sharing agreements: "what information can be shared, who can access
// it, how it will be stored, how consent is managed" (the guidance). A share made under an
// agreement is checked against it — the party, the purpose, every category, the lawful basis, the
// agreement's dates — and the result is the `agreement` fact the sharing policy reads (covers or
// outside), with a reason for each way it falls outside.
//
// Agreements name organisations and roles, not people: they are not personal data. Pure, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "confide/status.h"
#include "sharing/sharing_facts.h"

namespace confide::sharing {

struct SharingAgreement {
  int64_t id = 0;
  std::string name;                          // "Northshire multi-agency safeguarding hub agreement"
  std::vector<int64_t> party_recipient_ids;  // the recipients in the directory that signed it
  std::vector<RecipientKind> party_kinds;    // or every recipient of these kinds (a whole sector)
  std::vector<std::string> purposes;         // the sharing policy's purpose ids
  std::vector<std::string> categories;       // the categories it allows to be shared
  std::vector<LawfulBasis> lawful_bases;     // the bases it relies on
  std::string who_may_access;                // at the recipient: "MASH social workers and police officers"
  std::string storage;                       // how the recipient stores what it receives
  std::string retention;                     // how long it keeps it
  std::string consent_handling;              // how consent is sought, recorded and withdrawn
  UnixMicros starts_at = 0;
  UnixMicros review_at = 0;                  // when it must be reviewed (a deadline on the governance list)
  std::optional<UnixMicros> ended_at;
};

// kInvalidArgument for an agreement that could never be relied on: no name, no party, no purpose,
// no category, no lawful basis, a review date not after its start, an end before its start, or an
// empty description of access, storage, retention or consent handling.
Status ValidateAgreement(const SharingAgreement& a);

struct ProposedShare {
  int64_t recipient_id = 0;
  RecipientKind recipient_kind = RecipientKind::kChildrensSocialCare;
  std::string purpose;
  std::vector<std::string> categories;
  LawfulBasis basis = LawfulBasis::kNone;  // the basis the share relies on (none if not yet decided)
  UnixMicros at = 0;
};

struct AgreementFinding {
  AgreementFit fit = AgreementFit::kNone;  // covers or outside (none is never returned: there is an agreement)
  bool review_overdue = false;             // still in force, but its review date has passed
  std::vector<std::string> reasons;        // why it is outside (empty when it covers), plus an overdue review
};

// Whether `a` covers the share. Outside when the agreement has not started or has ended, the
// recipient is not a party, the purpose is not one of its purposes, any category is not one it
// allows, or the basis (when given) is not one it relies on.
AgreementFinding CheckAgreement(const SharingAgreement& a, const ProposedShare& share);

}  // namespace confide::sharing
