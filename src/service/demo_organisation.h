// The demo organisation: a realistic synthetic data set for demonstrations, manual testing and
// plaintext-leak tests. It is a local authority children's social care service (assessment, children
// in care, fostering and early help teams) and a nursery (Little Acorns, two rooms), about 20 staff,
// about 200 children with their families, allocations, and several hundred records: chronology
// entries, case notes, safeguarding concerns, a few attachments, and amendments with reasons.
//
// Everything is synthetic and marked as such where a real value could collide with a real person:
// NHS numbers are in the never-issued 999 range, phone numbers in Ofcom's drama range
// (07700 900000-900999), e-mail addresses at example.org / example.com, towns are made up and
// postcodes use the non-existent "XX" area.
//
// Thread-safety: LoadDemoOrganisation only uses the Vault's thread-safe public calls, but two loads
// into one vault at once would interleave their families; run one at a time.
#pragma once

#include <functional>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "confide/status.h"
#include "service/vault.h"

namespace confide::service {

// What a load wrote. `records` counts every record, including the concerns and attachments that
// `concerns` and `attachments` count again; `amendments` counts new versions of those records.
struct DemoSummary {
  size_t staff = 0;  // staff the loader added (not the administrator created by Vault::Init)
  size_t children = 0;
  size_t adults = 0;
  size_t relationships = 0;  // sibling relationships are stored once in each direction
  size_t allocations = 0;
  size_t records = 0;
  size_t concerns = 0;
  size_t amendments = 0;
  size_t attachments = 0;
  size_t consents = 0;  // consents and refusals recorded for sharing with health and schools
  size_t recipients = 0;        // the directory of recipients
  size_t sharing_requests = 0;  // requests in the sharing register, at different stages

  bool operator==(const DemoSummary&) const = default;
};

// Every personal value the loader wrote, so a test can scan the database file and prove none of it
// is stored in clear. Each list is in the order first written, without duplicates, and holds only
// values of at least 6 bytes: a shorter string would turn up in ciphertext by chance.
struct DemoSecrets {
  std::vector<std::string> names;        // "given names family name" of people, staff and named sources
  std::vector<std::string> nhs_numbers;  // ten digits, no spaces
  std::vector<std::string> addresses;    // address lines and postcodes
  std::vector<std::string> note_texts;   // summaries, bodies, concern details, relationship notes,
                                         // amendment reasons and the text of text attachments
  std::vector<std::string> contacts;     // phone numbers and e-mail addresses

  bool operator==(const DemoSecrets&) const = default;
};

// Loads the demo organisation into `vault`, which should be freshly initialised (Vault::Init): the
// loader does not look for an earlier load and would add a second organisation's worth of people.
//
// Writes in several Vault::Batch transactions: one for the staff, then one per 20 families, so a
// failure part-way leaves whole families and never half of one. Records are authored by the staff
// member who would write them (BatchWriter::ActAs): social workers write case notes and chronology
// entries, key persons and practitioners raise concerns, managers and safeguarding leads make some
// of the amendments.
//
// The vault's clock decides "now": dates of birth make every child 0-17 years old on the vault's
// date, and every record happened within the two years before now, never after it. One exception,
// loaded last: a care leaver born in 1948 whose scanned paper file is long past its retention
// date, so the DPO has someone to review (she has no NHS number and nobody is allocated to her).
//
// Deterministic: the same seed and the same vault clock reading give the same summary, secrets and
// contents (ids and ciphertext differ, being the vault's). Loaded at another time, the dates move
// with the clock and some details differ, since events that would fall after now are left out.
//
// On success fills `*summary` and, if `secrets` is not null, `*secrets`. On failure returns the
// first error; `*summary` then counts what the committed batches wrote and `*secrets` holds what had
// been generated, which is a superset of what was stored. `summary` may be null.
// `progress`, if set, is called after each committed batch with (children loaded, children planned).
Status LoadDemoOrganisation(Vault& vault, uint64_t seed, DemoSummary* summary, DemoSecrets* secrets = nullptr,
                            const std::function<void(size_t, size_t)>& progress = {});

}  // namespace confide::service
