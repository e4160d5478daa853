// Completeness rules for people and records. Messages name the missing field, never its content.
#include <algorithm>

#include "domain/access_facts.h"
#include "domain/person.h"
#include "domain/record.h"
#include "domain/relationship.h"
#include "domain/text.h"
#include "domain/unique_pupil_number.h"

namespace confide::domain {
namespace {

Status CheckStatements(const std::vector<Statement>& statements, std::string_view section) {
  for (const Statement& s : statements) {
    if (IsBlank(s.text)) return Status::InvalidArgument(std::string(section) + " has an empty statement");
  }
  return Status::Ok();
}

// Devices' clocks drift; a record a few minutes "in the future" is a clock, not an error.
constexpr UnixMicros kClockSkewAllowance = 10LL * 60 * 1000 * 1000;

}  // namespace

Status ValidatePersonDetails(PersonKind kind, const PersonDetails& d, CivilDate today) {
  if (IsBlank(d.family_name)) return Status::InvalidArgument("family name is required");
  if (IsBlank(d.given_names)) return Status::InvalidArgument("given name is required");
  if (kind == PersonKind::kChild && !d.date_of_birth) {
    return Status::InvalidArgument("a child's date of birth is required");
  }
  if (d.date_of_birth && today < *d.date_of_birth) {
    return Status::InvalidArgument("date of birth is in the future");
  }
  if (kind == PersonKind::kAdult && (d.status.looked_after || d.status.child_in_need || d.status.child_protection_plan)) {
    return Status::InvalidArgument("child status applies to children only");
  }
  if (!d.unique_pupil_number.empty()) {
    // The DfE check letter catches most mistyped UPNs before they are stored and searched for.
    CONFIDE_RETURN_IF_ERROR(UniquePupilNumber::Parse(d.unique_pupil_number).status());
  }
  if (d.status.looked_after && IsBlank(d.status.looked_after_by)) {
    return Status::InvalidArgument("a looked-after child needs the local authority that looks after them");
  }
  return Status::Ok();
}

std::string DisplayName(const PersonDetails& d) {
  std::string out = d.preferred_name.empty() ? d.given_names : d.preferred_name + " (" + d.given_names + ")";
  out += " ";
  out += d.family_name;
  return out;
}

bool Relationship::HasRestriction(Restriction r) const {
  return std::find(details.restrictions.begin(), details.restrictions.end(), r) != details.restrictions.end();
}

Status ValidateRecordVersion(const RecordVersion& v) {
  if (v.person_id <= 0) return Status::InvalidArgument("a record must be about a person");
  if (v.author_id < 0) return Status::InvalidArgument("a record needs an author");
  if (IsBlank(v.content.summary)) return Status::InvalidArgument("summary is required");
  if (v.occurred_at <= 0) return Status::InvalidArgument("when it happened is required");
  if (v.recorded_at > 0 && v.occurred_at > v.recorded_at + kClockSkewAllowance) {
    return Status::InvalidArgument("when it happened is after when it was recorded");
  }
  if (v.version > 1 && IsBlank(v.amendment_reason)) {
    return Status::InvalidArgument("an amendment needs a reason");
  }
  const RecordSource& src = v.content.source;
  if ((src.kind == SourceKind::kThirdParty || src.kind == SourceKind::kOtherAgency) && IsBlank(src.name) &&
      IsBlank(src.relationship)) {
    return Status::InvalidArgument("a third-party source needs a name or a description");
  }
  switch (v.kind) {
    case RecordKind::kSafeguardingConcern: {
      if (!v.content.concern) return Status::InvalidArgument("a safeguarding concern needs its details");
      const SafeguardingConcern& c = *v.content.concern;
      if (c.what_happened.empty()) return Status::InvalidArgument("what happened is required");
      CONFIDE_RETURN_IF_ERROR(CheckStatements(c.what_happened, "what happened"));
      CONFIDE_RETURN_IF_ERROR(CheckStatements(c.injuries_observed, "injuries observed"));
      CONFIDE_RETURN_IF_ERROR(CheckStatements(c.action_taken, "action taken"));
      if (v.content.attachment) return Status::InvalidArgument("attach files as separate attachment records");
      break;
    }
    case RecordKind::kAttachment: {
      if (!v.content.attachment) return Status::InvalidArgument("an attachment record needs a file");
      const Attachment& a = *v.content.attachment;
      if (IsBlank(a.file_name)) return Status::InvalidArgument("an attachment needs a file name");
      if (a.content.empty()) return Status::InvalidArgument("the attached file is empty");
      if (a.content.size() > kMaxAttachmentBytes) return Status::InvalidArgument("the attached file is larger than 20 MiB");
      if (v.content.concern) return Status::InvalidArgument("an attachment record cannot hold a concern");
      break;
    }
    case RecordKind::kCaseNote:
    case RecordKind::kChronologyEntry:
      if (v.content.concern) return Status::InvalidArgument("only a safeguarding concern has concern details");
      if (v.content.attachment) return Status::InvalidArgument("attach files as separate attachment records");
      break;
  }
  return Status::Ok();
}

}  // namespace confide::domain

namespace confide::domain {

bool IsValidCourseName(std::string_view course) {
  if (course.empty() || course.size() > 64 || course.front() == '_' || course.back() == '_') return false;
  for (char c : course) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace confide::domain
