#include "policy/access_directory.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "policy/id_map.h"

namespace confide::policy {
namespace {

using domain::PersonId;
using domain::StaffId;
using TeamId = int32_t;  // interned team name; 0 is "no team"

constexpr UnixMicros kOpenEnded = std::numeric_limits<UnixMicros>::max();

struct AllocEntry {
  domain::AllocationId id = 0;
  StaffId staff = 0;
  TeamId team = 0;
  UnixMicros starts_at = 0;
  UnixMicros ends_at = kOpenEnded;  // exclusive
  bool ActiveAt(UnixMicros t) const { return t >= starts_at && t < ends_at; }
};

struct BreakGlass {
  PersonId person = 0;
  UnixMicros expires_at = 0;  // exclusive
};

struct StaffEntry {
  bool known = false;  // seen by UpsertStaff (restrictions may arrive first during a reload)
  domain::StaffRole role = domain::StaffRole::kVolunteer;
  TeamId team = 0;
  bool active = false;
  TrainingState training = TrainingState::kMissing;
  std::vector<PersonId> restricted;   // sorted
  std::vector<BreakGlass> break_glass;
  std::vector<PersonId> caseload;     // children with any allocation of theirs, past or present
};

struct PersonEntry {
  std::vector<AllocEntry> allocations;  // for a child
  std::vector<PersonId> children;       // for an adult: the children they are related to
};

void AddUnique(std::vector<PersonId>& v, PersonId id) {
  if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
}

Relation Better(Relation a, Relation b) { return AtLeast(a, b) ? a : b; }

}  // namespace

struct AccessDirectory::Data {
  IdMap<StaffEntry> staff;
  IdMap<PersonEntry> persons;
  std::unordered_map<domain::AllocationId, PersonId> allocation_child;
  std::unordered_map<TeamId, std::unordered_set<PersonId>> team_children;
  std::unordered_map<std::string, TeamId> team_ids;

  TeamId Team(std::string_view name) {
    if (name.empty()) return 0;
    auto [it, inserted] = team_ids.emplace(std::string(name), static_cast<TeamId>(team_ids.size() + 1));
    return it->second;
  }
  TeamId FindTeam(std::string_view name) const {
    if (name.empty()) return 0;
    auto it = team_ids.find(std::string(name));
    return it == team_ids.end() ? -1 : it->second;  // -1 matches no allocation
  }
  const PersonEntry* Person(PersonId id) const { return persons.Find(id); }
  AllocEntry* Allocation(domain::AllocationId id) {
    auto it = allocation_child.find(id);
    if (it == allocation_child.end()) return nullptr;
    for (AllocEntry& a : persons[it->second].allocations) {
      if (a.id == id) return &a;
    }
    return nullptr;  // unreachable: allocation_child and persons are updated together
  }

  // The relation of staff member `id` to `person` itself, not through related children.
  static Relation Direct(StaffId id, const StaffEntry& s, PersonId person, const PersonEntry* p, UnixMicros now) {
    Relation best = Relation::kNone;
    if (p) {
      for (const AllocEntry& a : p->allocations) {
        if (!a.ActiveAt(now)) continue;
        if (a.staff == id) return Relation::kAllocated;
        if (s.team != 0 && a.team == s.team) best = Relation::kTeam;
      }
    }
    for (const BreakGlass& g : s.break_glass) {
      if (g.person == person && now < g.expires_at) return Relation::kBreakGlass;  // allocated returned above
    }
    return best;
  }

