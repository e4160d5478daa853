#include "web/words.h"

namespace confide::web {
namespace {

// "allocated_social_worker" -> "Allocated social worker": the enum names are already plain words.
std::string Sentence(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace

std::string Words(domain::AllocationRole r) { return Sentence(domain::ToString(r)); }
std::string Words(domain::RelationshipKind k) { return Sentence(domain::ToString(k)); }

std::string Words(domain::Restriction r) {
  switch (r) {
    case domain::Restriction::kMustNotKnowAddress: return "Must not be told the child's address";
    case domain::Restriction::kMustNotKnowSchool: return "Must not be told where the child goes to school or nursery";
    case domain::Restriction::kNoContact: return "No contact with the child";
    case domain::Restriction::kSupervisedContactOnly: return "Supervised contact only";
    case domain::Restriction::kNoInformationSharing: return "Share no information about the child with this person";
  }
  return Sentence(domain::ToString(r));
}

std::string Words(domain::StaffRole r) {
  return r == domain::StaffRole::kVolunteer ? "Volunteer or student" : Sentence(domain::ToString(r));
}

std::string Words(domain::RecordKind k) {
  return k == domain::RecordKind::kSafeguardingConcern ? "Safeguarding concern" : Sentence(domain::ToString(k));
}
std::string Words(domain::SensitivityTier t) { return Sentence(domain::ToString(t)); }
std::string Words(domain::SourceKind s) { return Sentence(domain::ToString(s)); }

std::string TierTag(domain::SensitivityTier t) {
  const char* colour = t == domain::SensitivityTier::kRestricted  ? " govuk-tag--red"
                       : t == domain::SensitivityTier::kSensitive ? " govuk-tag--orange"
                                                                  : " govuk-tag--grey";
  return std::string("<strong class=\"govuk-tag") + colour + "\">" + Words(t) + "</strong>";
}

std::string DateWords(const std::optional<domain::CivilDate>& d) { return d ? d->FormatUk() : "Not recorded"; }

}  // namespace confide::web
