// Blind-index terms for finding people without storing names, dates of birth or identifiers in
// clear. Each term is a keyed hash (crypto/blind_index.h) of a normalised value; tolerance of
// case, spacing, punctuation, accents and common given-name variants comes from domain/
// name_matching.h. Indexed per person:
//   family_dob  every family-name part + date of birth      ("smith|2019-03-04", "jones|...")
//   name_dob    family-name part + each given/preferred name (canonical) + date of birth
//   nhs, upn, la_id  the identifiers
// Pure, thread-safe.
#pragma once

#include <vector>

#include "crypto/blind_index.h"
#include "domain/person.h"
#include "service/vault.h"

namespace confide::service {

std::vector<Bytes> IndexTermsFor(const crypto::BlindIndexer& indexer, const domain::PersonDetails& d);

// The terms a query must match (a person matches when they have every term). kInvalidArgument if
// the query names neither an identifier nor a family name with a date of birth.
Result<std::vector<Bytes>> QueryTerms(const crypto::BlindIndexer& indexer, const PersonQuery& q);

}  // namespace confide::service
