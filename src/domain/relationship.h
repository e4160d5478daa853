// Relationships between a child and the people around them, with parental responsibility,
// lives-with, and restrictions such as "this person must not learn the child's address".
// The pair of ids is stored in clear (so a child's family can be listed); the nature of the
// relationship and its restrictions are encrypted under the child's data key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "domain/ids.h"

namespace confide::domain {

enum class RelationshipKind { kMother, kFather, kStepParent, kCarer, kFosterCarer, kSibling, kOther };
std::string_view ToString(RelationshipKind k);
std::optional<RelationshipKind> ParseRelationshipKind(std::string_view s);

// What a related person may not be told or do. Usually from a court order or a safety plan.
enum class Restriction {
  kMustNotKnowAddress,     // e.g. a parent the child is protected from
  kMustNotKnowSchool,      // where the child is educated or cared for
  kNoContact,
  kSupervisedContactOnly,
  kNoInformationSharing,   // nothing about the child to be shared with this person
};
std::string_view ToString(Restriction r);
std::optional<Restriction> ParseRestriction(std::string_view s);

struct RelationshipDetails {  // encrypted at rest
  RelationshipKind kind = RelationshipKind::kOther;
  bool parental_responsibility = false;
  bool lives_with = false;
  std::vector<Restriction> restrictions;
  std::string notes;  // e.g. the court order reference
  // A practitioner's assessment that this person may pose a risk of harm to the child: their
  // identity may then leave under the sharing policy's persons_posing_risk category.
  // Last, so that positional initialisers written before it stay valid.
  bool poses_risk = false;

  bool operator==(const RelationshipDetails&) const = default;
};

struct Relationship {
  RelationshipId id = 0;
  PersonId child_id = 0;
  PersonId person_id = 0;  // the related person (adult or another child)
  UnixMicros created_at = 0;
  StaffId created_by = 0;
  RelationshipDetails details;

  bool HasRestriction(Restriction r) const;
};

}  // namespace confide::domain
