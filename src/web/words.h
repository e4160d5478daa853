// The words pages use for the domain's values: what a practitioner reads, not the enum names the
// API and the database use ("Allocated social worker", not "allocated_social_worker").
#pragma once

#include <optional>
#include <string>

#include "domain/allocation.h"
#include "domain/civil_date.h"
#include "domain/relationship.h"

namespace confide::web {

std::string Words(domain::AllocationRole r);
std::string Words(domain::RelationshipKind k);
std::string Words(domain::Restriction r);
// "4 March 2019", or "Not recorded".
std::string DateWords(const std::optional<domain::CivilDate>& d);

}  // namespace confide::web
