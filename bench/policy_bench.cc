// Access decisions (docs/performance.md, "Access decisions"): how fast the policy engine answers
// "may this staff member do this to data about this person", on a realistic organisation.
//
//   bench_policy
//
// The population: 10,000 staff in 100 teams (per 100: 35 practitioners, 20 key persons, 25
// social workers, 5 managers, 10 volunteers, 1 designated safeguarding lead, 1 deputy, 2
// administrators, 1 auditor; the data protection officer is staff 1's role), 100,000 children
// with 3 allocations each (a social worker, a key person whose allocation names the team, and a
// practitioner: 300,000 allocations), 60,000 adults related to 1 or 2 children, 1,000
// restrictions, 200 break-glass grants, 1% disabled accounts and 4% training not current. All in
// memory: nothing here touches the disk.
//
//   BM_DecideTable               AccessPolicy::Decide on ready-made requests: the table lookup alone
//   BM_FactsAndDecide            AccessDecider::Decide: directory lookup + table; the headline figure
//                                (also ->Threads(2): two cores deciding at once)
//   BM_DecisionLatency           1,000,000 decisions timed one by one: p50 / p99 / p99.9 / max
//   BM_AllocationChangeThenDecide  allocate, decide (must be allowed), end it, decide (must not be)
//   BM_PolicyLoad                parsing and compiling the default policy's decision table
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "policy/access_decider.h"
#include "policy/access_directory.h"
#include "policy/access_policy.h"

namespace confide::policy {
namespace {

using domain::PersonId;
using domain::SensitivityTier;
using domain::StaffId;
using domain::StaffRole;

constexpr int kTeams = 100;
constexpr int kStaffPerTeam = 100;
constexpr StaffId kStaff = kTeams * kStaffPerTeam;
constexpr PersonId kChildren = 100'000;
constexpr PersonId kFirstAdult = 1'000'000;
constexpr PersonId kAdults = 60'000;
constexpr UnixMicros kNow = 1'790'000'000'000'000;
constexpr UnixMicros kHour = 3'600'000'000;
constexpr size_t kRequests = 1 << 20;

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "policy_bench: %s\n", what.c_str());
  std::abort();
}

// Staff ids 1..10,000; team t holds ids t*100+1 .. t*100+100, by position within the team.
StaffRole RoleAt(int pos) {
  if (pos < 35) return StaffRole::kPractitioner;
  if (pos < 55) return StaffRole::kKeyPerson;
  if (pos < 80) return StaffRole::kSocialWorker;
  if (pos < 85) return StaffRole::kManager;
  if (pos < 95) return StaffRole::kVolunteer;
  if (pos == 95) return StaffRole::kDesignatedSafeguardingLead;
  if (pos == 96) return StaffRole::kDeputySafeguardingLead;
  if (pos < 99) return StaffRole::kAdministrator;
  return StaffRole::kAuditor;
}
StaffId StaffAt(int team, int pos) { return static_cast<StaffId>(team) * kStaffPerTeam + pos + 1; }
std::string TeamName(int team) { return "Team " + std::to_string(team); }
int TeamOfChild(PersonId child) { return static_cast<int>(child % kTeams); }

struct Query {
  StaffId staff;
  PersonId person;
  Action action;
  SensitivityTier tier;
};

struct Population {
  AccessPolicy policy;
  AccessDirectory directory;
  std::unique_ptr<AccessDecider> decider;
  std::vector<Query> queries;            // kRequests, a realistic mix
  std::vector<AccessRequest> requests;   // the facts of the first 65,536 queries
  double build_seconds = 0;