  Relation RelationTo(StaffId id, const StaffEntry& s, PersonId person, UnixMicros now) const {
    const PersonEntry* p = Person(person);
    Relation best = Direct(id, s, person, p, now);
    if (p) {
      for (PersonId child : p->children) {
        if (best == Relation::kAllocated) break;
        best = Better(best, Direct(id, s, child, Person(child), now));
      }
    }
    return best;
  }
};

AccessDirectory::AccessDirectory() : data_(std::make_unique<Data>()) {}
AccessDirectory::~AccessDirectory() = default;

void AccessDirectory::UpsertStaff(StaffId id, domain::StaffRole role, std::string_view team, bool active,
                                  TrainingState training) {
  std::unique_lock lock(mu_);
  StaffEntry& s = data_->staff[id];
  s.known = true;
  s.role = role;
  s.team = data_->Team(team);
  s.active = active;
  s.training = training;
}

void AccessDirectory::SetTraining(StaffId id, TrainingState training) {
  std::unique_lock lock(mu_);
  StaffEntry* s = data_->staff.Find(id);
  if (s && s->known) s->training = training;
}

void AccessDirectory::AddAllocation(const domain::Allocation& a) {
  std::unique_lock lock(mu_);
  Data& d = *data_;
  if (auto old = d.allocation_child.find(a.id); old != d.allocation_child.end()) {
    auto& list = d.persons[old->second].allocations;
    list.erase(std::remove_if(list.begin(), list.end(), [&](const AllocEntry& e) { return e.id == a.id; }), list.end());
  }
  AllocEntry e;
  e.id = a.id;
  e.staff = a.staff_id;
  e.team = d.Team(a.team);
  e.starts_at = a.starts_at;
  e.ends_at = a.ends_at.value_or(kOpenEnded);
  d.persons[a.child_id].allocations.push_back(e);
  d.allocation_child[a.id] = a.child_id;
  AddUnique(d.staff[a.staff_id].caseload, a.child_id);
  if (e.team != 0) d.team_children[e.team].insert(a.child_id);
}

void AccessDirectory::EndAllocation(domain::AllocationId id, UnixMicros ends_at) {
  std::unique_lock lock(mu_);
  if (AllocEntry* a = data_->Allocation(id)) a->ends_at = ends_at;
}

void AccessDirectory::RemoveAllocation(domain::AllocationId id) {
  std::unique_lock lock(mu_);
  auto it = data_->allocation_child.find(id);
  if (it == data_->allocation_child.end()) return;
  auto& list = data_->persons[it->second].allocations;
  list.erase(std::remove_if(list.begin(), list.end(), [&](const AllocEntry& e) { return e.id == id; }), list.end());
  data_->allocation_child.erase(it);
}

void AccessDirectory::AddRelation(PersonId child, PersonId adult) {
  std::unique_lock lock(mu_);
  AddUnique(data_->persons[adult].children, child);
}

void AccessDirectory::RemoveRelation(PersonId child, PersonId adult) {
  std::unique_lock lock(mu_);
  PersonEntry* p = data_->persons.Find(adult);
  if (!p) return;
  auto& v = p->children;
  v.erase(std::remove(v.begin(), v.end(), child), v.end());
}

void AccessDirectory::GrantBreakGlass(StaffId staff, PersonId person, UnixMicros expires_at) {
  std::unique_lock lock(mu_);
  auto& grants = data_->staff[staff].break_glass;
  for (BreakGlass& g : grants) {
    if (g.person == person) {
      g.expires_at = expires_at;
      return;
    }
  }
  grants.push_back({person, expires_at});
}

void AccessDirectory::AddRestriction(StaffId staff, PersonId person) {
  std::unique_lock lock(mu_);
  auto& v = data_->staff[staff].restricted;
  auto pos = std::lower_bound(v.begin(), v.end(), person);
  if (pos == v.end() || *pos != person) v.insert(pos, person);
}

void AccessDirectory::RemoveRestriction(StaffId staff, PersonId person) {
  std::unique_lock lock(mu_);
  StaffEntry* s = data_->staff.Find(staff);
  if (!s) return;
  auto& v = s->restricted;
  auto pos = std::lower_bound(v.begin(), v.end(), person);
  if (pos != v.end() && *pos == person) v.erase(pos);
}

Result<AccessRequest> AccessDirectory::Facts(StaffId staff, PersonId person, Action action,
                                             domain::SensitivityTier tier, UnixMicros now) const {
  if (static_cast<size_t>(action) >= kActionCount || static_cast<size_t>(tier) >= kTierCount) {
    return Status::InvalidArgument("access request with an unknown action or tier");
  }
  std::shared_lock lock(mu_);
  const StaffEntry* found = data_->staff.Find(staff);
  if (!found || !found->known) {
    return Status::NotFound("staff member " + std::to_string(staff) + " is not in the access directory");
  }
  const StaffEntry& s = *found;
  const ActionInfo& info = Info(action);
  AccessRequest r;
  r.role = s.role;
  r.active = s.active;
  r.training = s.training;
  r.action = action;
  r.about_person = person != 0 && info.subject != Subject::kNone;
  r.tier = info.tiered ? tier : domain::SensitivityTier::kGeneral;
  if (r.about_person) {
    r.restricted = std::binary_search(s.restricted.begin(), s.restricted.end(), person);
    r.relation = data_->RelationTo(staff, s, person, now);
  }
  return r;
}

std::vector<PersonId> AccessDirectory::ChildrenOf(StaffId staff, UnixMicros now) const {
  std::vector<PersonId> out;
  std::shared_lock lock(mu_);
  const StaffEntry* s = data_->staff.Find(staff);
  if (!s) return out;
  for (PersonId child : s->caseload) {
    const PersonEntry* p = data_->Person(child);
    if (!p) continue;
    for (const AllocEntry& a : p->allocations) {
      if (a.staff == staff && a.ActiveAt(now)) {
        out.push_back(child);
        break;
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<PersonId> AccessDirectory::TeamChildren(std::string_view team, UnixMicros now) const {
  std::vector<PersonId> out;
  std::shared_lock lock(mu_);
  const TeamId id = data_->FindTeam(team);
  auto it = data_->team_children.find(id);
  if (id <= 0 || it == data_->team_children.end()) return out;
  for (PersonId child : it->second) {
    const PersonEntry* p = data_->Person(child);
    if (!p) continue;
    for (const AllocEntry& a : p->allocations) {
      if (a.team == id && a.ActiveAt(now)) {
        out.push_back(child);
        break;
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void AccessDirectory::ReplaceWith(AccessDirectory&& other) {
  if (&other == this) return;
  auto fresh = std::make_unique<Data>();
  {
    std::unique_lock lock(other.mu_);
    std::swap(fresh, other.data_);
  }
  std::unique_lock lock(mu_);
  std::swap(data_, fresh);
  // The old facts are freed after the lock is released (fresh goes out of scope last).
}

}  // namespace confide::policy
