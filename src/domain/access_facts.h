// What need-to-know decisions depend on besides roles and allocations: training, restrictions and
// emergency (break-glass) access. Plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "domain/ids.h"

namespace confide::domain {

// Courses named as the guidance names them; an organisation's policy says which are required
// before anyone sees personal data.
inline constexpr std::string_view kCourseInduction = "induction";
inline constexpr std::string_view kCourseConfidentiality = "confidentiality";
inline constexpr std::string_view kCourseSafeguarding = "safeguarding";
inline constexpr std::string_view kCourseInformationSharing = "information_sharing";

// True for a course name Confide knows: lower-case words joined by underscores, 1 to 64 bytes.
bool IsValidCourseName(std::string_view course);

struct TrainingRecord {
  int64_t id = 0;
  StaffId staff_id = 0;
  std::string course;
  UnixMicros completed_at = 0;
  std::optional<UnixMicros> expires_at;  // refresher due; unset = does not lapse
  StaffId recorded_by = 0;
  UnixMicros recorded_at = 0;
};

// A person hidden from one named staff member entirely (their own family, a high-profile child).
struct PersonRestriction {
  int64_t id = 0;
  PersonId person_id = 0;
  StaffId staff_id = 0;
  std::string reason;  // sealed at rest
  StaffId created_by = 0;
  UnixMicros created_at = 0;
  std::optional<UnixMicros> removed_at;
};

// Emergency access to a child the staff member is not allocated to: a stated reason, time-limited,
// the designated safeguarding lead alerted, shown in every access review.
struct BreakGlassGrant {
  int64_t id = 0;
  StaffId staff_id = 0;
  PersonId person_id = 0;
  std::string reason;  // sealed at rest; empty when listed to someone who may not read it
  UnixMicros started_at = 0;
  UnixMicros expires_at = 0;
  std::optional<UnixMicros> ended_at;
  bool ActiveAt(UnixMicros t) const { return !ended_at && t >= started_at && t < expires_at; }
};

}  // namespace confide::domain
