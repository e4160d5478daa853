// Sharing decisions (docs/performance.md, "Sharing decisions"): how fast the shipped sharing
// policy decides a realistic mix of requests. All in memory.
//
//   bench_sharing
//
// The mix (65,536 requests made up front, cycled): 25% a health visitor or school asking about a
// child they work with (consent valid, none or refused), 20% safeguarding referrals (significant
// harm, sometimes an emergency or with the designated person's backing), 10% police requests
// (crime prevention, with or without the form), 10% section 47 enquiries, 5% court and Children's
// Guardian, 5% solicitors and advocates, 5% press and FOI, 5% a child moving area, 15% anything
// at all (every fact drawn at random).
//
//   BM_Decide               SharingPolicy::Decide alone: the headline figure (also ->Threads(2))
//   BM_DecideAndExplain     Decide plus the JSON explanation a recorded decision stores
//   BM_DecisionLatency      1,000,000 decisions timed one by one: p50 / p99 / p99.9 / max
//   BM_PolicyLoad           parsing and compiling the default policy
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include "sharing/sharing_explanation.h"
#include "sharing/sharing_policy.h"

namespace confide::sharing {
namespace {

constexpr size_t kRequests = 65536;

SharingFacts Make(const SharingPolicy& p, std::mt19937_64& rng) {
  auto purpose = [&](std::string_view id) { return *p.FindPurpose(id); };
  auto cats = [&](std::initializer_list<std::string_view> ids) {
    CategorySet s = 0;
    for (auto id : ids) s |= CategorySet{1} << *p.FindCategory(id);
    return s;
  };
  auto chance = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  SharingFacts f;
  const int kind = static_cast<int>(rng() % 100);
  f.direction = Direction::kIncoming;
  f.categories = cats({"identity", "health", "development", "family"});
  if (kind < 25) {
    f.recipient = chance(50) ? RecipientKind::kHealth : RecipientKind::kSchool;
    f.purpose = purpose("care_and_support");
    f.consent = chance(60) ? ConsentState::kValid : (chance(50) ? ConsentState::kNone : ConsentState::kRefused);
  } else if (kind < 45) {
    f.direction = Direction::kOutgoing;
    f.recipient = chance(80) ? RecipientKind::kChildrensSocialCare : RecipientKind::kPolice;
    f.purpose = purpose("safeguarding");
    f.categories = cats({"identity", "address", "family", "safeguarding_concerns", "third_party_identities"});
    f.Set(Fact::kSignificantHarm, true);
    f.Set(Fact::kConsentWouldIncreaseRisk, chance(40));
    f.urgency = chance(10) ? Urgency::kEmergency : Urgency::kUrgent;
    if (chance(60)) f.approvals = Bit(Approval::kDesignatedPerson);
  } else if (kind < 55) {
    f.recipient = RecipientKind::kPolice;
    f.purpose = purpose("crime_prevention");
    f.channel = chance(50) ? Channel::kPhone : Channel::kSecureEmail;
    f.Set(Fact::kVerified, chance(70));
    if (chance(70)) f.documents = Bit(Document::kPoliceRequestForm);
    f.categories = cats({"identity", "address", "health"});
  } else if (kind < 65) {
    f.recipient = chance(50) ? RecipientKind::kChildrensSocialCare : RecipientKind::kPolice;
    f.purpose = purpose("section_47_enquiry");
    f.categories = cats({"identity", "address", "safeguarding_concerns", "chronology", "informant_identity"});
    f.Set(Fact::kTellingWouldPrejudice, chance(30));
  } else if (kind < 70) {
    f.recipient = chance(50) ? RecipientKind::kCourt : RecipientKind::kChildrensGuardian;
    f.purpose = purpose(chance(50) ? "legal_proceedings" : "childrens_guardian");
    if (chance(70)) f.documents = Bit(Document::kCourtOrder);
  } else if (kind < 75) {
    f.recipient = chance(50) ? RecipientKind::kSolicitor : RecipientKind::kAdvocate;
    f.purpose = purpose("advocacy");
    f.consent = chance(50) ? ConsentState::kValid : ConsentState::kNone;
    f.Set(Fact::kConsentInWriting, chance(50));
  } else if (kind < 80) {
    f.recipient = chance(50) ? RecipientKind::kPress : RecipientKind::kPublic;
    f.purpose = purpose(f.recipient == RecipientKind::kPress ? "media_enquiry" : "foi_request");
    f.Set(Fact::kPersonalData, true);
  } else if (kind < 85) {
    f.direction = Direction::kOutgoing;
    f.recipient = RecipientKind::kOtherLocalAuthority;
    f.purpose = purpose("transfer_on_move");
    f.categories = cats({"identity", "address", "safeguarding_concerns", "chronology", "placement"});
  } else {
    f.direction = static_cast<Direction>(rng() % Count<Direction>());
    f.recipient = static_cast<RecipientKind>(rng() % Count<RecipientKind>());
    f.purpose = static_cast<PurposeIndex>(rng() % p.purposes().size());
    f.categories = (rng() & ((CategorySet{1} << p.categories().size()) - 1)) | 1;
    f.consent = static_cast<ConsentState>(rng() % Count<ConsentState>());
    f.facts = static_cast<uint32_t>(rng()) & ((1u << 14) - 1);
    f.documents = static_cast<uint32_t>(rng() % 32);
    f.approvals = static_cast<uint32_t>(rng() % 32);
  }
  return f;
}

const std::vector<SharingFacts>& Requests() {
  static const std::vector<SharingFacts> all = [] {
    std::mt19937_64 rng(42);
    std::vector<SharingFacts> v;
    for (size_t i = 0; i < kRequests; ++i) v.push_back(Make(SharingPolicy::Default(), rng));
    return v;
  }();
  return all;
}

void BM_Decide(benchmark::State& state) {
  const SharingPolicy& p = SharingPolicy::Default();
  const auto& requests = Requests();
  size_t i = static_cast<size_t>(state.thread_index()) * 977;
  for (auto _ : state) {
    SharingDecision d = p.Decide(requests[i++ & (kRequests - 1)]);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Decide);
BENCHMARK(BM_Decide)->Threads(2)->UseRealTime();

void BM_DecideAndExplain(benchmark::State& state) {
  const SharingPolicy& p = SharingPolicy::Default();
  const auto& requests = Requests();
  size_t i = 0;
  for (auto _ : state) {
    auto j = ExplainDecision(p, p.Decide(requests[i++ & (kRequests - 1)]));
    benchmark::DoNotOptimize(j);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideAndExplain);

void BM_DecisionLatency(benchmark::State& state) {
  const SharingPolicy& p = SharingPolicy::Default();
  const auto& requests = Requests();
  constexpr size_t kCalls = 1'000'000;
  std::vector<int64_t> ns(kCalls);
  for (auto _ : state) {
    for (size_t i = 0; i < kCalls; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      SharingDecision d = p.Decide(requests[(i * 7919) & (kRequests - 1)]);
      const auto t1 = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(d);
      ns[i] = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
    }
  }
  std::sort(ns.begin(), ns.end());
  auto at = [&](double q) { return static_cast<double>(ns[static_cast<size_t>(q * (kCalls - 1))]); };
  state.counters["p50_ns"] = at(0.50);
  state.counters["p99_ns"] = at(0.99);
  state.counters["p999_ns"] = at(0.999);
  state.counters["max_ns"] = static_cast<double>(ns.back());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kCalls));
}
BENCHMARK(BM_DecisionLatency)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_PolicyLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto p = SharingPolicy::Parse(DefaultSharingPolicyToml(), "default");
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_PolicyLoad)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace confide::sharing

BENCHMARK_MAIN();
