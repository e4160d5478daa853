// Stable names of the domain enums, used on disk, in JSON and on the command line. Never rename
// one: stored data and signatures depend on them.
#include "domain/allocation.h"
#include "domain/enum_names.h"
#include "domain/person.h"
#include "domain/record.h"
#include "domain/relationship.h"
#include "domain/staff.h"

namespace confide::domain {
namespace {

constexpr EnumNames<OrganisationKind, 5> kOrganisationKinds{{
    {OrganisationKind::kLocalAuthority, "local_authority"},
    {OrganisationKind::kFosteringAgency, "fostering_agency"},
    {OrganisationKind::kNursery, "nursery"},
    {OrganisationKind::kSchool, "school"},
    {OrganisationKind::kOther, "other"},
}};

constexpr EnumNames<StaffRole, 10> kStaffRoles{{
    {StaffRole::kPractitioner, "practitioner"},
    {StaffRole::kKeyPerson, "key_person"},
    {StaffRole::kSocialWorker, "social_worker"},
    {StaffRole::kDesignatedSafeguardingLead, "designated_safeguarding_lead"},
    {StaffRole::kDeputySafeguardingLead, "deputy_safeguarding_lead"},
    {StaffRole::kManager, "manager"},
    {StaffRole::kDataProtectionOfficer, "data_protection_officer"},
    {StaffRole::kAdministrator, "administrator"},
    {StaffRole::kAuditor, "auditor"},
    {StaffRole::kVolunteer, "volunteer"},
}};

constexpr EnumNames<PersonKind, 2> kPersonKinds{{
    {PersonKind::kChild, "child"},
    {PersonKind::kAdult, "adult"},
}};

constexpr EnumNames<RelationshipKind, 7> kRelationshipKinds{{
    {RelationshipKind::kMother, "mother"},
    {RelationshipKind::kFather, "father"},
    {RelationshipKind::kStepParent, "step_parent"},
    {RelationshipKind::kCarer, "carer"},
    {RelationshipKind::kFosterCarer, "foster_carer"},
    {RelationshipKind::kSibling, "sibling"},
    {RelationshipKind::kOther, "other"},
}};

constexpr EnumNames<Restriction, 5> kRestrictions{{
    {Restriction::kMustNotKnowAddress, "must_not_know_address"},
    {Restriction::kMustNotKnowSchool, "must_not_know_school"},
    {Restriction::kNoContact, "no_contact"},
    {Restriction::kSupervisedContactOnly, "supervised_contact_only"},
    {Restriction::kNoInformationSharing, "no_information_sharing"},
}};

constexpr EnumNames<AllocationRole, 5> kAllocationRoles{{
    {AllocationRole::kAllocatedSocialWorker, "allocated_social_worker"},
    {AllocationRole::kKeyPerson, "key_person"},
    {AllocationRole::kTeam, "team"},
    {AllocationRole::kSupervisingSocialWorker, "supervising_social_worker"},
    {AllocationRole::kOther, "other"},
}};

constexpr EnumNames<RecordKind, 4> kRecordKinds{{
    {RecordKind::kChronologyEntry, "chronology_entry"},
    {RecordKind::kCaseNote, "case_note"},
    {RecordKind::kSafeguardingConcern, "safeguarding_concern"},
    {RecordKind::kAttachment, "attachment"},
}};

constexpr EnumNames<SensitivityTier, 3> kTiers{{
    {SensitivityTier::kGeneral, "general"},
    {SensitivityTier::kSensitive, "sensitive"},
    {SensitivityTier::kRestricted, "restricted"},
}};

constexpr EnumNames<SourceKind, 6> kSourceKinds{{
    {SourceKind::kStaffObservation, "staff_observation"},
    {SourceKind::kChild, "child"},
    {SourceKind::kParentOrCarer, "parent_or_carer"},
    {SourceKind::kOtherAgency, "other_agency"},
    {SourceKind::kThirdParty, "third_party"},
    {SourceKind::kAnonymousThirdParty, "anonymous_third_party"},
}};

constexpr EnumNames<StatementBasis, 2> kBases{{
    {StatementBasis::kFact, "fact"},
    {StatementBasis::kProfessionalOpinion, "opinion"},
}};

}  // namespace

#define CONFIDE_ENUM_NAMES(Type, table, parse_fn)                                       \
  std::string_view ToString(Type v) { return NameOf(table, v); }                        \
  std::optional<Type> parse_fn(std::string_view s) { return ParseName(table, s); }

CONFIDE_ENUM_NAMES(OrganisationKind, kOrganisationKinds, ParseOrganisationKind)
CONFIDE_ENUM_NAMES(StaffRole, kStaffRoles, ParseStaffRole)
CONFIDE_ENUM_NAMES(PersonKind, kPersonKinds, ParsePersonKind)
CONFIDE_ENUM_NAMES(RelationshipKind, kRelationshipKinds, ParseRelationshipKind)
CONFIDE_ENUM_NAMES(Restriction, kRestrictions, ParseRestriction)
CONFIDE_ENUM_NAMES(AllocationRole, kAllocationRoles, ParseAllocationRole)
CONFIDE_ENUM_NAMES(RecordKind, kRecordKinds, ParseRecordKind)
CONFIDE_ENUM_NAMES(SensitivityTier, kTiers, ParseSensitivityTier)
CONFIDE_ENUM_NAMES(SourceKind, kSourceKinds, ParseSourceKind)
CONFIDE_ENUM_NAMES(StatementBasis, kBases, ParseStatementBasis)

#undef CONFIDE_ENUM_NAMES

}  // namespace confide::domain
