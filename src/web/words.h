// The words pages use for the domain's values: what a practitioner reads, not the enum names the
// API and the database use ("Allocated social worker", not "allocated_social_worker").
#pragma once

#include <optional>
#include <string>

#include "domain/allocation.h"
#include "domain/civil_date.h"
#include "domain/record.h"
#include "domain/staff.h"
#include "domain/relationship.h"

namespace confide::web {

std::string Words(domain::AllocationRole r);
std::string Words(domain::RelationshipKind k);
std::string Words(domain::Restriction r);
std::string Words(domain::StaffRole r);
std::string Words(domain::RecordKind k);
std::string Words(domain::SensitivityTier t);
std::string Words(domain::SourceKind s);
// A GOV.UK tag for a tier: general plain, sensitive and restricted coloured, so they stand out.
std::string TierTag(domain::SensitivityTier t);

// "4 March 2019", or "Not recorded".
std::string DateWords(const std::optional<domain::CivilDate>& d);

}  // namespace confide::web
