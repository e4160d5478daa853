// The sharing register: who may receive information (the directory of recipients), the requests
// and proposals to share about a child, every decision on them with its reasons, the approvals
// that backed it, what left (fields and record versions), and the investigations opened when a
// share went without consent or a lawful basis. "Record your decision and the reasons for it,
// whether or not you decide to share" (the guidance's seventh golden rule).
//
// Value types only; the vault stores them (service/vault_sharing.cc) and JSON carries them
// (sharing/register_json.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "sharing/sharing_decision.h"
#include "sharing/sharing_facts.h"

namespace confide::sharing {

// An entry in the directory: an agency, a team or a named person information may go to.
struct Recipient {
  int64_t id = 0;
  RecipientKind kind = RecipientKind::kChildrensSocialCare;
  std::string name;            // "Northshire MASH" or "DC 4411 A. Example, Northshire Police"
  std::string organisation;    // empty for a private person
  std::string contact;         // the known number or address used to call back
  std::string secure_channel;  // how information reaches them securely ("CJSM secure email", "portal")
  std::optional<int64_t> person_id;  // when the recipient is a registered person (a parent, the child)
  std::vector<uint8_t> public_key;   // Ed25519 (32 bytes) for disclosure packages; empty when none
  // How their identity and entitlement were last verified ("call-back to the switchboard number").
  std::optional<UnixMicros> verified_at;
  int64_t verified_by = 0;
  std::string verification_method;
  std::string verification_notes;
  int64_t created_by = 0;
  UnixMicros created_at = 0;

  bool Verified() const { return verified_at.has_value(); }
};

// A document that supports a request, with its reference ("court order, case NE24C00123").
struct SupportingDocument {
  Document kind = Document::kCourtOrder;
  std::string reference;
};

// A request to share (incoming), a proposal (outgoing) or a request for advice, about one child.
struct SharingRequest {
  int64_t id = 0;
  int64_t person_id = 0;  // the child (or adult) the information is about
  Direction direction = Direction::kIncoming;
  std::optional<int64_t> recipient_id;  // the directory entry; none for an unknown caller
  RecipientKind recipient_kind = RecipientKind::kChildrensSocialCare;  // from the entry when there is one
  std::string purpose;                  // a purpose of the sharing policy
  std::vector<std::string> categories;  // what is asked for, or proposed
  Channel channel = Channel::kSecureEmail;
  Urgency urgency = Urgency::kRoutine;
  std::vector<SupportingDocument> documents;
  std::optional<int64_t> agreement_id;  // the information-sharing agreement it is made under
  // The practitioner's answers to the policy's questions (Fact names): significant_harm,
  // someone_hurt, consent_would_increase_risk, consent_would_prejudice_investigation,
  // disclosure_required, requester_is_subject, telling_would_prejudice, telling_would_put_at_risk.
  // The rest (verified, consent, looked_after, contact_restriction...) Confide works out itself.
  std::vector<std::string> answers;
  bool personal_data = true;  // false: only anonymised or pseudonymised information is asked for
  std::string details;        // what was asked, in the requester's words
  std::string reasons;        // why sharing is necessary and proportionate (or the requester's reasons)
  UnixMicros received_at = 0;
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
};

// The facts a request's answers may set; the others come from the registry and the directory.
bool IsAnswerableFact(Fact f);

// A decision as recorded: what the policy decided, on which facts (those Confide worked out shown
// with where they came from), and the explanation with every rule that applied.
struct RecordedDecision {
  int64_t id = 0;
  int64_t request_id = 0;
  SharingDecision decision;
  nlohmann::json facts;        // the facts decided on, by name
  nlohmann::json explanation;  // ExplainDecision, plus the policy's name and version
  std::vector<std::string> findings;  // how Confide found the facts: consent, verification, restrictions, agreement
  int64_t decided_by = 0;
  UnixMicros decided_at = 0;
};

// A backing given by someone the decision named: a designated person, a manager, the DPO (or, as
// recorded by one of them, legal services or the local authority as corporate parent).
struct RecordedApproval {
  int64_t id = 0;
  int64_t request_id = 0;
  Approval approval = Approval::kDesignatedPerson;
  int64_t approved_by = 0;
  UnixMicros approved_at = 0;  // when it was given (before recording, in an emergency)
  UnixMicros recorded_at = 0;
  bool afterwards = false;     // recorded after the share (an emergency the policy allowed)
  std::string reason;
};

// What left: exactly which fields and record versions, to whom, when, how and why.
struct RecordedDisclosure {
  int64_t id = 0;
  int64_t request_id = 0;
  int64_t decision_id = 0;
  std::optional<int64_t> recipient_id;
  Channel channel = Channel::kSecureEmail;
  std::vector<std::string> categories;  // released
  std::vector<std::string> fields;      // "person/12/given_names", "record/40@v2/content.text"
  std::vector<std::string> withheld;    // present but withheld, same paths
  std::string package_id;               // hex, when sent as a package
  bool subject_told = false;            // the person is (to be) told what was shared
  std::string not_told_reason;          // why not, when not
  int64_t sent_by = 0;
  UnixMicros sent_at = 0;
};

struct Investigation {
  int64_t id = 0;
  int64_t request_id = 0;
  std::optional<int64_t> disclosure_id;
  std::string reason;
  UnixMicros opened_at = 0;
  std::optional<UnixMicros> closed_at;
};

// Everything recorded about one request, for the task list and the register.
struct SharingCase {
  SharingRequest request;
  std::optional<Recipient> recipient;
  std::vector<RecordedDecision> decisions;  // oldest first; the last is the current one
  std::vector<RecordedApproval> approvals;
  std::vector<RecordedDisclosure> disclosures;
  std::vector<Investigation> investigations;

  const RecordedDecision* Current() const { return decisions.empty() ? nullptr : &decisions.back(); }
};

// Where a case stands on the task list: request → consent check → decision → approval →
// disclosure → sent (docs/sharing.md).
enum class CaseStage : uint8_t { kToDecide, kAwaitingApproval, kReadyToSend, kSent, kClosed };
CaseStage StageOf(const SharingCase& c);
std::string_view Name(CaseStage s);

}  // namespace confide::sharing