  explicit Population(AccessPolicy p) : policy(std::move(p)) {
    const auto start = std::chrono::steady_clock::now();
    std::mt19937_64 rng(20261122);
    for (int t = 0; t < kTeams; ++t) {
      for (int pos = 0; pos < kStaffPerTeam; ++pos) {
        const StaffId id = StaffAt(t, pos);
        const uint64_t r = rng() % 100;
        const TrainingState training = r < 3 ? TrainingState::kLapsed : r < 4 ? TrainingState::kMissing : TrainingState::kCurrent;
        const StaffRole role = id == 1 ? StaffRole::kDataProtectionOfficer : RoleAt(pos);
        directory.UpsertStaff(id, role, TeamName(t), rng() % 100 != 0, training);
      }
    }
    domain::AllocationId next_allocation = 1;
    for (PersonId child = 1; child <= kChildren; ++child) {
      const int t = TeamOfChild(child);
      auto allocate = [&](StaffId staff, const std::string& team) {
        domain::Allocation a;
        a.id = next_allocation++;
        a.child_id = child;
        a.staff_id = staff;
        a.team = team;
        a.starts_at = kNow - static_cast<UnixMicros>(rng() % (24 * 365)) * kHour;
        directory.AddAllocation(a);
      };
      allocate(StaffAt(t, 55 + static_cast<int>(child % 25)), "");         // social worker
      allocate(StaffAt(t, 35 + static_cast<int>(child % 20)), TeamName(t)); // key person, naming the team
      allocate(StaffAt(t, static_cast<int>(child % 35)), "");              // practitioner
    }
    for (PersonId i = 0; i < kAdults; ++i) {
      const PersonId adult = kFirstAdult + i;
      directory.AddRelation(1 + static_cast<PersonId>(rng() % kChildren), adult);
      if (i % 3 == 0) directory.AddRelation(1 + static_cast<PersonId>(rng() % kChildren), adult);
    }
    for (int i = 0; i < 1000; ++i) {
      directory.AddRestriction(1 + static_cast<StaffId>(rng() % kStaff), 1 + static_cast<PersonId>(rng() % kChildren));
    }
    for (int i = 0; i < 200; ++i) {
      directory.GrantBreakGlass(1 + static_cast<StaffId>(rng() % kStaff), 1 + static_cast<PersonId>(rng() % kChildren),
                                kNow + kHour);
    }
    decider = std::make_unique<AccessDecider>(policy, directory);
    MakeQueries(rng);
    build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }

  // 50% an allocated member of staff, 20% a colleague in the child's team, 20% anyone, 10% about
  // an adult; actions weighted towards reading; tiers 60/30/10.
  void MakeQueries(std::mt19937_64& rng) {
    static constexpr Action kActions[] = {
        Action::kRecordRead, Action::kRecordRead, Action::kRecordRead, Action::kRecordRead,
        Action::kChronologyRead, Action::kChronologyRead, Action::kPersonRead, Action::kPersonRead,
        Action::kRecordCreate, Action::kRelationshipRead};
    queries.reserve(kRequests);
    for (size_t i = 0; i < kRequests; ++i) {
      const uint64_t kind = rng() % 10;
      PersonId child = 1 + static_cast<PersonId>(rng() % kChildren);
      const int t = TeamOfChild(child);
      Query q;
      q.person = child;
      if (kind < 5) {
        const int pick = static_cast<int>(rng() % 3);
        q.staff = pick == 0 ? StaffAt(t, 55 + static_cast<int>(child % 25))
                            : pick == 1 ? StaffAt(t, 35 + static_cast<int>(child % 20)) : StaffAt(t, static_cast<int>(child % 35));
      } else if (kind < 7) {
        q.staff = StaffAt(t, static_cast<int>(rng() % kStaffPerTeam));
      } else if (kind < 9) {
        q.staff = 1 + static_cast<StaffId>(rng() % kStaff);
      } else {
        q.person = kFirstAdult + static_cast<PersonId>(rng() % kAdults);
        q.staff = 1 + static_cast<StaffId>(rng() % kStaff);
      }
      q.action = kActions[rng() % 10];
      const uint64_t tier = rng() % 10;
      q.tier = tier < 6 ? SensitivityTier::kGeneral : tier < 9 ? SensitivityTier::kSensitive : SensitivityTier::kRestricted;
      queries.push_back(q);
    }
    for (size_t i = 0; i < 65536; ++i) {
      const Query& q = queries[i];
      auto r = directory.Facts(q.staff, q.person, q.action, q.tier, kNow);
      if (!r.ok()) Fail("Facts: " + r.status().ToString());
      requests.push_back(*r);
    }
  }
};

Population& P() {
  static Population* p = [] {
    auto policy = AccessPolicy::LoadFile(CONFIDE_DEFAULT_POLICY);
    if (!policy.ok()) Fail(policy.status().ToString());
    return new Population(std::move(policy).value());
  }();
  return *p;
}

