// The record of processing activities (service/record_of_processing.h).
#include "service/record_of_processing.h"

#include <map>
#include <set>

#include "domain/uk_time.h"
#include "governance/date_words.h"

namespace confide::service {
namespace {

using ordered_json = nlohmann::ordered_json;

// What Confide itself does to keep the information secure (Article 30(1)(g), Article 32).
const char* const kSecurityMeasures[] = {
    "Personal data is encrypted at rest with a key per person (XChaCha20-Poly1305), the keys wrapped under a "
    "key-encryption key kept outside the database; destroying a person's key makes all of their data unreadable "
    "(crypto-shredding).",
    "Every version of a person's details and of every record is dated, timed, attributed and signed with the "
    "organisation's key (Ed25519); nothing is overwritten: amendments keep the earlier version with the reason.",
    "Access is on a need-to-know basis, decided by the organisation's access policy: role, allocation to the child, "
    "the record's sensitivity, restrictions, current training, and audited emergency (break-glass) access.",
    "Every access and change is recorded in a tamper-evident audit log (a Merkle tree with signed tree heads) that an "
    "auditor can verify with the organisation's public key alone.",
    "Staff sign in with a password (argon2id, common passwords refused) and an authenticator app (TOTP), with lockout "
    "and sessions that end after inactivity.",
    "Information shared leaves as a signed package encrypted to the recipient's key, with only the minimum dataset the "
    "decision allows, and the disclosure is recorded with its reasons.",
    "Records are kept no longer than the retention schedule says, reviewed by the data protection officer before "
    "destruction, and destroyed with a signed certificate.",
};

std::string Join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string UkDay(UnixMicros t) { return governance::LongDate(domain::ToUkLocal(t).date); }

}  // namespace

Result<RecordOfProcessing> BuildRecordOfProcessing(Vault& vault, domain::StaffId actor, const governance::RetentionSchedule& schedule) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<sharing::Recipient> recipients, vault.ListRecipients(actor));
  CONFIDE_ASSIGN_OR_RETURN(std::vector<sharing::SharingAgreement> agreements, vault.ListAgreements(actor));
  CONFIDE_ASSIGN_OR_RETURN(domain::Organisation organisation, vault.GetOrganisation());
  const sharing::SharingPolicy& policy = vault.sharing_policy();

  RecordOfProcessing r;
  ordered_json& j = r.json;
  j["format"] = "confide-record-of-processing/1";
  j["generated_at"] = domain::FormatTimestampIso(vault.clock().NowMicros());
  j["controller"] = {{"name", organisation.name}, {"kind", domain::ToString(organisation.kind)}};

  // The DPO by name only for a reader who may see staff.
  ordered_json dpo = ordered_json::array();
  auto staff = vault.ListStaff(actor);
  if (staff.ok()) {
    for (const domain::StaffMember& m : *staff) {
      if (m.active && m.role == domain::StaffRole::kDataProtectionOfficer) {
        dpo.push_back({{"name", m.details.full_name}, {"email", m.details.email}});
      }
    }
  } else if (staff.status().code() != StatusCode::kPermissionDenied) {
    return staff.status();
  }
  j["data_protection_officer"] = dpo;

  ordered_json purposes = ordered_json::array();
  for (const sharing::Purpose& p : policy.purposes()) {
    std::vector<std::string> cats;
    for (size_t i = 0; i < policy.categories().size(); ++i) {
      if (p.categories & (sharing::CategorySet{1} << i)) cats.push_back(policy.categories()[i].id);
    }
    purposes.push_back({{"id", p.id}, {"says", p.says}, {"categories", cats}});
  }
  j["purposes"] = purposes;
  j["sharing_policy"] = {{"name", policy.name()}, {"version", policy.version()}};
  j["data_subjects"] = {"children the organisation works with", "parents, carers and other family members and adults around them",
                        "staff, volunteers and students (their accounts, training and access)"};
  ordered_json categories = ordered_json::array();
  for (const sharing::Category& c : policy.categories()) {
    categories.push_back({{"id", c.id}, {"says", c.says}, {"personal", c.personal}});
  }
  j["categories_of_personal_data"] = categories;

  // Recipients: organisations by name; private people (a parent, the child) only counted.
  std::map<std::string, std::set<std::string>> organisations;
  std::map<std::string, int> private_people;
  for (const sharing::Recipient& rcp : recipients) {
    const std::string kind(sharing::Name(rcp.kind));
    if (rcp.organisation.empty()) ++private_people[kind];
    else organisations[kind].insert(rcp.organisation);
  }
  ordered_json recipient_json = ordered_json::array();
  std::set<std::string> kinds;
  for (const auto& [k, v] : organisations) kinds.insert(k);
  for (const auto& [k, v] : private_people) kinds.insert(k);
  for (const std::string& k : kinds) {
    recipient_json.push_back({{"kind", k},
                              {"organisations", std::vector<std::string>(organisations[k].begin(), organisations[k].end())},
                              {"private_people", private_people[k]}});
  }
  j["recipients"] = recipient_json;

  ordered_json agreement_json = ordered_json::array();
  for (const sharing::SharingAgreement& a : agreements) {
    std::vector<std::string> parties;
    for (int64_t id : a.party_recipient_ids) {
      for (const sharing::Recipient& rcp : recipients) {
        if (rcp.id == id) parties.push_back(rcp.organisation.empty() ? "a private person" : rcp.organisation);
      }
    }
    for (sharing::RecipientKind k : a.party_kinds) parties.push_back("every " + std::string(sharing::Name(k)));
    std::vector<std::string> bases;
    for (sharing::LawfulBasis b : a.lawful_bases) bases.emplace_back(sharing::Name(b));
    agreement_json.push_back({{"name", a.name},
                              {"parties", parties},
                              {"purposes", a.purposes},
                              {"categories", a.categories},
                              {"lawful_bases", bases},
                              {"storage", a.storage},
                              {"retention", a.retention},
                              {"starts_on", domain::ToUkLocal(a.starts_at).date.ToIso()},
                              {"review_on", domain::ToUkLocal(a.review_at).date.ToIso()},
                              {"ended", a.ended_at.has_value()}});
  }
  j["agreements"] = agreement_json;
  j["international_transfers"] = "None recorded: Confide keeps the records on the organisation's own server, and shares only with "
                                 "the recipients listed, each by a recorded disclosure.";

  ordered_json retention = ordered_json::array();
  for (const governance::RetentionClass& c : schedule.classes) {
    retention.push_back({{"id", c.id}, {"name", c.name}, {"basis", c.basis}, {"from", governance::ToString(c.start)},
                         {"years", c.years}, {"review_months_before", c.review_months}});
  }
  j["retention"] = retention;
  ordered_json security = ordered_json::array();
  for (const char* s : kSecurityMeasures) security.push_back(s);
  j["security_measures"] = security;

  // The readable document, from the same JSON.
  std::string& d = r.document;
  d += "RECORD OF PROCESSING ACTIVITIES (UK GDPR Article 30)\n";
  d += "Controller: " + organisation.name + " (" + std::string(domain::ToString(organisation.kind)) + ")\n";
  d += "Generated: " + UkDay(vault.clock().NowMicros()) + " from Confide's configuration\n";
  if (dpo.empty()) {
    d += "Data protection officer: see the organisation's privacy notice\n";
  } else {
    for (const auto& p : dpo) d += "Data protection officer: " + p["name"].get<std::string>() + " <" + p["email"].get<std::string>() + ">\n";
  }
  d += "\n1. Purposes of processing (the sharing policy \"" + std::string(policy.name()) + "\", version " +
       std::string(policy.version()) + ")\n";
  for (const auto& p : purposes) {
    d += "  - " + p["says"].get<std::string>() + " [" + p["id"].get<std::string>() + "]: " +
         Join(p["categories"].get<std::vector<std::string>>()) + "\n";
  }
  d += "\n2. Categories of data subjects\n";
  for (const auto& s : j["data_subjects"]) d += "  - " + s.get<std::string>() + "\n";
  d += "\n3. Categories of personal data\n";
  for (const auto& c : categories) d += "  - " + c["says"].get<std::string>() + " [" + c["id"].get<std::string>() + "]\n";
  d += "\n4. Recipients\n";
  if (recipient_json.empty()) d += "  None in the directory.\n";
  for (const auto& rcp : recipient_json) {
    d += "  - " + rcp["kind"].get<std::string>() + ": " + Join(rcp["organisations"].get<std::vector<std::string>>());
    const int people = rcp["private_people"].get<int>();
    if (people) d += std::string(rcp["organisations"].empty() ? "" : "; ") + std::to_string(people) + " private " + (people == 1 ? "person" : "people");
    d += "\n";
  }
  d += "\n5. Information-sharing agreements\n";
  if (agreement_json.empty()) d += "  None recorded.\n";
  for (const auto& a : agreement_json) {
    d += "  - " + a["name"].get<std::string>() + (a["ended"].get<bool>() ? " (ended)" : "") + ": parties " +
         Join(a["parties"].get<std::vector<std::string>>()) + "; purposes " + Join(a["purposes"].get<std::vector<std::string>>()) +
         "; lawful bases " + Join(a["lawful_bases"].get<std::vector<std::string>>()) + "; review on " +
         a["review_on"].get<std::string>() + "\n";
  }
  d += "\n6. Transfers to other countries\n  " + j["international_transfers"].get<std::string>() + "\n";
  d += "\n7. Retention (the governance policy's schedule)\n";
  for (const auto& c : retention) {
    d += "  - " + c["name"].get<std::string>() + ": " + std::to_string(c["years"].get<int>()) + " years from " +
         c["from"].get<std::string>() + " (" + c["basis"].get<std::string>() + ")\n";
  }
  d += "\n8. Security measures\n";
  for (const char* s : kSecurityMeasures) d += "  - " + std::string(s) + "\n";
  return r;
}

}  // namespace confide::service
