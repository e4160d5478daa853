// Conversions between the domain's personal-data types and the field maps that are sealed and
// signed. Field names are part of the stored format (docs/formats/sealed-fields.md): never rename.
// Empty values are omitted. Pure, thread-safe.
#pragma once

#include "confide/result.h"
#include "domain/person.h"
#include "domain/record.h"
#include "domain/relationship.h"
#include "domain/staff.h"
#include "service/sealed_fields.h"

namespace confide::service {

FieldMap PersonToFields(const domain::PersonDetails& d);
Result<domain::PersonDetails> PersonFromFields(const FieldMap& f);

// The record's content plus its amendment reason.
FieldMap RecordToFields(const domain::RecordContent& c, const std::string& amendment_reason);
Result<domain::RecordContent> RecordFromFields(const FieldMap& f, std::string* amendment_reason);

FieldMap StaffToFields(const domain::StaffDetails& d);
// The associated data of a staff member's sealed details (bound to their id and data subject).
VersionHeader StaffHeader(int64_t staff_id, int64_t subject_id);
domain::StaffDetails StaffFromFields(const FieldMap& f);

FieldMap RelationshipToFields(const domain::RelationshipDetails& d);
Result<domain::RelationshipDetails> RelationshipFromFields(const FieldMap& f);

}  // namespace confide::service
