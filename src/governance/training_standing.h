// Training and the confidentiality policy: the courses the organisation runs (induction,
// confidentiality and data protection, safeguarding, information sharing...), how often each is
// refreshed and who must do it; the version of the confidentiality policy in force, which every
// member of staff acknowledges; and, from a staff member's completions and acknowledgements, where
// they stand today — what the training report, the deadlines view and the access gate show.
//
// The catalogue and the policy come from the governance policy file (governance_policy.h);
// docs/governance.md explains every field. Everything here is a pure function of its inputs: no
// I/O, no clock. Days are UK days (a course completed at 00:30 UK summer time counts from that
// UK date), and a date "due" means the whole of that UK day is still in time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "domain/civil_date.h"
#include "domain/staff.h"

namespace confide::governance {

// One course the organisation runs.
struct Course {
  std::string id;             // the name training is recorded under: [a-z][a-z0-9_]*, at most 64
  std::string name;           // "Confidentiality and data protection"
  std::string basis;          // why it is required and how often (one line)
  int refresher_months = 0;   // 0..120; 0: completed once, never lapses (induction)
  std::vector<domain::StaffRole> roles;  // who must complete it; empty: every role

  bool RequiredOf(domain::StaffRole role) const;
};

struct TrainingCatalogue {
  std::vector<Course> courses;
  const Course* Find(std::string_view id) const;
};

// The version of the organisation's confidentiality policy in force. Staff acknowledge that they
// have read it ("It is recommended that staff acknowledge that they have taken note of the
// contents of this policy"), and again when a new version comes into force.
struct ConfidentialityPolicy {
  std::string version;   // "2026.1": letters, digits, '.', '-' and '_', 1 to 32
  std::string title;     // "Confidentiality and information sharing policy" (one line)
  domain::CivilDate in_force_from;  // the UK date the version comes into force
  // 0..365. Everyone has until in_force_from + this many days to acknowledge this version; after
  // that day the access gate treats anyone who has not as having training that is not current.
  int acknowledge_within_days = 30;
  std::string text;      // the policy itself: paragraphs separated by blank lines, 1 to 100,000 bytes

  // The last UK day on which acknowledging is still in time.
  domain::CivilDate AcknowledgeBy() const;
};

// A staff member's facts.
struct CourseCompletion {
  std::string course;
  UnixMicros completed_at = 0;
  std::optional<UnixMicros> expires_at;  // as recorded; unset = does not lapse
};
struct PolicyAcknowledgement {
  std::string version;
  UnixMicros acknowledged_at = 0;
};
struct TrainingFacts {
  domain::StaffRole role = domain::StaffRole::kPractitioner;
  std::vector<CourseCompletion> completions;      // any order, any courses (also ones not in the catalogue)
  std::vector<PolicyAcknowledgement> acknowledgements;  // any order
};

// When a completion of `course` at `completed_at` lapses if no expiry is given: the start (UK
// midnight) of the UK day `refresher_months` after the completion's UK day (clamped to the end of a
// shorter month: 31 January + 1 month is 28 or 29 February, the earlier, safe side). Unset when the
// course is not refreshed.
std::optional<UnixMicros> RefresherDue(const Course& course, UnixMicros completed_at);

enum class CourseState {
  kCurrent,  // completed and not lapsing within the warning window
  kDueSoon,  // completed, lapses within the warning window
  kLapsed,   // the latest completion has lapsed
  kMissing,  // never completed
};
std::string_view ToString(CourseState s);

struct CourseStanding {
  std::string course;   // the catalogue's id
  bool required = false;  // the catalogue requires it of the staff member's role
  CourseState state = CourseState::kMissing;
  std::optional<UnixMicros> completed_at;  // the latest completion (a refresher replaces what it refreshes)
  std::optional<UnixMicros> expires_at;    // its expiry
};

enum class AcknowledgementState {
  kNoPolicy,      // the governance policy has no confidentiality policy: nothing to acknowledge
  kAcknowledged,  // the version in force is acknowledged
  kDue,           // not yet, and still in time (until AcknowledgeBy())
  kOverdue,       // not, and the time has passed (an earlier version may have been)
};
std::string_view ToString(AcknowledgementState s);

struct AcknowledgementStanding {
  AcknowledgementState state = AcknowledgementState::kNoPolicy;
  std::string version;  // the version in force ("" without a policy)
  std::optional<UnixMicros> acknowledged_at;  // of the version in force
  std::string last_version_acknowledged;      // the latest acknowledgement of any version ("" for none)
  std::optional<domain::CivilDate> due_by;    // kDue and kOverdue: AcknowledgeBy()
};

struct TrainingStanding {
  std::vector<CourseStanding> courses;  // every catalogue course, in catalogue order
  AcknowledgementStanding acknowledgement;
  // Something needs doing now: a required course lapsed or missing, or the acknowledgement overdue.
  bool overdue = false;
  // Something needs doing soon: a required course due soon, or the acknowledgement due.
  bool due_soon = false;
};

// Where the staff member stands at `now`. A course is due soon when it lapses within
// `warn_days` days of now. Courses not required of the role are listed (required = false) and
// never make the standing overdue.
TrainingStanding StandingAt(const TrainingCatalogue& catalogue, const std::optional<ConfidentialityPolicy>& policy,
                            const TrainingFacts& facts, UnixMicros now, int warn_days = 30);

// What the access gate needs from the acknowledgements: whether there is anything to acknowledge,
// whether the staff member ever acknowledged any version, and until when they are in time.
struct AcknowledgementGate {
  bool needed = false;        // there is a policy in force and its version is not acknowledged
  bool any_version = false;   // some version was acknowledged at some time
  UnixMicros in_time_until = INT64_MAX;  // the start (UK midnight) of the day after AcknowledgeBy()
};
AcknowledgementGate GateFor(const std::optional<ConfidentialityPolicy>& policy,
                            const std::vector<PolicyAcknowledgement>& acknowledgements);

// True for a policy version label: letters, digits, '.', '-', '_', 1 to 32 bytes.
bool IsValidPolicyVersion(std::string_view version);

}  // namespace confide::governance
