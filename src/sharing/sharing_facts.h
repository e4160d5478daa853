// The facts of a request to share personal information, as the sharing policy reads them: who is
// asking or being told, why, how, what they want, the state of consent, the risk, the documents
// held and the approvals already given. Everything is a small enum or a bit set, so a decision is
// a handful of mask tests (docs/sharing.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace confide::sharing {

// Each enum's names, as the policy file and the API spell them, in enum order.
template <typename E>
struct EnumNames;

#define CONFIDE_SHARING_ENUM(Type, ...)                                   \
  template <>                                                             \
  struct EnumNames<Type> {                                                \
    static constexpr std::array kNames = std::to_array<std::string_view>({__VA_ARGS__}); \
  }

enum class Direction : uint8_t { kIncoming, kOutgoing, kAdvice };
CONFIDE_SHARING_ENUM(Direction, "incoming", "outgoing", "advice");

enum class RecipientKind : uint8_t {
  kChildrensSocialCare, kPolice, kHealth, kSchool, kOtherLocalAuthority, kCourt, kChildrensGuardian, kInspector,
  kSolicitor, kAdvocate, kResearcher, kPress, kParent, kChild, kPublic
};
CONFIDE_SHARING_ENUM(RecipientKind, "childrens_social_care", "police", "health", "school", "other_local_authority", "court",
                     "childrens_guardian", "inspector", "solicitor", "advocate", "researcher", "press", "parent", "child",
                     "public");

enum class Channel : uint8_t { kPhone, kEmail, kSecureEmail, kLetter, kPortal, kInPerson };
CONFIDE_SHARING_ENUM(Channel, "phone", "email", "secure_email", "letter", "portal", "in_person");

enum class Urgency : uint8_t { kRoutine, kUrgent, kEmergency };
CONFIDE_SHARING_ENUM(Urgency, "routine", "urgent", "emergency");

// Consent for this purpose and this recipient, as the consent registry found it: valid means
// informed, specific, given by the right person, not withdrawn and not expired.
enum class ConsentState : uint8_t { kValid, kNone, kRefused, kWithdrawn, kExpired };
CONFIDE_SHARING_ENUM(ConsentState, "valid", "none", "refused", "withdrawn", "expired");

enum class Document : uint8_t { kCourtOrder, kSection47Request, kPoliceRequestForm, kStatutoryAuthority, kResearchApproval };
CONFIDE_SHARING_ENUM(Document, "court_order", "section_47_request", "police_request_form", "statutory_authority",
                     "research_approval");

// Who may back a decision. local_authority: the local authority as a looked-after child's corporate parent.
enum class Approval : uint8_t { kDesignatedPerson, kManager, kDataProtectionOfficer, kLegalServices, kLocalAuthority };
CONFIDE_SHARING_ENUM(Approval, "designated_person", "manager", "data_protection_officer", "legal_services", "local_authority");

// How a share stands to a multi-agency information-sharing agreement (Confide checks the parties,
// purposes and data categories).
enum class AgreementFit : uint8_t { kNone, kCovers, kOutside };
CONFIDE_SHARING_ENUM(AgreementFit, "none", "covers", "outside");

enum class LawfulBasis : uint8_t {
  kNone, kConsent, kSafeguarding, kLegalObligation, kStatutoryAccess, kCrimePrevention, kPublicTask, kNoPersonalData
};
CONFIDE_SHARING_ENUM(LawfulBasis, "none", "consent", "safeguarding", "legal_obligation", "statutory_access",
                     "crime_prevention", "public_task", "no_personal_data");

enum class Outcome : uint8_t { kShare, kShareInPart, kDecline, kEscalate, kRedirect };
CONFIDE_SHARING_ENUM(Outcome, "share", "share_in_part", "decline", "escalate", "redirect");

