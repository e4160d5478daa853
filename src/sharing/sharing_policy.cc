#include "sharing/sharing_policy.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace confide::sharing {

namespace {

constexpr uint32_t Mask(auto e) { return Bit(e); }

bool Matches(const Rule& r, const SharingFacts& f, uint32_t facts, LawfulBasis basis) {
  return (r.direction & Mask(f.direction)) && (r.recipient & Mask(f.recipient)) &&
         (r.purpose & (uint64_t{1} << f.purpose)) && (r.channel & Mask(f.channel)) && (r.urgency & Mask(f.urgency)) &&
         (r.consent & Mask(f.consent)) && (r.agreement & Mask(f.agreement)) && (r.basis & Mask(basis)) &&
         (facts & r.facts_true) == r.facts_true && (facts & r.facts_false) == 0 &&
         (f.documents & r.documents_all) == r.documents_all && (f.documents & r.documents_none) == 0;
}

void Mark(SharingDecision& d, Step s) { d.steps |= static_cast<uint8_t>(1u << static_cast<unsigned>(s)); }

// Nothing leaves: every category asked for is withheld, nobody is told, no approvals apply.
void Refuse(SharingDecision& d, const SharingFacts& f, Outcome outcome) {
  d.outcome = outcome;
  d.released = 0;
  d.withheld = f.categories;
  d.approvals_required = d.approvals_one_of = d.approvals_missing = 0;
  d.approvals_after = false;
  d.tell_subject = false;
}

}  // namespace

SharingDecision SharingPolicy::Decide(const SharingFacts& f) const {
  SharingDecision d;
  const Data& p = *data_;
  if (f.purpose >= p.purposes.size()) {  // a bug upstream: the caller resolved the purpose elsewhere
    Refuse(d, f, Outcome::kDecline);
    Mark(d, Step::kNoBasis);
    return d;
  }
  const uint32_t facts = Derive(f);
  bool no_seek = false, no_tell = false;
  uint32_t may_follow = 0;
  for (size_t i = 0; i < p.rules.size(); ++i) {
    const Rule& r = p.rules[i];
    if (!Matches(r, f, facts, d.basis)) continue;
    d.rules.set(i);
    d.alerts |= r.alert;
    if (r.decide) {
      d.basis = LawfulBasis::kNone;
      d.redirect_to = r.redirect_to;
      Refuse(d, f, *r.decide);
      return d;
    }
    if (d.basis == LawfulBasis::kNone) d.basis = r.offers;
    d.approvals_required |= r.require;
    d.approvals_one_of |= r.require_one_of;
    may_follow |= r.may_follow;
    no_seek = no_seek || r.no_seek_consent;
    no_tell = no_tell || r.no_tell_subject;
  }
  const bool consent_could_be_sought = (f.consent == ConsentState::kNone || f.consent == ConsentState::kExpired) && !no_seek;
  if (d.basis == LawfulBasis::kNone) {
    Refuse(d, f, Outcome::kDecline);
    Mark(d, Step::kNoBasis);
    d.seek_consent = consent_could_be_sought;
    return d;
  }
  d.released = f.categories & p.purposes[f.purpose].categories;
  // Without a basis for personal data, only what identifies nobody may leave, whatever the purpose.
  if (d.basis == LawfulBasis::kNoPersonalData) d.released &= p.not_personal;
  d.withheld = f.categories & ~d.released;
  if (d.released == 0) {
    d.basis = LawfulBasis::kNone;
    Refuse(d, f, Outcome::kDecline);
    Mark(d, Step::kNothingNeeded);
    return d;
  }
  if (d.withheld) Mark(d, Step::kWithheld);
  const uint32_t required_missing = d.approvals_required & ~f.approvals;
  const uint32_t one_of_missing = (d.approvals_one_of & f.approvals) ? 0 : d.approvals_one_of;
  d.approvals_missing = required_missing | one_of_missing;
  d.outcome = d.withheld ? Outcome::kShareInPart : Outcome::kShare;
  if (d.approvals_missing) {
    // A missing "one of" may follow if any of its alternatives may.
    const uint32_t must_come_first = (required_missing & ~may_follow) | ((one_of_missing & may_follow) ? 0 : one_of_missing);
    if (must_come_first == 0) {
      d.approvals_after = true;
      Mark(d, Step::kApprovalFollows);
    } else {
      d.outcome = Outcome::kEscalate;
      Mark(d, Step::kEscalate);
    }
  }
  d.tell_subject = !no_tell;
  d.seek_consent = consent_could_be_sought && d.basis != LawfulBasis::kConsent;
  return d;
}

std::optional<PurposeIndex> SharingPolicy::FindPurpose(std::string_view id) const {
  for (size_t i = 0; i < data_->purposes.size(); ++i) {
    if (data_->purposes[i].id == id) return static_cast<PurposeIndex>(i);
  }
  return std::nullopt;
}

std::optional<size_t> SharingPolicy::FindCategory(std::string_view id) const {
  for (size_t i = 0; i < data_->categories.size(); ++i) {
    if (data_->categories[i].id == id) return i;
  }
  return std::nullopt;
}

Result<CategorySet> SharingPolicy::Categories(const std::vector<std::string>& ids) const {
  CategorySet set = 0;
  for (const std::string& id : ids) {
    auto i = FindCategory(id);
    if (!i) return Status::InvalidArgument("unknown category of information \"" + id + "\"");
    set |= CategorySet{1} << *i;
  }
  return set;
}

Result<SharingPolicy> SharingPolicy::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("no sharing policy file at " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError("could not read the sharing policy file " + path);
  return Parse(text.str(), path);
}

const SharingPolicy& SharingPolicy::Default() {
  static const SharingPolicy policy = [] {
    auto parsed = Parse(DefaultSharingPolicyToml(), "config/policy/sharing-policy.toml");
    if (!parsed.ok()) std::abort();  // the build's own file: its tests parse it
    return std::move(parsed).value();
  }();
  return policy;
}

}  // namespace confide::sharing
