// A consent record as JSON: how the API and the CLI (--input) take it, and how the vault seals it.
// Strict: unknown fields, wrong types and unknown names are refused with a message naming the
// field, never its value.
#pragma once

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "sharing/consent.h"
#include "sharing/sharing_policy.h"

namespace confide::sharing {

// Every field of the record (ids, names, flags; dates as UTC ISO 8601).
nlohmann::json ConsentToJson(const ConsentRecord& r);

// The record from JSON. `policy`, when given, decides which purpose and category ids exist (a
// stored record is read without it: the policy may have changed since). `id`, `subject_id`,
// `withdrawn_at` and `withdrawn_by_id` are taken when present (a stored record) and otherwise left
// for the caller, who then checks the whole with ValidateConsentRecord.
Result<ConsentRecord> ConsentFromJson(const nlohmann::json& j, const SharingPolicy* policy);

nlohmann::json FindingToJson(const ConsentFinding& f);

}  // namespace confide::sharing
