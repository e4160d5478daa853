#include "policy/access_request.h"

#include "domain/enum_names.h"

namespace confide::policy {
namespace {

constexpr domain::EnumNames<Relation, kRelationCount> kRelations{{
    {Relation::kAllocated, "allocated"},
    {Relation::kTeam, "team"},
    {Relation::kBreakGlass, "break_glass"},
    {Relation::kNone, "none"},
}};

constexpr domain::EnumNames<TrainingState, kTrainingStateCount> kTrainingStates{{
    {TrainingState::kCurrent, "current"},
    {TrainingState::kMissing, "missing"},
    {TrainingState::kLapsed, "lapsed"},
}};

int Rank(Relation r) {
  switch (r) {
    case Relation::kAllocated: return 3;
    case Relation::kBreakGlass: return 2;
    case Relation::kTeam: return 1;
    case Relation::kNone: return 0;
  }
  return 0;
}

}  // namespace

std::string_view ToString(Relation r) { return domain::NameOf(kRelations, r); }
std::optional<Relation> ParseRelation(std::string_view s) { return domain::ParseName(kRelations, s); }
bool AtLeast(Relation a, Relation b) { return Rank(a) >= Rank(b); }

std::string_view ToString(TrainingState t) { return domain::NameOf(kTrainingStates, t); }
std::optional<TrainingState> ParseTrainingState(std::string_view s) { return domain::ParseName(kTrainingStates, s); }

std::string_view ToString(TrainingMode m) { return m == TrainingMode::kFlag ? "flag" : "deny"; }

std::string Describe(const AccessRequest& r) {
  std::string out(domain::ToString(r.role));
  out += r.active ? " (active, training " : " (disabled, training ";
  out += ToString(r.training);
  out += "): ";
  out += ToString(r.action);
  const ActionInfo* info = ToString(r.action) == "unknown" ? nullptr : &Info(r.action);
  if (info && info->tiered) {
    out += " of a ";
    out += domain::ToString(r.tier);
    out += " record";
  }
  if (r.about_person) {
    out += ", relation ";
    out += ToString(r.relation);
    out += r.restricted ? ", restricted from this person" : ", not restricted";
  } else {
    out += ", no data subject";
  }
  return out;
}

}  // namespace confide::policy