void BM_DecideTable(benchmark::State& state) {
  Population& p = P();
  size_t i = 0, allowed = 0;
  for (auto _ : state) {
    const Decision& d = p.policy.Decide(p.requests[i++ & 65535]);
    allowed += d.allowed;
    benchmark::DoNotOptimize(&d);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["allowed_fraction"] = static_cast<double>(allowed) / static_cast<double>(state.iterations());
  state.counters["distinct_decisions"] = static_cast<double>(p.policy.distinct_decisions());
}
BENCHMARK(BM_DecideTable);

void BM_FactsAndDecide(benchmark::State& state) {
  Population& p = P();
  // Each thread walks the queries from its own offset.
  size_t i = static_cast<size_t>(state.thread_index()) * (kRequests / 2);
  size_t allowed = 0;
  for (auto _ : state) {
    const Query& q = p.queries[i++ & (kRequests - 1)];
    const Decision& d = p.decider->Decide(q.staff, q.person, q.action, q.tier, kNow);
    allowed += d.allowed;
    benchmark::DoNotOptimize(&d);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["allowed_fraction"] = benchmark::Counter(
      static_cast<double>(allowed) / static_cast<double>(state.iterations()), benchmark::Counter::kAvgThreads);
  state.counters["population_build_s"] = benchmark::Counter(p.build_seconds, benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_FactsAndDecide);
BENCHMARK(BM_FactsAndDecide)->Threads(2)->UseRealTime();

// Per-call latency: each decision timed on its own with steady_clock (the clock read itself, about
// 20 ns here, is included; `clock_overhead_ns` reports it).
void BM_DecisionLatency(benchmark::State& state) {
  Population& p = P();
  constexpr size_t kCalls = 1'000'000;
  std::vector<int64_t> ns(kCalls);
  for (auto _ : state) {
    for (size_t i = 0; i < kCalls; ++i) {
      const Query& q = p.queries[(i * 7919) & (kRequests - 1)];
      const auto t0 = std::chrono::steady_clock::now();
      const Decision& d = p.decider->Decide(q.staff, q.person, q.action, q.tier, kNow);
      const auto t1 = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(&d);
      ns[i] = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
    }
  }
  std::vector<int64_t> clock(100'000);
  for (auto& c : clock) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto t1 = std::chrono::steady_clock::now();
    c = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
  }
  std::sort(ns.begin(), ns.end());
  std::sort(clock.begin(), clock.end());
  auto at = [&](double q) { return static_cast<double>(ns[static_cast<size_t>(q * (kCalls - 1))]); };
  state.counters["p50_ns"] = at(0.50);
  state.counters["p99_ns"] = at(0.99);
  state.counters["p999_ns"] = at(0.999);
  state.counters["max_ns"] = static_cast<double>(ns.back());
  state.counters["clock_overhead_ns"] = static_cast<double>(clock[clock.size() / 2]);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kCalls));
}
BENCHMARK(BM_DecisionLatency)->Iterations(1)->Unit(benchmark::kMillisecond);

// An allocation made is counted by the very next decision, and an allocation ended stops counting.
void BM_AllocationChangeThenDecide(benchmark::State& state) {
  Population& p = P();
  domain::AllocationId id = 10'000'000;
  size_t i = 0;
  for (auto _ : state) {
    // A volunteer in another team: no relation to the child before the allocation.
    const PersonId child = 1 + static_cast<PersonId>((i * 104729) % kChildren);
    const StaffId staff = StaffAt((TeamOfChild(child) + 1) % kTeams, 85 + static_cast<int>(i % 10));
    ++i;
    domain::Allocation a;
    a.id = ++id;
    a.child_id = child;
    a.staff_id = staff;
    a.starts_at = kNow - kHour;
    p.directory.AddAllocation(a);
    const Decision& yes = p.decider->Decide(staff, child, Action::kRecordRead, SensitivityTier::kGeneral, kNow);
    p.directory.EndAllocation(a.id, kNow);
    const Decision& no = p.decider->Decide(staff, child, Action::kRecordRead, SensitivityTier::kGeneral, kNow);
    if (yes.rule_id != "volunteer-group" && yes.rule_id != "training-not-current" && yes.rule_id != "disabled-account" &&
        yes.rule_id != "restricted-person") {
      Fail("a new allocation was not seen by the next decision: " + yes.AuditText());
    }
    if (no.allowed) Fail("an ended allocation still counted: " + no.AuditText());
    p.directory.RemoveAllocation(a.id);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetLabel("allocate + decide + end + decide + remove");
}
BENCHMARK(BM_AllocationChangeThenDecide)->Unit(benchmark::kMicrosecond);

void BM_PolicyLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto policy = AccessPolicy::LoadFile(CONFIDE_DEFAULT_POLICY);
    if (!policy.ok()) Fail(policy.status().ToString());
    benchmark::DoNotOptimize(policy->distinct_decisions());
  }
}
BENCHMARK(BM_PolicyLoad)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace confide::policy

BENCHMARK_MAIN();
