#include "sharing/consent.h"

#include <algorithm>
#include <map>
#include <utility>

#include "domain/text.h"
#include "domain/uk_time.h"

namespace confide::sharing {
namespace {

constexpr int kAgeOfConsent = 16;

// A record's standing for the query once it has been assessed. When nothing counts, the finding's
// state is the highest of the rest, in this order (kCounts aside): withdrawn consent must never
// be mistaken for consent that was simply never given.
enum class Standing : uint8_t { kNone, kExpired, kRefused, kWithdrawn, kCounts };

ConsentState StateOf(Standing s) {
  switch (s) {
    case Standing::kCounts: return ConsentState::kValid;
    case Standing::kWithdrawn: return ConsentState::kWithdrawn;
    case Standing::kRefused: return ConsentState::kRefused;
    case Standing::kExpired: return ConsentState::kExpired;
    case Standing::kNone: break;
  }
  return ConsentState::kNone;
}

struct Assessed {
  const ConsentRecord* record = nullptr;
  Standing standing = Standing::kNone;
  bool entitled = false;  // about the subject, covers the use, given in time, by someone who may give it
  std::string reason;
};

// The recipient as a practitioner would say it ("does not cover the police").
std::string_view Say(RecipientKind r) {
  switch (r) {
    case RecipientKind::kChildrensSocialCare: return "children's social care";
    case RecipientKind::kPolice: return "the police";
    case RecipientKind::kHealth: return "health services";
    case RecipientKind::kSchool: return "the school";
    case RecipientKind::kOtherLocalAuthority: return "another local authority";
    case RecipientKind::kCourt: return "the court";
    case RecipientKind::kChildrensGuardian: return "the Children's Guardian";
    case RecipientKind::kInspector: return "inspectors";
    case RecipientKind::kSolicitor: return "a solicitor";
    case RecipientKind::kAdvocate: return "an advocate";
    case RecipientKind::kResearcher: return "researchers";
    case RecipientKind::kPress: return "the press";
    case RecipientKind::kParent: return "a parent";
    case RecipientKind::kChild: return "the child";
    case RecipientKind::kPublic: return "the public";
  }
  return "an unknown recipient";
}

// Dates as the person reading the record would say them: the UK calendar day, not UTC's.
std::string Day(UnixMicros t) { return domain::ToUkLocal(t).date.FormatUk(); }

std::string Label(const ConsentRecord& r) { return "consent " + std::to_string(r.id); }

std::string Join(const std::vector<std::string>& parts, std::string_view last_separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? last_separator : std::string_view(", ");
    out += parts[i];
  }
  return out;
}

template <typename T>
bool Contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Completed years on the UK calendar day of `q.at` (a birthday starts at UK midnight, not UTC's);
// nullopt if the date of birth is not recorded.
std::optional<int> AgeAt(const ConsentQuery& q) {
  if (!q.subject_date_of_birth) return std::nullopt;
  return domain::AgeInYearsOn(*q.subject_date_of_birth, domain::ToUkLocal(q.at).date);
}

const ParentalResponsibility* FindParent(const ConsentQuery& q, int64_t person_id) {
  for (const ParentalResponsibility& p : q.parents) {
    if (p.person_id == person_id) return &p;
  }
  return nullptr;
}

// Why the giver could not give (or refuse) this consent, after "consent N was given" or "was
// refused"; nullopt if they could. Unknown ages are treated cautiously: a child's own word counts
// only if judged competent, and nobody else's, since they may be 16 already.
std::optional<std::string> NotEntitled(const ConsentRecord& r, const ConsentQuery& q, std::optional<int> age) {
  const bool self = r.given_by_id == r.subject_id;
  if (!q.subject_is_child) {
    if (self) return std::nullopt;
    return "on the person's behalf, but they are an adult, who consents only for themself";
  }
  const bool sixteen = age && *age >= kAgeOfConsent;
  if (self) {
    if (sixteen || r.judged_competent) return std::nullopt;
    if (!age) return "by the child, whose date of birth is not recorded and who was not judged competent to consent for themself";
    return "by the child, who is under 16 and was not judged competent to consent for themself";
  }
  if (sixteen) return "on the young person's behalf, but they are 16 or over, so only their own consent counts";
  if (!age) return "on the child's behalf, but their date of birth is not recorded, so they may be 16 or over";
  switch (r.capacity) {
    case ConsentCapacity::kParentWithPR: {
      const ParentalResponsibility* p = FindParent(q, r.given_by_id);
      if (p == nullptr || !p->has_parental_responsibility) return "by someone without parental responsibility";
      return std::nullopt;
    }
    case ConsentCapacity::kLocalAuthority:
      if (!q.looked_after) return "by the local authority, but the child is not looked after, so it is not their corporate parent";
      return std::nullopt;
    case ConsentCapacity::kYoungPerson: break;  // given by someone else: ValidateConsentRecord refuses it
  }
  return "as the young person's own consent, but by someone else";
}

// What was not explained, for "it was not explained ...".
std::vector<std::string> NotExplained(const ConsentExplained& e) {
  std::vector<std::string> out;
  if (!e.why) out.emplace_back("why it would be shared");
  if (!e.what) out.emplace_back("what would be shared");
  if (!e.who_will_see) out.emplace_back("who would see it");
  if (!e.purpose) out.emplace_back("the purpose of sharing it");
  if (!e.implications) out.emplace_back("the implications for them");
  return out;
}

// One record on its own: does it cover the use, was it in time and by the right person, and where
// does it stand at `q.at`.
Assessed Assess(const ConsentRecord& r, const ConsentQuery& q, std::optional<int> age) {
  Assessed a;
  a.record = &r;
  const std::string label = Label(r);
  if (r.subject_id != q.subject_id) {
    a.reason = label + " is about someone else";
    return a;
  }
  std::vector<std::string> uncovered;
  if (!Contains(r.purposes, q.purpose)) uncovered.push_back("the purpose \"" + q.purpose + "\"");
  if (!Contains(r.recipients, q.recipient)) uncovered.emplace_back(Say(q.recipient));
  if (!uncovered.empty()) {
    a.reason = label + " does not cover " + Join(uncovered, " or ");
    return a;
  }
  if (r.given_at > q.at) {
    a.reason = label + " was recorded on " + Day(r.given_at) + ", after the time asked about";
    return a;
  }
  const std::string verb = r.refused ? " was refused" : " was given";
  if (std::optional<std::string> why = NotEntitled(r, q, age)) {
    a.reason = label + verb + " " + *why;
    return a;
  }
  a.entitled = true;

  if (r.refused) {
    // A refusal stands until the person withdraws it (they no longer object).
    if (r.withdrawn_at && *r.withdrawn_at <= q.at) {
      a.reason = label + " was refused, but the refusal was withdrawn on " + Day(*r.withdrawn_at);
    } else if (r.expires_at && *r.expires_at <= q.at) {
      a.reason = label + " was refused, but the refusal lapsed on " + Day(*r.expires_at);
    } else {
      a.standing = Standing::kRefused;
      a.reason = label + " was refused on " + Day(r.given_at);
    }
    return a;
  }
  // Withdrawal first: consent withdrawn stops everything that relied on it, whatever else was wrong.
  if (r.withdrawn_at && *r.withdrawn_at <= q.at) {
    a.standing = Standing::kWithdrawn;
    a.reason = label + " was withdrawn on " + Day(*r.withdrawn_at);
    return a;
  }
  if (r.expires_at && *r.expires_at <= q.at) {
    a.standing = Standing::kExpired;
    a.reason = label + " expired on " + Day(*r.expires_at);
    return a;
  }
  if (!r.explained.All()) {
    a.reason = label + " was not informed: it was not explained " + Join(NotExplained(r.explained), " or ");
    return a;
  }
  if (!r.voluntary) {
    a.reason = label + " was not given freely, so it is not consent";
    return a;
  }
  std::vector<std::string> missing;
  for (const std::string& c : q.categories) {
    if (!Contains(r.categories, c) && !Contains(missing, c)) missing.push_back(c);
  }
  if (!missing.empty()) {
    a.reason = label + " does not cover all the information asked for (not " + Join(missing, ", ") + ")";
    return a;
  }
  a.standing = Standing::kCounts;
  a.reason = label + " is valid, given " + (r.method == ConsentMethod::kWritten ? "in writing" : "verbally") +
             " on " + Day(r.given_at);
  return a;
}

// A person's latest word stands: a refusal after their consent overrides it, and a valid consent
// after their refusal replaces it. On the same instant the refusal wins.
void ApplyLatestWord(std::vector<Assessed>& all) {
  struct Latest {
    const Assessed* refusal = nullptr;
    const Assessed* consent = nullptr;
  };
  std::map<int64_t, Latest> by_giver;
  for (const Assessed& a : all) {
    if (a.standing != Standing::kRefused && a.standing != Standing::kCounts) continue;
    Latest& l = by_giver[a.record->given_by_id];
    const Assessed*& slot = a.standing == Standing::kRefused ? l.refusal : l.consent;
    if (slot == nullptr || slot->record->given_at < a.record->given_at) slot = &a;
  }
  std::vector<std::pair<size_t, std::string>> changes;
  for (size_t i = 0; i < all.size(); ++i) {
    const Assessed& a = all[i];
    const Latest& l = by_giver[a.record->given_by_id];
    if (a.standing == Standing::kCounts && l.refusal != nullptr &&
        l.refusal->record->given_at >= a.record->given_at) {
      changes.emplace_back(i, Label(*a.record) + " no longer stands: the same person refused on " +
                                  Day(l.refusal->record->given_at) + " (" + Label(*l.refusal->record) + ")");
    } else if (a.standing == Standing::kRefused && l.consent != nullptr &&
               l.consent->record->given_at > a.record->given_at) {
      changes.emplace_back(i, Label(*a.record) + " was refused on " + Day(a.record->given_at) +
                                  ", but the same person consented later (" + Label(*l.consent->record) + ")");
    }
  }
  for (auto& [i, reason] : changes) {
    all[i].standing = Standing::kNone;
    all[i].reason = std::move(reason);
  }
}

// The objection (a standing refusal, or withdrawn consent not since given again) of `giver`, if any.
const Assessed* ObjectionOf(const std::vector<Assessed>& all, int64_t giver) {
  const Assessed* objection = nullptr;
  for (const Assessed& a : all) {
    if (!a.entitled || a.record->given_by_id != giver) continue;
    if (a.standing == Standing::kCounts) return nullptr;
    if (a.standing == Standing::kRefused || a.standing == Standing::kWithdrawn) objection = &a;
  }
  return objection;
}

// Relied on: written before verbal (the policy's written_consent), then the most recent.
bool Better(const ConsentRecord& a, const ConsentRecord& b) {
  const bool aw = a.method == ConsentMethod::kWritten;
  const bool bw = b.method == ConsentMethod::kWritten;
  if (aw != bw) return aw;
  if (a.given_at != b.given_at) return a.given_at > b.given_at;
  return a.id > b.id;
}

Status CheckIds(const std::vector<std::string>& ids, std::string_view what) {
  if (ids.empty()) return Status::InvalidArgument("a consent record must name at least one " + std::string(what));
  for (const std::string& id : ids) {
    if (domain::IsBlank(id)) return Status::InvalidArgument("a consent record has a blank " + std::string(what));
  }
  return Status::Ok();
}

}  // namespace

Status ValidateConsentRecord(const ConsentRecord& r) {
  if (r.id < 0) return Status::InvalidArgument("a consent record's id cannot be negative");
  if (r.subject_id <= 0) return Status::InvalidArgument("a consent record must be about a person");
  if (r.given_by_id <= 0) return Status::InvalidArgument("a consent record must say who gave it");
  const bool self = r.given_by_id == r.subject_id;
  if (r.capacity == ConsentCapacity::kYoungPerson && !self) {
    return Status::InvalidArgument("a young person's own consent must be given by the young person");
  }
  if (r.capacity != ConsentCapacity::kYoungPerson && self) {
    return Status::InvalidArgument("a parent's or the local authority's consent cannot be given by the person it is about");
  }
  if (static_cast<size_t>(r.capacity) >= Count<ConsentCapacity>() || static_cast<size_t>(r.method) >= Count<ConsentMethod>()) {
    return Status::InvalidArgument("a consent record has an unknown capacity or method");
  }
  if (r.judged_competent && r.capacity != ConsentCapacity::kYoungPerson) {
    return Status::InvalidArgument("only a child consenting for themself is judged competent");
  }
  CONFIDE_RETURN_IF_ERROR(CheckIds(r.purposes, "purpose"));
  CONFIDE_RETURN_IF_ERROR(CheckIds(r.categories, "category"));
  if (r.recipients.empty()) return Status::InvalidArgument("a consent record must name at least one recipient");
  for (RecipientKind k : r.recipients) {
    if (static_cast<size_t>(k) >= Count<RecipientKind>()) {
      return Status::InvalidArgument("a consent record names an unknown recipient");
    }
  }
  if (domain::IsBlank(r.evidence)) {
    return Status::InvalidArgument("a consent record needs its evidence: where the signed form or the note of the conversation is");
  }
  if (r.given_at <= 0) return Status::InvalidArgument("when the consent was given is required");
  if (r.expires_at && r.refused) {
    return Status::InvalidArgument("a refusal does not expire; record that it was withdrawn instead");
  }
  if (r.expires_at && *r.expires_at <= r.given_at) {
    return Status::InvalidArgument("consent cannot expire before, or when, it was given");
  }
  if (r.withdrawn_at && *r.withdrawn_at < r.given_at) {
    return Status::InvalidArgument("consent cannot be withdrawn before it was given");
  }
  if (r.withdrawn_at && (!r.withdrawn_by_id || *r.withdrawn_by_id <= 0)) {
    return Status::InvalidArgument("a withdrawal must say who withdrew it");
  }
  if (!r.withdrawn_at && r.withdrawn_by_id) {
    return Status::InvalidArgument("who withdrew the consent is recorded but not when");
  }
  if (!r.refused && domain::IsBlank(r.privacy_notice_version)) {
    return Status::InvalidArgument("consent must record which privacy notice the person was given");
  }
  return Status::Ok();
}

ConsentFinding EvaluateConsent(const std::vector<ConsentRecord>& records, const ConsentQuery& q) {
  ConsentFinding finding;
  if (records.empty()) {
    finding.reasons.emplace_back("no consent has been recorded");
    return finding;
  }
  const std::optional<int> age = AgeAt(q);
  std::vector<Assessed> all;
  all.reserve(records.size());
  for (const ConsentRecord& r : records) all.push_back(Assess(r, q, age));
  ApplyLatestWord(all);

  // A child judged competent decides for themself: their refusal or withdrawal is not overridden
  // by a parent's or the local authority's consent. (From 16 only their own consent counts anyway.)
  if (q.subject_is_child && !(age && *age >= kAgeOfConsent)) {
    if (const Assessed* child = ObjectionOf(all, q.subject_id)) {
      for (Assessed& a : all) {
        if (a.standing != Standing::kCounts || a.record->given_by_id == q.subject_id) continue;
        a.standing = Standing::kNone;
        a.reason = Label(*a.record) + " does not count: the child, judged competent, " +
                   (child->standing == Standing::kRefused ? "refused" : "withdrew their consent") + " (" +
                   Label(*child->record) + ")";
      }
    }
  }

  const Assessed* best = nullptr;
  Standing worst = Standing::kNone;
  for (const Assessed& a : all) {
    if (a.standing == Standing::kCounts) {
      if (best == nullptr || Better(*a.record, *best->record)) best = &a;
    } else if (a.standing > worst) {
      worst = a.standing;
    }
  }
  for (Assessed& a : all) finding.reasons.push_back(std::move(a.reason));

  if (best == nullptr) {
    finding.state = StateOf(worst);
    return finding;
  }
  finding.state = ConsentState::kValid;
  finding.relied_on = best->record->id;
  finding.in_writing = best->record->method == ConsentMethod::kWritten;
  finding.reasons[static_cast<size_t>(best - all.data())] += "; it is relied on";

  // Separated parents: one parent's consent is enough, but if another with parental responsibility
  // refused or withdrew, the dispute "needs to be considered carefully" (the designated person).
  std::vector<std::string> objections;
  for (const ParentalResponsibility& p : q.parents) {
    if (!p.has_parental_responsibility) continue;
    if (const Assessed* o = ObjectionOf(all, p.person_id)) objections.push_back(Label(*o->record));
  }
  if (!objections.empty()) {
    finding.parents_dispute = true;
    finding.reasons.push_back("there is a dispute: a parent with parental responsibility refused or withdrew (" +
                              Join(objections, ", ") + ") while " + Label(*best->record) +
                              " is relied on, so the designated person should consider it carefully");
  }
  return finding;
}

void ApplyConsent(const ConsentFinding& finding, SharingFacts& facts) {
  facts.consent = finding.state;
  facts.Set(Fact::kConsentInWriting, finding.state == ConsentState::kValid && finding.in_writing);
  facts.Set(Fact::kParentsDispute, finding.parents_dispute);
}

}  // namespace confide::sharing
