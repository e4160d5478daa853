#include "governance/training_standing.h"

#include <algorithm>
#include <utility>

#include "domain/uk_time.h"

namespace confide::governance {
namespace {

using domain::CivilDate;

constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;
constexpr size_t kMaxPolicyVersionChars = 32;

// The start (UK midnight) of the UK day after `last_day`: the first instant that is too late.
UnixMicros StartOfDayAfter(const CivilDate& last_day) { return domain::FromUkLocal(domain::AddDays(last_day, 1), 0, 0); }

// The latest completion of `course` (by completed_at), or null. Two completions at the same
// instant: the one that lapses earlier counts (the safe side), whatever order they come in.
const CourseCompletion* LatestCompletion(const std::vector<CourseCompletion>& completions, std::string_view course) {
  const CourseCompletion* latest = nullptr;
  for (const CourseCompletion& c : completions) {
    if (c.course != course) continue;
    if (!latest || c.completed_at > latest->completed_at) {
      latest = &c;
    } else if (c.completed_at == latest->completed_at && c.expires_at &&
               (!latest->expires_at || *c.expires_at < *latest->expires_at)) {
      latest = &c;
    }
  }
  return latest;
}

bool Acknowledged(const std::vector<PolicyAcknowledgement>& acknowledgements, std::string_view version) {
  return std::any_of(acknowledgements.begin(), acknowledgements.end(),
                     [&](const PolicyAcknowledgement& a) { return a.version == version; });
}

AcknowledgementStanding AcknowledgementAt(const std::optional<ConfidentialityPolicy>& policy,
                                          const std::vector<PolicyAcknowledgement>& acknowledgements, UnixMicros now) {
  AcknowledgementStanding out;
  // The latest acknowledgement of any version (at the same instant, the greater label: any fixed
  // choice will do, so the answer does not depend on the order given).
  const PolicyAcknowledgement* last = nullptr;
  for (const PolicyAcknowledgement& a : acknowledgements) {
    if (!last || a.acknowledged_at > last->acknowledged_at ||
        (a.acknowledged_at == last->acknowledged_at && a.version > last->version)) {
      last = &a;
    }
  }
  if (last) out.last_version_acknowledged = last->version;
  if (!policy) {
    out.state = AcknowledgementState::kNoPolicy;
    return out;
  }
  out.version = policy->version;
  for (const PolicyAcknowledgement& a : acknowledgements) {
    if (a.version != policy->version) continue;
    if (!out.acknowledged_at || a.acknowledged_at < *out.acknowledged_at) out.acknowledged_at = a.acknowledged_at;
  }
  if (out.acknowledged_at) {
    out.state = AcknowledgementState::kAcknowledged;
    return out;
  }
  const CivilDate by = policy->AcknowledgeBy();
  out.due_by = by;
  out.state = now < StartOfDayAfter(by) ? AcknowledgementState::kDue : AcknowledgementState::kOverdue;
  return out;
}

}  // namespace

bool Course::RequiredOf(domain::StaffRole role) const {
  return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
}

const Course* TrainingCatalogue::Find(std::string_view id) const {
  for (const Course& c : courses) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

CivilDate ConfidentialityPolicy::AcknowledgeBy() const { return domain::AddDays(in_force_from, acknowledge_within_days); }

std::optional<UnixMicros> RefresherDue(const Course& course, UnixMicros completed_at) {
  if (course.refresher_months <= 0) return std::nullopt;
  const CivilDate day = domain::ToUkLocal(completed_at).date;
  return domain::FromUkLocal(domain::AddMonths(day, course.refresher_months), 0, 0);
}

std::string_view ToString(CourseState s) {
  switch (s) {
    case CourseState::kCurrent:
      return "current";
    case CourseState::kDueSoon:
      return "due_soon";
    case CourseState::kLapsed:
      return "lapsed";
    case CourseState::kMissing:
      return "missing";
  }
  return "unknown";  // unreachable: every enumerator is handled above
}

std::string_view ToString(AcknowledgementState s) {
  switch (s) {
    case AcknowledgementState::kNoPolicy:
      return "no_policy";
    case AcknowledgementState::kAcknowledged:
      return "acknowledged";
    case AcknowledgementState::kDue:
      return "due";
    case AcknowledgementState::kOverdue:
      return "overdue";
  }
  return "unknown";  // unreachable: every enumerator is handled above
}

TrainingStanding StandingAt(const TrainingCatalogue& catalogue, const std::optional<ConfidentialityPolicy>& policy,
                            const TrainingFacts& facts, UnixMicros now, int warn_days) {
  TrainingStanding out;
  const UnixMicros warn_until = now + static_cast<int64_t>(warn_days) * kMicrosPerDay;
  out.courses.reserve(catalogue.courses.size());
  for (const Course& course : catalogue.courses) {
    CourseStanding s;
    s.course = course.id;
    s.required = course.RequiredOf(facts.role);
    if (const CourseCompletion* latest = LatestCompletion(facts.completions, course.id)) {
      s.completed_at = latest->completed_at;
      s.expires_at = latest->expires_at;  // as recorded: the service applied the refresher when recording
      if (!s.expires_at) {
        s.state = CourseState::kCurrent;
      } else if (*s.expires_at <= now) {
        s.state = CourseState::kLapsed;
      } else if (*s.expires_at <= warn_until) {
        s.state = CourseState::kDueSoon;
      } else {
        s.state = CourseState::kCurrent;
      }
    } else {
      s.state = CourseState::kMissing;
    }
    if (s.required) {
      if (s.state == CourseState::kLapsed || s.state == CourseState::kMissing) out.overdue = true;
      if (s.state == CourseState::kDueSoon) out.due_soon = true;
    }
    out.courses.push_back(std::move(s));
  }
  out.acknowledgement = AcknowledgementAt(policy, facts.acknowledgements, now);
  if (out.acknowledgement.state == AcknowledgementState::kOverdue) out.overdue = true;
  if (out.acknowledgement.state == AcknowledgementState::kDue) out.due_soon = true;
  return out;
}

AcknowledgementGate GateFor(const std::optional<ConfidentialityPolicy>& policy,
                            const std::vector<PolicyAcknowledgement>& acknowledgements) {
  AcknowledgementGate gate;
  gate.any_version = !acknowledgements.empty();
  gate.needed = policy.has_value() && !Acknowledged(acknowledgements, policy->version);
  if (gate.needed) gate.in_time_until = StartOfDayAfter(policy->AcknowledgeBy());
  return gate;
}

bool IsValidPolicyVersion(std::string_view version) {
  if (version.empty() || version.size() > kMaxPolicyVersionChars) return false;
  for (char c : version) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace confide::governance
