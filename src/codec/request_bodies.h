// The bodies of the requests that carry personal data, read the same way wherever they come from:
// the JSON API (a request body) and the CLI (`--input FILE`, so personal data never has to go on a
// command line, where `ps` and shell history would keep it). Strict: unknown fields, wrong types
// and missing required fields are kInvalidArgument naming the field, never echoing its value.
#pragma once

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "domain/person.h"
#include "service/vault.h"

namespace confide::codec {

// POST /api/people/{id}/records: {"kind", "tier", "occurred_at", "content"}.
Result<service::RecordDraft> RecordDraftFromJson(const nlohmann::json& body, domain::PersonId person_id);

// POST /api/records/{id}/amendments: {"expected_version", "reason", "tier"?, "occurred_at"?, "content"}.
Result<service::RecordAmendment> RecordAmendmentFromJson(const nlohmann::json& body, domain::RecordId record_id);

// POST /api/people: {"kind", "details"}.
struct NewPerson {
  domain::PersonKind kind = domain::PersonKind::kChild;
  domain::PersonDetails details;
};
Result<NewPerson> NewPersonFromJson(const nlohmann::json& body);

// PUT /api/people/{id}: {"details", "reason", "expected_version"}; the details replace the current ones.
struct PersonAmendment {
  domain::PersonDetails details;
  std::string reason;
  domain::VersionNumber expected_version = 0;
};
Result<PersonAmendment> PersonAmendmentFromJson(const nlohmann::json& body);

}  // namespace confide::codec
