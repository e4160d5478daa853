#include "sharing/agreement.h"

#include <algorithm>

#include "domain/civil_date.h"
#include "domain/text.h"

namespace confide::sharing {
namespace {

template <typename T>
bool Has(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string Day(UnixMicros t) { return domain::CivilDate::FromUnixMicros(t).FormatUk(); }

}  // namespace

Status ValidateAgreement(const SharingAgreement& a) {
  if (domain::IsBlank(a.name)) return Status::InvalidArgument("an agreement needs a name");
  if (a.party_recipient_ids.empty() && a.party_kinds.empty()) {
    return Status::InvalidArgument("an agreement needs at least one party (a recipient, or a kind of recipient)");
  }
  if (a.purposes.empty()) return Status::InvalidArgument("an agreement must say what purposes it covers");
  if (a.categories.empty()) return Status::InvalidArgument("an agreement must say what information can be shared");
  if (a.lawful_bases.empty() || Has(a.lawful_bases, LawfulBasis::kNone)) {
    return Status::InvalidArgument("an agreement must name the lawful basis it relies on");
  }
  for (const auto& [text, what] : {std::pair{&a.who_may_access, "who may access the information"},
                                   std::pair{&a.storage, "how it is stored"},
                                   std::pair{&a.retention, "how long it is kept"},
                                   std::pair{&a.consent_handling, "how consent is managed"}}) {
    if (domain::IsBlank(*text)) return Status::InvalidArgument(std::string("an agreement must say ") + what);
  }
  if (a.review_at <= a.starts_at) return Status::InvalidArgument("an agreement's review date must come after it starts");
  if (a.ended_at && *a.ended_at < a.starts_at) return Status::InvalidArgument("an agreement cannot end before it starts");
  return Status::Ok();
}

AgreementFinding CheckAgreement(const SharingAgreement& a, const ProposedShare& s) {
  AgreementFinding f;
  const std::string name = "the agreement \"" + a.name + "\"";
  if (s.at < a.starts_at) f.reasons.push_back(name + " starts on " + Day(a.starts_at));
  if (a.ended_at && s.at >= *a.ended_at) f.reasons.push_back(name + " ended on " + Day(*a.ended_at));
  if (!Has(a.party_recipient_ids, s.recipient_id) && !Has(a.party_kinds, s.recipient_kind)) {
    f.reasons.push_back("the recipient is not a party to " + name);
  }
  if (!Has(a.purposes, s.purpose)) f.reasons.push_back(name + " does not cover the purpose \"" + s.purpose + "\"");
  std::vector<std::string> outside;
  for (const std::string& c : s.categories) {
    if (!Has(a.categories, c)) outside.push_back(c);
  }
  if (!outside.empty()) {
    std::string list;
    for (const std::string& c : outside) list += (list.empty() ? "" : ", ") + c;
    f.reasons.push_back(name + " does not allow sharing " + list);
  }
  if (s.basis != LawfulBasis::kNone && !Has(a.lawful_bases, s.basis)) {
    f.reasons.push_back(name + " does not rely on the basis \"" + std::string(Name(s.basis)) + "\"");
  }
  f.fit = f.reasons.empty() ? AgreementFit::kCovers : AgreementFit::kOutside;
  if (!a.ended_at && s.at >= a.review_at) {
    f.review_overdue = true;
    f.reasons.push_back(name + " was due for review on " + Day(a.review_at));
  }
  return f;
}

}  // namespace confide::sharing
