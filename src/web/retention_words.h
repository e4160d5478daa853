// The words the retention pages use for the retention schedule's values: what a data protection
// officer reads ("Awaiting review", "Looked-after child's case record"), not the names the API and
// the CLI print ("awaiting_review", "looked_after_child").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/civil_date.h"
#include "domain/person.h"
#include "governance/retention_schedule.h"
#include "service/retention.h"

namespace confide::web {

std::string Words(service::RetentionState s);
// A GOV.UK tag for where a person stands, coloured so that what needs the DPO stands out.
std::string StateTag(service::RetentionState s);

// The class's name from the schedule; its id if the schedule no longer has it.
std::string ClassWords(const governance::RetentionSchedule& schedule, std::string_view class_id);

// "Child 470", "Adult 12": the retention pages name people by id, as the certificates do.
std::string PersonWords(domain::PersonKind kind, domain::PersonId id);

// "3 March 2065", or "Unknown" (the schedule could not work the date out).
std::string RetentionDate(const std::optional<domain::CivilDate>& d);

// Whether a review can be recorded for someone in this state now (the service refuses the rest:
// an unknown date, a review date not reached, records already destroyed).
bool Reviewable(service::RetentionState s);

}  // namespace confide::web
