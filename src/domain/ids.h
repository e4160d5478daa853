// Identifiers. Ids are opaque, carry no personal data, and are the only thing about a person that
// may appear in a URL, a log line or an audit entry. 0 means "none".
#pragma once

#include <cstdint>

namespace confide::domain {

using OrganisationId = int64_t;
using StaffId = int64_t;     // 0 is the system itself (migrations, demo loader)
using PersonId = int64_t;
using SubjectId = int64_t;   // a data subject: the owner of a data key (a person or a staff member)
using RecordId = int64_t;
using RelationshipId = int64_t;
using AllocationId = int64_t;
using VersionNumber = int32_t;  // versions count from 1

inline constexpr StaffId kSystemActor = 0;

}  // namespace confide::domain
