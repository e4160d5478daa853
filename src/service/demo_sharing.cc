#include "service/demo_sharing.h"

#include "crypto/hash.h"

namespace confide::service {
namespace {

using sharing::RecipientKind;

struct DemoRecipient {
  RecipientKind kind;
  const char* name;
  const char* organisation;
  const char* contact;
  const char* channel;
  const char* verified_how;  // nullptr: not yet verified
};

constexpr DemoRecipient kDirectory[] = {
    {RecipientKind::kChildrensSocialCare, "Multi-Agency Safeguarding Hub", "Northshire County Council", "01632 960100 (MASH duty line)",
     "Egress secure email", "Call-back to the MASH duty line from the council directory"},
    {RecipientKind::kPolice, "Public Protection Unit", "Northshire Police", "101 and ask for the PPU", "CJSM secure email",
     "Call-back through the police switchboard; officer's warrant number checked"},
    {RecipientKind::kHealth, "Health visiting team", "Northshire Community Health", "01632 960200", "NHSmail",
     "Known team; call-back to the published number"},
    {RecipientKind::kSchool, "Designated safeguarding lead, Hillside Primary", "Hillside Primary School", "01632 960300 (school office)",
     "Schools' secure portal", "Call-back to the school office"},
    {RecipientKind::kChildrensGuardian, "Children's Guardian", "Cafcass", "Cafcass service centre", "CJSM secure email", nullptr},
};

sharing::SharingRequest Request(domain::PersonId child, sharing::Direction direction, std::optional<int64_t> recipient,
                                RecipientKind kind, const char* purpose, std::vector<std::string> categories,
                                sharing::Channel channel, std::vector<std::string> answers, const char* reasons) {
  sharing::SharingRequest r;
  r.person_id = child;
  r.direction = direction;
  r.recipient_id = recipient;
  r.recipient_kind = kind;
  r.purpose = purpose;
  r.categories = std::move(categories);
  r.channel = channel;
  r.answers = std::move(answers);
  r.reasons = reasons;
  return r;
}

}  // namespace

crypto::SigningKey DemoMashRecipientKey(uint64_t seed) {
  const std::string_view label = "confide demo MASH recipient key";
  uint8_t seed_bytes[8];
  for (int i = 0; i < 8; ++i) seed_bytes[i] = static_cast<uint8_t>(seed >> (8 * i));
  crypto::Hash32 h = crypto::Blake2b256({ByteView(reinterpret_cast<const uint8_t*>(label.data()), label.size()), ByteView(seed_bytes, 8)});
  auto secret = crypto::SecretKey::FromBytes(h.data(), h.size());
  // 32 bytes always make a key pair.
  return std::move(crypto::SigningKey::FromSeed(*secret)).value();
}

Status SeedDemoSharingRegister(Vault& vault, const DemoSharingStaff& staff, uint64_t seed, DemoSummary& n) {
  std::vector<int64_t> ids;
  const crypto::SigningKey mash_key = DemoMashRecipientKey(seed);
  for (const DemoRecipient& d : kDirectory) {
    sharing::Recipient r;
    if (&d == &kDirectory[0]) r.public_key.assign(mash_key.public_key().begin(), mash_key.public_key().end());
    r.kind = d.kind;
    r.name = d.name;
    r.organisation = d.organisation;
    r.contact = d.contact;
    r.secure_channel = d.channel;
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, vault.AddRecipient(staff.dpo, r));
    if (d.verified_how != nullptr) CONFIDE_RETURN_IF_ERROR(vault.RecordRecipientVerification(staff.dpo, id, d.verified_how, ""));
    ids.push_back(id);
    ++n.recipients;
  }
  const UnixMicros now = vault.clock().NowMicros();
  constexpr int64_t kDay = int64_t{86400} * 1'000'000;
  sharing::SharingAgreement a;
  a.name = "Northshire Safeguarding Children Partnership information-sharing agreement";
  a.party_recipient_ids = {ids[0], ids[1], ids[2]};
  a.purposes = {"safeguarding", "section_47_enquiry", "child_in_need_assessment"};
  a.categories = {"identity", "contact_details", "address", "family", "health", "education", "development",
                  "safeguarding_concerns", "case_notes", "chronology", "placement", "legal", "persons_posing_risk"};
  a.lawful_bases = {sharing::LawfulBasis::kSafeguarding, sharing::LawfulBasis::kPublicTask, sharing::LawfulBasis::kLegalObligation};
  a.who_may_access = "MASH social workers, police public protection officers and named health safeguarding professionals";
  a.storage = "Each partner's case management system, access by role, encrypted in transit";
  a.retention = "In line with each partner's retention schedule; children's records until the 25th birthday at least";
  a.consent_handling = "Consent is sought unless that would put a child at risk; refusals and withdrawals are recorded and passed on";
  a.starts_at = now - 300 * kDay;
  a.review_at = now + 65 * kDay;
  CONFIDE_ASSIGN_OR_RETURN(const int64_t agreement, vault.RecordAgreement(staff.dpo, a));

  CONFIDE_ASSIGN_OR_RETURN(std::vector<CaseloadItem> caseload, vault.Caseload(staff.worker));
  if (caseload.size() < 3) return Status::Ok();
  // A referral that waits for the designated safeguarding lead's backing.
  sharing::SharingRequest referral =
      Request(caseload[0].person_id, sharing::Direction::kOutgoing, ids[0], RecipientKind::kChildrensSocialCare, "safeguarding",
              {"identity", "address", "family", "safeguarding_concerns"}, sharing::Channel::kSecureEmail,
              {"significant_harm", "consent_would_increase_risk"},
              "New bruising seen at nursery today and the child said something worrying about home; the family is already known");
  referral.agreement_id = agreement;
  referral.urgency = sharing::Urgency::kUrgent;
  CONFIDE_RETURN_IF_ERROR(vault.RecordSharingRequest(staff.worker, referral).status());
  // A police request on their data protection form, under the crime-prevention exemption: a
  // manager or the DPO decides.
  sharing::SharingRequest police =
      Request(caseload[1].person_id, sharing::Direction::kIncoming, ids[1], RecipientKind::kPolice, "crime_prevention",
              {"identity", "address"}, sharing::Channel::kSecureEmail, {},
              "The officer asks for the family's current address for an investigation of an assault on the mother");
  police.documents = {{sharing::Document::kPoliceRequestForm, "DP form NP-2026-4471, section 2 exemption stated"}};
  CONFIDE_RETURN_IF_ERROR(vault.RecordSharingRequest(staff.worker, police).status());
  // The press, sent to the press office.
  CONFIDE_RETURN_IF_ERROR(vault.RecordSharingRequest(staff.worker, Request(caseload[2].person_id, sharing::Direction::kIncoming,
                                                                           std::nullopt, RecipientKind::kPress, "media_enquiry",
                                                                           {"identity"}, sharing::Channel::kPhone, {},
                                                                           "A local reporter asked whether the family is known to us"))
                              .status());
  n.sharing_requests += 3;
  return Status::Ok();
}

}  // namespace confide::service
