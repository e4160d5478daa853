#include "governance/retention_schedule.h"

#include <array>
#include <unordered_map>
#include <unordered_set>

namespace confide::governance {
namespace {

using domain::PersonId;
using domain::PersonKind;

constexpr size_t kMaxClassIdChars = 64;
constexpr int kMaxYears = 150;
constexpr int kMaxReviewMonths = 120;

constexpr std::array<std::string_view, 4> kStartNames = {"date_of_birth", "trigger_date", "last_activity",
                                                         "linked_children"};
constexpr std::array<const char*, 5> kAutomaticClasses = {kLookedAfterChildClass, kChildProtectionClass, kChildClass,
                                                          kFamilyMemberClass, kAdultClass};

bool IsClassId(std::string_view s) {
  if (s.empty() || s.size() > kMaxClassIdChars) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool IsAutomatic(std::string_view id) {
  for (const char* a : kAutomaticClasses) {
    if (id == a) return true;
  }
  return false;
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }


std::string Years(int n) { return std::to_string(n) + (n == 1 ? " year" : " years"); }

// "kept until 75 years after the date of birth" (the period, without its start date).
std::string Period(const RetentionClass& c) {
  switch (c.start) {
    case RetentionStart::kDateOfBirth:
      return "kept until " + (c.years == 0 ? std::string() : Years(c.years) + " after ") + "the date of birth";
    case RetentionStart::kTriggerDate:
      return "kept until " + (c.years == 0 ? std::string() : Years(c.years) + " after ") +
             "the date recorded with the class";
    case RetentionStart::kLastActivity:
      return "kept until " + (c.years == 0 ? std::string() : Years(c.years) + " after ") + "the last record about them";
    case RetentionStart::kLinkedChildren:
      if (c.years == 0) return "kept as long as the records of the children they are linked to";
      return "kept until " + Years(c.years) +
             " after the records of the children they are linked to are due for destruction";
  }
  return "";  // unreachable: every enumerator is handled above
}

// Why the class was chosen (ids and statuses only, never a name).
std::string Reason(const RetentionFacts& f, std::string_view class_id, bool assigned) {
  if (assigned) return "The class was given explicitly.";
  std::string why;
  if (class_id == kLookedAfterChildClass) {
    why = "a looked-after child";
  } else if (class_id == kChildProtectionClass) {
    why = "a child with a safeguarding concern or a child protection plan";
  } else if (class_id == kChildClass) {
    why = "a child neither looked after nor with child protection involvement";
  } else if (class_id == kFamilyMemberClass) {
    why = "an adult linked to " + std::to_string(f.linked_children.size()) +
          (f.linked_children.size() == 1 ? " child" : " children");
  } else {
    why = "an adult linked to no child";
  }
  return "The class follows from their details: " + why + ".";
}

// The id of the class a person's records are kept under: the assigned one, or the automatic one.
std::string_view ClassIdFor(const RetentionFacts& f) {
  if (!f.assigned_class.empty()) return f.assigned_class;
  if (f.kind == PersonKind::kChild) {
    return f.looked_after ? kLookedAfterChildClass : f.child_protection ? kChildProtectionClass : kChildClass;
  }
  return f.linked_children.empty() ? kAdultClass : kFamilyMemberClass;
}

// Fills destroy_on, review_on and the explanation from the start date (unset: `missing` says why).
void Finish(const RetentionClass& c, const RetentionFacts& f, bool assigned, std::optional<CivilDate> start,
            const std::string& start_words, const std::string& missing, RetentionOutcome& out) {
  std::string& why = out.explanation;
  why.reserve(c.name.size() + c.basis.size() + 256);  // one allocation for most explanations
  why.append(c.name).append(" (").append(c.basis).append("): ").append(Period(c));
  if (!start) {
    why += ", but " + missing + ". No destruction date can be worked out, so nothing is destroyed.";
  } else {
    out.destroy_on = Anniversary(*start, c.years);
    out.review_on = domain::AddMonths(*out.destroy_on, -c.review_months);
    why += start_words + ".";
    if (start->month == 2 && start->day == 29 && out.destroy_on->month == 3) {
      why += " " + std::to_string(out.destroy_on->year) +
             " has no 29 February: the next day, 1 March, is taken (later is the safe side).";
    }
    why += " Destroy on or after " + out.destroy_on->FormatUk() + "; review from " + out.review_on->FormatUk() + ".";
  }
  why += " " + Reason(f, c.id, assigned);
}

// For a class counted from a date of the person's own.
void FromOwnDate(const RetentionClass& c, const RetentionFacts& f, bool assigned, RetentionOutcome& out) {
  std::optional<CivilDate> start;
  std::string missing;
  switch (c.start) {
    case RetentionStart::kDateOfBirth:
      start = f.date_of_birth;
      missing = "no date of birth is recorded";
      break;
    case RetentionStart::kTriggerDate:
      start = f.trigger_date;
      missing = "no trigger date was recorded with the class";
      break;
    case RetentionStart::kLastActivity:
      start = f.last_activity;
      missing = "nothing is recorded about them";
      break;
    case RetentionStart::kLinkedChildren:
      break;  // not called for these: ComputeRetention follows their links
  }
  Finish(c, f, assigned, start, start ? ", " + start->FormatUk() : std::string(), missing, out);
}

}  // namespace

CivilDate Anniversary(CivilDate date, int years) {
  CivilDate out = date;
  out.year += years;
  if (out.month == 2 && out.day == 29 && !domain::IsLeapYear(out.year)) out = CivilDate{out.year, 3, 1};
  return out;
}

std::string_view ToString(RetentionStart s) { return kStartNames[static_cast<size_t>(s)]; }

std::optional<RetentionStart> ParseRetentionStart(std::string_view s) {
  for (size_t i = 0; i < kStartNames.size(); ++i) {
    if (kStartNames[i] == s) return static_cast<RetentionStart>(i);
  }
  return std::nullopt;
}

const RetentionClass* RetentionSchedule::Find(std::string_view id) const {
  for (const RetentionClass& c : classes) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::vector<RetentionScheduleProblem> FindRetentionScheduleProblems(const RetentionSchedule& schedule) {
  std::vector<RetentionScheduleProblem> out;
  std::unordered_set<std::string_view> seen;
  for (size_t i = 0; i < schedule.classes.size(); ++i) {
    const RetentionClass& c = schedule.classes[i];
    const std::string label =
        c.id.empty() ? "retention class " + std::to_string(i + 1) + " (no id)" : "retention class " + Quote(c.id);
    auto add = [&](std::string_view field, const std::string& what) {
      out.push_back({i, c.id, field, label + ": " + what});
    };
    if (!IsClassId(c.id)) {
      add("id", "the id must be 1 to 64 lower-case letters, digits and '_'");
    } else if (!seen.insert(c.id).second) {
      add("id", "the id is used by an earlier class too");
    }
    if (IsBlank(c.name)) add("name", "name is empty (what the records are, in words)");
    if (IsBlank(c.basis)) add("basis", "basis is empty (the law or guidance the period comes from)");
    if (c.years < 0 || c.years > kMaxYears) {
      add("years", "years is " + std::to_string(c.years) + "; it must be 0 to " + std::to_string(kMaxYears));
    }
    if (c.review_months < 0 || c.review_months > kMaxReviewMonths) {
      add("review_months", "review_months is " + std::to_string(c.review_months) + "; it must be 0 to " +
                               std::to_string(kMaxReviewMonths));
    }
    if (c.start == RetentionStart::kTriggerDate && IsAutomatic(c.id)) {
      add("start",
          "a class Confide assigns by itself cannot start from trigger_date (no date is recorded with it, so no "
          "record would ever fall due)");
    }
  }
  for (const char* a : kAutomaticClasses) {
    if (!seen.contains(a)) {
      out.push_back({RetentionScheduleProblem::kWholeSchedule, a, "",
                     "the retention schedule has no class " + Quote(a) + " (Confide assigns it by itself)"});
    }
  }
  return out;
}

Status ValidateRetentionSchedule(const RetentionSchedule& schedule) {
  const std::vector<RetentionScheduleProblem> problems = FindRetentionScheduleProblems(schedule);
  if (problems.empty()) return Status::Ok();
  if (problems.size() == 1) return Status::InvalidArgument(problems[0].message);
  std::string msg = std::to_string(problems.size()) + " problems in the retention schedule:";
  for (const RetentionScheduleProblem& p : problems) msg += "\n" + p.message;
  return Status::InvalidArgument(msg);
}

Result<std::vector<RetentionOutcome>> ComputeRetention(const RetentionSchedule& schedule,
                                                       const std::vector<RetentionFacts>& facts) {
  CONFIDE_RETURN_IF_ERROR(ValidateRetentionSchedule(schedule));
  std::unordered_map<std::string_view, const RetentionClass*> class_by_id;
  for (const RetentionClass& c : schedule.classes) class_by_id.emplace(c.id, &c);

  std::unordered_map<PersonId, size_t> index;
  index.reserve(facts.size());
  std::vector<const RetentionClass*> class_of(facts.size());
  for (size_t i = 0; i < facts.size(); ++i) {
    if (!index.emplace(facts[i].person_id, i).second) {
      return Status::InvalidArgument("person " + std::to_string(facts[i].person_id) +
                                     " appears twice in the retention facts");
    }
    const std::string_view id = ClassIdFor(facts[i]);
    auto it = class_by_id.find(id);
    if (it != class_by_id.end()) {
      class_of[i] = it->second;
    } else if (!facts[i].destroyed_on) {
      // An automatic class is always defined (the schedule was validated), so this is an assigned one.
      return Status::InvalidArgument("person " + std::to_string(facts[i].person_id) + " is given the retention class " +
                                     Quote(id) + ", which the schedule does not define");
    }
  }

  std::vector<RetentionOutcome> out(facts.size());
  // First everyone counted from a date of their own (or already destroyed), then those following
  // their linked children (who read the first group's dates only, so there is no recursion and no
  // cycle).
  for (size_t i = 0; i < facts.size(); ++i) {
    const RetentionFacts& f = facts[i];
    out[i].person_id = f.person_id;
    out[i].class_id = class_of[i] ? class_of[i]->id : std::string(ClassIdFor(f));
    out[i].assigned = !f.assigned_class.empty();
    if (f.destroyed_on) {
      out[i].destroy_on = f.destroyed_on;
      out[i].review_on = f.destroyed_on;
      out[i].explanation = "Records destroyed on " + f.destroyed_on->FormatUk() +
                           " by an earlier retention run; people linked to them are counted from that day.";
    } else if (class_of[i]->start != RetentionStart::kLinkedChildren) {
      FromOwnDate(*class_of[i], f, out[i].assigned, out[i]);
    }
  }
  for (size_t i = 0; i < facts.size(); ++i) {
    if (facts[i].destroyed_on || class_of[i]->start != RetentionStart::kLinkedChildren) continue;
    const RetentionClass& c = *class_of[i];
    std::optional<CivilDate> latest;
    PersonId latest_id = 0;
    std::string missing;
    for (PersonId child : facts[i].linked_children) {
      std::string problem;
      auto it = index.find(child);
      const std::string who = "linked child " + std::to_string(child);
      if (it == index.end()) {
        problem = who + " is not among the people whose retention was worked out";
      } else if (!facts[it->second].destroyed_on && class_of[it->second]->start == RetentionStart::kLinkedChildren) {
        problem = who + " is itself kept as long as the people it is linked to (such links are not followed)";
      } else if (!out[it->second].destroy_on) {
        problem = who + " has no destruction date";
      } else if (!latest || *out[it->second].destroy_on > *latest) {
        latest = out[it->second].destroy_on;
        latest_id = child;
      }
      if (!problem.empty()) missing += (missing.empty() ? "" : "; ") + problem;
    }
    if (facts[i].linked_children.empty()) missing = "no linked children are recorded";
    const std::optional<CivilDate> start = missing.empty() ? latest : std::nullopt;
    const std::string start_words = start ? "; the last of theirs to fall due is linked child " +
                                                std::to_string(latest_id) + "'s, on " + start->FormatUk()
                                          : std::string();
    Finish(c, facts[i], out[i].assigned, start, start_words, missing, out[i]);
  }
  return out;
}

}  // namespace confide::governance