enum class Route : uint8_t { kNone, kPressOffice, kSubjectAccess, kFoiOfficer, kLegalServices, kResearchApproval };
CONFIDE_SHARING_ENUM(Route, "none", "press_office", "subject_access", "foi_officer", "legal_services", "research_approval");

// Yes/no facts. The last two are worked out from the others (Derive), never given.
enum class Fact : uint8_t {
  kVerified, kSignificantHarm, kSomeoneHurt, kConsentWouldIncreaseRisk, kConsentWouldPrejudiceInvestigation,
  kDisclosureRequired, kPersonalData, kRequesterIsSubject, kContactRestriction, kTellingWouldPrejudice,
  kTellingWouldPutAtRisk, kLookedAfter, kParentsDispute, kConsentInWriting,
  kWrittenConsent, kConsentException
};
CONFIDE_SHARING_ENUM(Fact, "verified", "significant_harm", "someone_hurt", "consent_would_increase_risk",
                     "consent_would_prejudice_investigation", "disclosure_required", "personal_data",
                     "requester_is_subject", "contact_restriction", "telling_would_prejudice",
                     "telling_would_put_at_risk", "looked_after", "parents_dispute", "consent_in_writing",
                     "written_consent", "consent_exception");
#undef CONFIDE_SHARING_ENUM

template <typename E>
constexpr std::string_view Name(E e) {
  const auto i = static_cast<size_t>(e);
  return i < EnumNames<E>::kNames.size() ? EnumNames<E>::kNames[i] : std::string_view("unknown");
}

template <typename E>
constexpr std::optional<E> ParseName(std::string_view s) {
  for (size_t i = 0; i < EnumNames<E>::kNames.size(); ++i) {
    if (EnumNames<E>::kNames[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

template <typename E>
constexpr size_t Count() { return EnumNames<E>::kNames.size(); }

template <typename E>
constexpr uint32_t Bit(E e) { return uint32_t{1} << static_cast<unsigned>(e); }

// Categories and purposes are the policy's own (indices into its lists), up to 64 of each.
using CategorySet = uint64_t;
using PurposeIndex = uint8_t;
inline constexpr size_t kMaxCategories = 64;
inline constexpr size_t kMaxPurposes = 64;

struct SharingFacts {
  Direction direction = Direction::kIncoming;
  RecipientKind recipient = RecipientKind::kChildrensSocialCare;
  PurposeIndex purpose = 0;
  CategorySet categories = 0;  // what is asked for (or proposed)
  Channel channel = Channel::kSecureEmail;
  Urgency urgency = Urgency::kRoutine;
  ConsentState consent = ConsentState::kNone;
  AgreementFit agreement = AgreementFit::kNone;
  uint32_t facts = Bit(Fact::kVerified);  // Bit(Fact) for each that is true
  uint32_t documents = 0;                 // Bit(Document) for each held
  uint32_t approvals = 0;                 // Bit(Approval) for each already given

  bool Has(Fact f) const { return (facts & Bit(f)) != 0; }
  void Set(Fact f, bool on) { facts = on ? (facts | Bit(f)) : (facts & ~Bit(f)); }
};

// The facts with the derived ones worked out: written_consent (valid consent, given in writing)
// and consent_exception (any reason not to seek consent).
inline uint32_t Derive(const SharingFacts& f) {
  uint32_t bits = f.facts & ~(Bit(Fact::kWrittenConsent) | Bit(Fact::kConsentException));
  if (f.consent == ConsentState::kValid && (bits & Bit(Fact::kConsentInWriting))) bits |= Bit(Fact::kWrittenConsent);
  constexpr uint32_t kExceptions = Bit(Fact::kSomeoneHurt) | Bit(Fact::kConsentWouldIncreaseRisk) |
                                   Bit(Fact::kConsentWouldPrejudiceInvestigation) | Bit(Fact::kDisclosureRequired);
  if (bits & kExceptions) bits |= Bit(Fact::kConsentException);
  return bits;
}

}  // namespace confide::sharing
