#include "web/retention_words.h"

#include "web/sharing_words.h"

namespace confide::web {

using service::RetentionState;

std::string Words(RetentionState s) {
  switch (s) {
    case RetentionState::kNotDue: return "Not due";
    case RetentionState::kAwaitingReview: return "Awaiting review";
    case RetentionState::kRetained: return "Retained";
    case RetentionState::kApproved: return "Approved";
    case RetentionState::kDue: return "Due";
    case RetentionState::kHeld: return "Held";
    case RetentionState::kUnknownDate: return "Unknown date";
    case RetentionState::kDestroyed: return "Destroyed";
  }
  return std::string(service::ToString(s));
}

std::string StateTag(RetentionState s) {
  switch (s) {
    case RetentionState::kAwaitingReview: return Tag("orange", Words(s));
    case RetentionState::kApproved: return Tag("blue", Words(s));
    case RetentionState::kDue: return Tag("red", Words(s));
    case RetentionState::kHeld: return Tag("purple", Words(s));
    case RetentionState::kUnknownDate: return Tag("yellow", Words(s));
    case RetentionState::kNotDue: return Tag("turquoise", Words(s));
    case RetentionState::kRetained:
    case RetentionState::kDestroyed: break;
  }
  return Tag("grey", Words(s));
}

std::string ClassWords(const governance::RetentionSchedule& schedule, std::string_view class_id) {
  const governance::RetentionClass* c = schedule.Find(class_id);
  return c ? c->name : std::string(class_id);
}

std::string PersonWords(domain::PersonKind kind, domain::PersonId id) {
  return (kind == domain::PersonKind::kChild ? "Child " : "Adult ") + std::to_string(id);
}

std::string RetentionDate(const std::optional<domain::CivilDate>& d) { return d ? d->FormatUk() : "Unknown"; }

bool Reviewable(RetentionState s) {
  return s == RetentionState::kAwaitingReview || s == RetentionState::kApproved || s == RetentionState::kRetained ||
         s == RetentionState::kHeld || s == RetentionState::kDue;
}

}  // namespace confide::web
