// The minimum dataset: exactly what a sharing decision lets leave about one child, built from the
// child's already-decrypted details, relationships and records and the categories the decision
// released (golden rule 6: necessary, proportionate, relevant, adequate). It says what left, field
// by field and record version by record version (`fields`), and what was held but withheld
// (`withheld`), for the disclosure register and the decision record; and gives the same data as a
// readable document with a header naming the purpose, the recipient and the categories.
//
// What each category releases (docs/sharing.md, "The minimum dataset"):
//   identity               the child's names, date of birth, gender, NHS number, UPN, LA child id
//   contact_details        the child's phone and email
//   address                the child's address and postcode
//   placement              the child's status (looked after and by whom, child in need, plan)
//   family                 each relationship: kind, parental responsibility, lives with, whether
//                          the person may pose a risk; the related person's names only with
//                          third_party_identities as well
//   persons_posing_risk    each relationship marked "poses a risk": its kind and the mark, the
//                          person's names and date of birth (also in free text)
//   family + legal         each relationship's restrictions and notes (court orders)
//   safeguarding_concerns  safeguarding concern records
//   case_notes             case notes and attachment records (file name and media type only;
//                          the file itself never leaves)
//   chronology             chronology entries
//   pseudonymised_summary  without identity: one line per record (general and sensitive tiers),
//                          its date, kind and summary with everyone's identifiers replaced
//                          (sharing/pseudonymise.h); with identity it adds nothing
// A record that leaves carries its id, version, kind, tier (restricted included: the policy
// decided), when it happened and was recorded. Its source's name leaves only with informant_identity
// (an anonymous informant, whose description is withheld too), identity (the child) or
// third_party_identities (anyone else). In released free text (summaries, text, concerns, notes,
// file names) what is not released is replaced by a role ("[child]", "[mother]", "[informant]",
// "[third party]") or what it was ("[address]"): the child's identifiers, contact details and
// address by their categories, the related people's names unless third_party_identities (their
// other identifiers always), the sources' names as above; once anything is replaced, identifier
// shapes (phone numbers, postcodes, 10-digit numbers, emails) go too. Names Confide was never told
// cannot be found in free text: a practitioner reads the document before it is sent.
//
// Paths in `fields` and `withheld` name ids, never values:
//   person/<id>/<field>                 given_names, family_name, preferred_name, date_of_birth,
//                                       gender, nhs_number, unique_pupil_number, la_child_id, phone,
//                                       email, address, postcode, status.<field>
//   relationship/<id>/<field>           kind, parental_responsibility, lives_with, poses_risk,
//                                       restrictions, notes
//   record/<id>@v<version>/<field>      kind, tier, occurred_at, recorded_at, amendment_reason,
//                                       content.summary, content.text, content.source.{kind,name,
//                                       relationship}, content.concern.<field>,
//                                       content.attachment.{file_name,media_type,content}
//   <path>#redacted                     (withheld only) parts of a released text were replaced
//   record/<id>@v<version>/content.summary#pseudonymised   (fields only) a line of the summary
//
// Pure and thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "confide/result.h"
#include "domain/person.h"
#include "domain/record.h"
#include "domain/relationship.h"
#include "sharing/sharing_policy.h"

namespace confide::sharing {

// What Confide holds about the child, decrypted.
struct DatasetSource {
  domain::Person child;
  std::vector<domain::Relationship> relationships;  // the child's: child_id == child.id
  std::vector<domain::Person> related_people;       // the people they name, by Relationship::person_id
  std::vector<domain::RecordVersion> records;       // the child's records, each at its current version
};

// The document's header.
struct DatasetHeading {
  std::string purpose;    // the policy's purpose id
  std::string recipient;  // who receives it, as the decision names them
};

struct MinimumDataset {
  nlohmann::json data = nlohmann::json::object();  // keys: child, relationships, records, pseudonymised_summary
  std::vector<std::string> fields;    // every path that left, in the order of `data`
  std::vector<std::string> withheld;  // every path held but withheld (or partly, "#redacted"); never values
  std::string document;               // the same data, readable, with its header
};

// Builds the minimum dataset for `released` (a set of `policy`'s categories, as
// SharingDecision::released). An empty release gives empty data and fields (the document still
// has its header). kInvalidArgument, and nothing built, when `released` names a category the
// policy does not have, or a relationship or record is not about `source.child`.
Result<MinimumDataset> BuildMinimumDataset(const DatasetSource& source, const SharingPolicy& policy,
                                           CategorySet released, const DatasetHeading& heading);

}  // namespace confide::sharing
