// The retention schedule: how long each class of record about a person is kept, and the dates a
// person's records are due for review and for destruction.
//
// A class is kept a number of years from a starting date: the person's date of birth (a
// looked-after child's case record until the 75th birthday), a date recorded for them (a foster
// carer's approval ending, an adoption order), the last thing recorded about them, or — for a
// family member — as long as the records of the children they are linked to. The schedule comes
// from the organisation's governance policy file (governance/governance_policy.h); its defaults are
// the statutory minimums and the common practice the issue and docs/governance.md name.
//
// Everything here is a pure function of its inputs: no I/O, no clock. Callers pass "today" in.
// Explanations may name dates derived from a date of birth: they are for the DPO's screen, never
// for logs, audit details or destruction certificates.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "confide/result.h"
#include "domain/civil_date.h"
#include "domain/ids.h"
#include "domain/person.h"

namespace confide::governance {

using domain::CivilDate;

// What a class's keeping period is counted from.
enum class RetentionStart {
  kDateOfBirth,     // the person's date of birth (needs one)
  kTriggerDate,     // a date recorded for the person with the class (approval ended, order made)
  kLastActivity,    // the latest record about the person (occurred or recorded, whichever later)
  kLinkedChildren,  // the latest destruction date of the children the person is linked to
};
std::string_view ToString(RetentionStart s);
std::optional<RetentionStart> ParseRetentionStart(std::string_view s);

// The classes Confide assigns by itself (a class given to a person explicitly wins over these).
// A governance policy must define each of them.
inline constexpr const char* kLookedAfterChildClass = "looked_after_child";  // child looked after (now)
inline constexpr const char* kChildProtectionClass = "child_protection";     // child with a concern or a plan
inline constexpr const char* kChildClass = "child";                          // any other child
inline constexpr const char* kFamilyMemberClass = "family_member";           // adult linked to a child
inline constexpr const char* kAdultClass = "adult";                          // adult linked to no child

struct RetentionClass {
  std::string id;     // [a-z0-9_]+, unique within the schedule
  std::string name;   // "Looked-after child's case record"
  std::string basis;  // the law or guidance the period comes from
  RetentionStart start = RetentionStart::kDateOfBirth;
  int years = 0;          // 0..150
  int review_months = 0;  // the review falls this many months before destruction (0..120)
};

// `date` moved `years` years on; 29 February becomes 1 March in a year without one (unlike
// domain::AddYears, which takes 28 February: for keeping records, later is the safe side).
CivilDate Anniversary(CivilDate date, int years);

struct RetentionSchedule {
  std::vector<RetentionClass> classes;
  const RetentionClass* Find(std::string_view id) const;
};

// One thing wrong with a schedule, for a parser that reports it at the line of the class and field.
struct RetentionScheduleProblem {
  static constexpr size_t kWholeSchedule = static_cast<size_t>(-1);
  size_t class_index = kWholeSchedule;  // into `classes`; kWholeSchedule for a class that is missing
  std::string class_id;                 // the class named (for a missing class, the one missing)
  std::string_view field;               // "id", "name", "basis", "start", "years", "review_months"; empty: the class
  std::string message;                  // names the class and what is wrong
};

// Every problem with `schedule`, in class order then the missing automatic classes: an id that is
// not [a-z0-9_]{1,64} or is used twice, an empty name or basis, years outside 0..150,
// review_months outside 0..120, an automatic class counted from trigger_date (Confide records no
// trigger date with a class it assigns itself), an automatic class not defined.
std::vector<RetentionScheduleProblem> FindRetentionScheduleProblems(const RetentionSchedule& schedule);

// OK if FindRetentionScheduleProblems finds nothing; otherwise kInvalidArgument listing every
// problem (each names the class and what is wrong).
Status ValidateRetentionSchedule(const RetentionSchedule& schedule);

// What the schedule needs to know about one person. Built by the service layer from the person's
// current details and the clear metadata of their records and relationships.
struct RetentionFacts {
  domain::PersonId person_id = 0;
  domain::PersonKind kind = domain::PersonKind::kChild;
  std::optional<CivilDate> date_of_birth;
  bool looked_after = false;      // the current details say so
  bool child_protection = false;  // a safeguarding concern about them, or a child protection plan
  std::optional<CivilDate> last_activity;
  std::vector<domain::PersonId> linked_children;  // for adults: the children they are related to
  std::string assigned_class;                     // set explicitly by the DPO; empty = automatic
  std::optional<CivilDate> trigger_date;          // recorded with the assigned class
  // Set for a person whose records an earlier run destroyed (only the id is left): their outcome's
  // destroy_on and review_on are that day whatever the class, so the adults linked to them still
  // follow them. The class is still worked out for class_id, but an assigned class the schedule no
  // longer defines is not an error for them.
  std::optional<CivilDate> destroyed_on;
};

// When one person's records fall due.
struct RetentionOutcome {
  domain::PersonId person_id = 0;
  std::string class_id;
  bool assigned = false;  // the class was given explicitly, not worked out
  // Unset when it cannot be worked out (no date of birth, no trigger date, nothing recorded, a
  // linked child's date unknown): such a person is never destroyed by a run, and is reported.
  std::optional<CivilDate> destroy_on;
  std::optional<CivilDate> review_on;
  // Sentences a DPO can check, naming the class, its basis, the start, the years and the result:
  // "Looked-after child's case record (Care Planning, Placement and Case Review (England)
  // Regulations 2010, regulation 50): kept until 75 years after the date of birth, 3 March 1990.
  // Destroy on or after 3 March 2065; review from 3 September 2064. The class follows from their
  // details: a looked-after child." Never a name; person ids only (for linked children).
  std::string explanation;
};

// The outcome for every person in `facts`, in the same order. Adults following their linked
// children use the children's outcomes (a child missing from `facts` makes the adult's date
// unknown). A date of 29 February (a birth, a trigger date, a last record, a child's destruction
// date) reaches an anniversary on 1 March in other years (later is the safe side for keeping).
// People counted from their linked children are not chained: if a linked person is counted that
// way too, the date is unknown. review_on is review_months before destroy_on (clamped to the end
// of a shorter month). kInvalidArgument if the schedule is invalid, an assigned class is not in
// it, or a person appears twice; a missing date is not an error but an outcome without a
// destroy_on. Linear in the number of people and links.
Result<std::vector<RetentionOutcome>> ComputeRetention(const RetentionSchedule& schedule,
                                                       const std::vector<RetentionFacts>& facts);

}  // namespace confide::governance
