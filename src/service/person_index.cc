#include "service/person_index.h"

#include <algorithm>
#include <cctype>

#include "domain/name_matching.h"

namespace confide::service {
namespace {

// Name keys change when domain/name_matching.h's rules do; the version in the index family means a
// rule change needs a re-index rather than silently missing people indexed under the old rules.
const std::string kFamilyDob = "family_dob/" + std::to_string(domain::kNameKeyVersion);
const std::string kNameDob = "name_dob/" + std::to_string(domain::kNameKeyVersion);

// Splits on spaces and hyphens: "Smith-Jones" and "Mary Ann" index each part.
std::vector<std::string> Parts(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::vector<std::string> FamilyKeys(std::string_view family) {
  std::vector<std::string> keys;
  std::string whole = domain::CanonicalFamilyName(family);
  if (!whole.empty()) keys.push_back(whole);
  for (const std::string& part : Parts(family)) {
    std::string k = domain::CanonicalFamilyName(part);
    if (!k.empty() && std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  }
  return keys;
}

std::string Compact(std::string_view s, bool upper) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

}  // namespace

std::vector<Bytes> IndexTermsFor(const crypto::BlindIndexer& indexer, const domain::PersonDetails& d) {
  std::vector<Bytes> terms;
  if (d.date_of_birth) {
    const std::string dob = d.date_of_birth->ToIso();
    std::vector<std::string> given;
    for (const std::string& part : Parts(d.given_names)) given.push_back(domain::CanonicalGivenName(part));
    for (const std::string& part : Parts(d.preferred_name)) given.push_back(domain::CanonicalGivenName(part));
    for (const std::string& family : FamilyKeys(d.family_name)) {
      terms.push_back(indexer.Compute(kFamilyDob, family + "|" + dob));
      for (const std::string& g : given) {
        if (!g.empty()) terms.push_back(indexer.Compute(kNameDob, family + "|" + g + "|" + dob));
      }
    }
  }
  if (d.nhs_number) terms.push_back(indexer.Compute("nhs", d.nhs_number->digits()));
  if (!d.unique_pupil_number.empty()) terms.push_back(indexer.Compute("upn", Compact(d.unique_pupil_number, true)));
  if (!d.la_child_id.empty()) terms.push_back(indexer.Compute("la_id", Compact(d.la_child_id, false)));
  return terms;
}

Result<std::vector<Bytes>> QueryTerms(const crypto::BlindIndexer& indexer, const PersonQuery& q) {
  std::vector<Bytes> terms;
  if (q.nhs_number) terms.push_back(indexer.Compute("nhs", q.nhs_number->digits()));
  if (!q.unique_pupil_number.empty()) terms.push_back(indexer.Compute("upn", Compact(q.unique_pupil_number, true)));
  if (!q.la_child_id.empty()) terms.push_back(indexer.Compute("la_id", Compact(q.la_child_id, false)));
  if (!q.family_name.empty() || !q.given_name.empty()) {
    if (q.family_name.empty() || !q.date_of_birth) {
      return Status::InvalidArgument("search by name needs a family name and a date of birth");
    }
    const std::string family = domain::CanonicalFamilyName(q.family_name);
    if (family.empty()) return Status::InvalidArgument("the family name has no letters");
    const std::string dob = q.date_of_birth->ToIso();
    if (q.given_name.empty()) {
      terms.push_back(indexer.Compute(kFamilyDob, family + "|" + dob));
    } else {
      terms.push_back(indexer.Compute(kNameDob, family + "|" + domain::CanonicalGivenName(q.given_name) + "|" + dob));
    }
  }
  if (terms.empty()) {
    return Status::InvalidArgument("search needs an NHS number, a unique pupil number, a local authority child id, "
                                   "or a family name with a date of birth");
  }
  return terms;
}

}  // namespace confide::service
