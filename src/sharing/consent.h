// Consent to share, and whether it is valid for one request: the `consent` fact (with
// `consent_in_writing`, hence `written_consent`, and `parents_dispute`) that the sharing policy reads.
//
// The guidance: consent is valid only if it is informed (the person understood why, what, who will
// see it, the purpose and the implications for them), voluntary ("of their own free will, and
// without coercion"), specific to the use, and given by someone competent to give it; it can be
// withdrawn at any time, and then use that relied on it must stop. For a child under 16 a parent
// with parental responsibility consents (one parent is enough: normally the one the child lives
// with; a dispute "needs to be considered carefully"), unless the child is judged competent
// (Gillick) to consent for themself; a looked-after child's local authority is their corporate
// parent. At 16 only the young person's own consent counts.
//
// Pure functions on values: no clock, no store. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "confide/status.h"
#include "domain/civil_date.h"
#include "sharing/sharing_facts.h"

namespace confide::sharing {

// In what capacity the consent (or refusal) was given. A young person's capacity also covers an
// adult consenting for themself.
enum class ConsentCapacity : uint8_t { kYoungPerson, kParentWithPR, kLocalAuthority };
template <>
struct EnumNames<ConsentCapacity> {
  static constexpr std::array kNames =
      std::to_array<std::string_view>({"young_person", "parent_with_parental_responsibility", "local_authority"});
};

enum class ConsentMethod : uint8_t { kWritten, kVerbal };
template <>
struct EnumNames<ConsentMethod> {
  static constexpr std::array kNames = std::to_array<std::string_view>({"written", "verbal"});
};

// What the person was told before they agreed. Consent is informed only when all five were explained.
struct ConsentExplained {
  bool why = false;
  bool what = false;
  bool who_will_see = false;
  bool purpose = false;
  bool implications = false;

  bool All() const { return why && what && who_will_see && purpose && implications; }
};

// One recorded consent, or a recorded refusal (`refused`), for some uses of one person's information.
struct ConsentRecord {
  int64_t id = 0;           // 0 until stored
  int64_t subject_id = 0;   // the person the information is about
  int64_t given_by_id = 0;  // who gave it: subject_id for the person themself
  ConsentCapacity capacity = ConsentCapacity::kYoungPerson;
  bool judged_competent = false;  // a child under 16 judged competent to consent for themself (Gillick)
  bool refused = false;           // a refusal: the person was asked and said no
  std::vector<std::string> purposes;       // the sharing policy's purpose ids
  std::vector<RecipientKind> recipients;
  std::vector<std::string> categories;     // the sharing policy's category ids
  ConsentExplained explained;
  bool voluntary = false;
  ConsentMethod method = ConsentMethod::kWritten;
  std::string evidence;  // where the signed form, or the note of the conversation, is
  UnixMicros given_at = 0;
  std::optional<UnixMicros> expires_at;
  std::optional<UnixMicros> withdrawn_at;  // for a refusal: the person no longer refuses
  std::optional<int64_t> withdrawn_by_id;
  std::string privacy_notice_version;  // the privacy notice the person was given (required for a consent)
};

// kInvalidArgument, naming the problem (never the content), for a record that cannot be stored:
// no purpose, recipient or category; no evidence; an expiry or withdrawal before it was given; a
// capacity that does not fit who gave it. A consent that was not informed or not voluntary CAN be
// stored (it is what happened); it just never counts, and EvaluateConsent says why.
Status ValidateConsentRecord(const ConsentRecord& r);

struct ParentalResponsibility {
  int64_t person_id = 0;
  bool has_parental_responsibility = false;
  bool lives_with_child = false;
};

// One request, as the consent registry needs to see it.
struct ConsentQuery {
  int64_t subject_id = 0;  // records about anyone else are ignored
  std::string purpose;     // a purpose id
  RecipientKind recipient = RecipientKind::kChildrensSocialCare;
  std::vector<std::string> categories;  // category ids asked for: consent must cover every one
  UnixMicros at = 0;                    // when the information would be shared
  std::optional<domain::CivilDate> subject_date_of_birth;
  bool subject_is_child = true;
  std::vector<ParentalResponsibility> parents;  // the subject's parents, as the relationships record them
  bool looked_after = false;
};

struct ConsentFinding {
  ConsentState state = ConsentState::kNone;
  bool in_writing = false;       // the relied-on consent was given in writing
  bool parents_dispute = false;  // valid, but a parent with parental responsibility refused or withdrew
  int64_t relied_on = 0;         // the record relied on; 0 unless state is valid
  std::vector<std::string> reasons;  // plain English, one per record considered (and a dispute, if any)
};

// Whether `records` give valid consent for `q`, and why (or why not).
//
// A consent counts when it is about the subject, covers the purpose, the recipient and every
// category asked for, was given by someone who may give it, was informed and voluntary, was given
// at or before `q.at`, and at `q.at` has neither expired nor been withdrawn. A person's later
// refusal overrides their earlier consent (and a later valid consent their earlier refusal). A
// child judged competent who refuses, or withdraws, is not overridden by a parent's consent.
//
// When nothing counts, the state comes from the records that cover the purpose and recipient,
// withdrawn before refused before expired before none: withdrawn consent must never look like
// consent that was simply never asked for.
ConsentFinding EvaluateConsent(const std::vector<ConsentRecord>& records, const ConsentQuery& q);

// Sets the facts the sharing policy reads from a finding: consent, consent_in_writing (from which
// written_consent is derived) and parents_dispute.
void ApplyConsent(const ConsentFinding& finding, SharingFacts& facts);

}  // namespace confide::sharing
