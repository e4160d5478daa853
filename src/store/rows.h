// Rows: what the store keeps. Personal data only ever arrives here sealed (ciphertext); the clear
// columns are ids, kinds, tiers, timestamps and key ids. Plain structs, no behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "common/clock.h"

namespace confide::store {

struct OrganisationRow {
  int64_t id = 1;
  std::string name;
  std::string kind;
  Bytes signing_public_key;
  UnixMicros created_at = 0;
};

// An organisation-level secret wrapped under the key-encryption key (the signing key seed, the
// blind-index key).
struct WrappedSecretRow {
  std::string name;
  std::string kek_id;
  Bytes wrapped;
};

// A data subject's data key, wrapped under the key-encryption key. Deleting it shreds the subject.
struct SubjectKeyRow {
  int64_t subject_id = 0;
  std::string kek_id;
  Bytes wrapped_key;
};

struct SubjectRow {
  int64_t id = 0;
  std::string kind;  // "person" or "staff"
  UnixMicros created_at = 0;
  std::optional<UnixMicros> shredded_at;
};

struct StaffRow {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string role;
  std::string team;
  bool active = true;
  UnixMicros created_at = 0;
  Bytes sealed;  // name, email
};

struct PersonRow {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string kind;
  int32_t current_version = 0;
  UnixMicros created_at = 0;
  UnixMicros updated_at = 0;
};

struct PersonVersionRow {
  int64_t person_id = 0;
  int32_t version = 0;
  UnixMicros recorded_at = 0;
  int64_t recorded_by = 0;
  Bytes sealed;
  Bytes signature;
};

struct RelationshipRow {
  int64_t id = 0;
  int64_t child_id = 0;
  int64_t person_id = 0;
  UnixMicros created_at = 0;
  int64_t created_by = 0;
  Bytes sealed;  // kind, parental responsibility, lives-with, restrictions, notes
};

struct AllocationRow {
  int64_t id = 0;
  int64_t child_id = 0;
  int64_t staff_id = 0;
  std::string role;
  std::string team;
  UnixMicros starts_at = 0;
  std::optional<UnixMicros> ends_at;
  int64_t created_by = 0;
};

// The record's identity plus a copy of its current version's tier and dates, so a chronology can
// be listed and filtered without reading every version. The versions are the truth; reads check
// the copy against the signed version.
struct RecordRow {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string kind;
  int32_t current_version = 0;
  std::string tier;
  UnixMicros occurred_at = 0;
  UnixMicros created_at = 0;
};

struct RecordVersionRow {
  int64_t record_id = 0;
  int32_t version = 0;
  std::string tier;
  UnixMicros occurred_at = 0;
  UnixMicros recorded_at = 0;
  int64_t author_id = 0;
  std::string source_kind;
  Bytes sealed;
  Bytes signature;
};

struct ChronologyRow {
  RecordRow record;
  std::optional<RecordVersionRow> current;  // absent if the version current_version names is missing
  int32_t latest_version = 0;               // the highest version stored for the record
};

// ---- sign-in and sessions (schema v2) ----

// A staff member's sign-in credentials. The sign-in name (their email) is never stored in clear:
// `login_term` is its keyed blind index, unique. The TOTP secret is sealed with the staff member's
// data key.
struct CredentialRow {
  int64_t staff_id = 0;
  Bytes login_term;
  std::string password_hash;  // argon2id, libsodium's encoded form
  UnixMicros password_set_at = 0;
  bool must_change_password = false;
  Bytes totp_sealed;                           // empty until enrolment starts
  std::optional<UnixMicros> totp_confirmed_at;  // set once a first code proved the enrolment
  int64_t totp_last_step = 0;                   // the last TOTP time step accepted (codes work once)
  std::optional<UnixMicros> locked_until;
};

// A session: only the SHA-256 of its token is kept, so a copy of the database signs nobody in.
struct SessionRow {
  Bytes token_hash;
  int64_t staff_id = 0;
  UnixMicros created_at = 0;
  UnixMicros last_seen_at = 0;
  std::optional<UnixMicros> mfa_at;     // when the second factor was passed; unset = half signed in
  std::optional<UnixMicros> reauth_at;  // last re-authentication (MFA changes and exports need one)
  std::optional<UnixMicros> ended_at;
  std::string end_reason;  // "sign_out", "idle", "expired", "disabled", "password_changed"...
  Bytes csrf_hash;          // hash of the session's CSRF token (cookie sessions)
};

// What checking a session needs, read in one query: the session, whether its staff member exists
// and is active, and the sign-in state of their credentials (never the password hash or TOTP secret).
struct SessionStanding {
  SessionRow session;
  bool staff_active = false;      // false too when the staff member is gone
  bool has_credential = false;
  bool must_change_password = false;
  bool totp_enrolled = false;
};

// ---- need-to-know facts (schema v2) ----

struct TrainingRow {
  int64_t id = 0;
  int64_t staff_id = 0;
  std::string course;  // "induction", "confidentiality", "safeguarding", "information_sharing"...
  UnixMicros completed_at = 0;
  std::optional<UnixMicros> expires_at;
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
};

// A member of staff's acknowledgement that they have read a version of the confidentiality policy.
struct PolicyAcknowledgementRow {
  int64_t id = 0;
  int64_t staff_id = 0;
  std::string policy_version;
  std::string text_digest;  // hex BLAKE2b-256 of the text they were shown
  UnixMicros acknowledged_at = 0;
};

// A person hidden from one named staff member (their own family, a high-profile child). The
// reason is sealed with the person's data key.
struct RestrictionRow {
  int64_t id = 0;
  int64_t person_id = 0;
  int64_t staff_id = 0;
  Bytes sealed_reason;
  int64_t created_by = 0;
  UnixMicros created_at = 0;
  std::optional<UnixMicros> removed_at;
  int64_t removed_by = 0;
};

// Emergency access to a child the staff member is not allocated to. The stated reason is sealed
// with the child's data key.
struct BreakGlassRow {
  int64_t id = 0;
  int64_t staff_id = 0;
  int64_t person_id = 0;
  Bytes sealed_reason;
  UnixMicros started_at = 0;
  UnixMicros expires_at = 0;
  std::optional<UnixMicros> ended_at;
};

// ---- consent (schema v3) ----

// A consent record about a person: who gave it, for what, and what was explained live in `sealed`
// (the person's data key); the dates that decide whether it is in force are in clear so the
// registry can be queried, and say nothing about anyone.
struct ConsentRow {
  int64_t id = 0;
  int64_t person_id = 0;
  Bytes sealed;
  UnixMicros given_at = 0;
  std::optional<UnixMicros> expires_at;
  std::optional<UnixMicros> withdrawn_at;
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
  int64_t withdrawal_recorded_by = 0;
};

// The sharing register (schema v4). What is personal (a recipient's name and contact, a request's
// details and answers, a decision's explanation, what left) is in `sealed`: a recipient's under
// their own data key, the rest under the child's. The clear columns are ids, dates and the names
// the sharing policy uses.
struct RecipientRow {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string kind;                 // sharing::RecipientKind name
  std::optional<int64_t> person_id; // when the recipient is a registered person (a parent, the child)
  Bytes public_key;                 // Ed25519, for disclosure packages; empty when none
  Bytes sealed;
  std::optional<UnixMicros> verified_at;
  int64_t verified_by = 0;
  int64_t created_by = 0;
  UnixMicros created_at = 0;
};

struct AgreementRow {
  int64_t id = 0;
  std::string document;  // the agreement as JSON: organisations and roles, no personal data
  UnixMicros review_at = 0;
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
};

struct SharingRequestRow {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string direction, purpose, urgency;
  std::optional<int64_t> recipient_id;
  Bytes sealed;
  UnixMicros received_at = 0;
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
};

struct SharingDecisionRow {
  int64_t id = 0;
  int64_t request_id = 0;
  std::string outcome, basis;
  int64_t approvals_missing = 0;  // Bit(Approval)
  Bytes sealed;
  int64_t decided_by = 0;
  UnixMicros decided_at = 0;
};

// A request whose current (latest) decision still waits for someone's backing: the clear columns of
// both, for an approver's queue read without decrypting anything.
struct AwaitingApprovalRow {
  SharingRequestRow request;
  int64_t decision_id = 0;
  std::string outcome;
  int64_t approvals_missing = 0;  // Bit(Approval), never 0
  UnixMicros decided_at = 0;
  bool sent = false;  // shared already (an emergency): the backing is recorded afterwards
};

struct SharingApprovalRow {
  int64_t id = 0;
  int64_t request_id = 0;
  std::string approval;  // sharing::Approval name
  int64_t approved_by = 0;
  UnixMicros approved_at = 0;
  UnixMicros recorded_at = 0;
  Bytes sealed;
};

struct DisclosureRow {
  int64_t id = 0;
  int64_t request_id = 0;
  int64_t decision_id = 0;
  std::optional<int64_t> recipient_id;
  Bytes package_id;
  Bytes sealed;
  int64_t sent_by = 0;
  UnixMicros sent_at = 0;
};

struct InvestigationRow {
  int64_t id = 0;
  int64_t request_id = 0;
  std::optional<int64_t> disclosure_id;
  std::string reason;  // the policy's words, never personal data
  UnixMicros opened_at = 0;
  std::optional<UnixMicros> closed_at;
  int64_t closed_by = 0;
};

// A person-to-child link, clear ids only (the directory uses it to give staff the same relation to
// a child's family members as to the child).
struct RelationshipLink {
  int64_t child_id = 0;
  int64_t person_id = 0;
};

// A row of the audit log's lookup index (who, about whom, when). Derived from the entries and
// rebuilt from them if missing; reviews decode the entries themselves.
struct AuditIndexRow {
  uint64_t seq = 0;
  UnixMicros time = 0;
  int64_t actor = 0;
  int64_t person_id = 0;
  std::string action;
  std::string outcome;
};


// ---- retention (schema v6) ----

// A retention class given to a person explicitly. The class, its trigger date and the reason are
// sealed with the person's key (a class can say someone was adopted or fostered).
struct RetentionAssignmentRow {
  int64_t id = 0;
  int64_t person_id = 0;
  int64_t assigned_by = 0;
  UnixMicros assigned_at = 0;
  Bytes sealed;
};

// A legal hold: destruction is suspended for one person (reason sealed with their key) or for a
// whole class or everyone (an inquiry's moratorium: reason in clear, never personal data).
struct LegalHoldRow {
  int64_t id = 0;
  std::optional<int64_t> person_id;
  std::string class_id;  // empty with a person, or for a hold over everyone
  std::string reason;    // clear: holds not about one person only
  Bytes sealed;          // sealed reason: holds about one person
  int64_t placed_by = 0;
  UnixMicros placed_at = 0;
  std::optional<UnixMicros> lifted_at;
  int64_t lifted_by = 0;
};

// A review of a person whose records fell due: destroy, or keep until a later date. The reasons
// and dates are sealed with the person's key.
struct RetentionReviewRow {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string decision;  // "destroy" or "retain"
  int64_t reviewed_by = 0;
  UnixMicros reviewed_at = 0;
  Bytes sealed;
};

// A destruction certificate: canonical JSON naming what one run destroyed (ids, classes, dates,
// counts; no personal data), signed with the organisation's key.
struct DestructionCertificateRow {
  std::string id;
  int64_t issued_by = 0;
  UnixMicros issued_at = 0;
  std::string body;
  Bytes signature;
};

// One person as a retention run sees them before decrypting anything: the person row, whether they
// are shredded already, and the clear metadata of their records.
struct RetentionSubjectRow {
  PersonRow person;
  std::optional<UnixMicros> shredded_at;
  std::optional<UnixMicros> last_record_at;  // the latest occurred_at or created_at of their records
  bool safeguarding_concern = false;         // a record of that kind is about them
};

// ---- subject access requests (schema v7) ----

// A subject access request as received: whose data (clear, for the register and the deadline
// view), the day it arrived (clear: the clock's start), and the requester, on whose behalf and
// what they asked for, sealed with the subject's key.
struct SubjectAccessRequestRow {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string received_on;  // ISO date
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
  Bytes sealed;
};

// One step in a request's life, appended and never changed: identity asked for or received,
// clarification asked for or received, an extension, a redaction (or its withdrawal), an approval,
// the release, closing. The kind and its day are clear (the clock needs them without the key);
// reasons, methods and what a redaction covers are sealed with the subject's key.
struct SubjectAccessEventRow {
  int64_t id = 0;
  int64_t request_id = 0;
  std::string kind;
  std::string on_date;  // ISO date the step happened (asked, arrived, told)
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
  Bytes sealed;
};

// The bundle as released (JSON and readable document), sealed with the subject's key, so a lost
// copy can be fetched again without a second release. One per request.
struct SubjectAccessReleaseRow {
  int64_t request_id = 0;
  std::string bundle_id;
  std::string sha256;  // hex, of the JSON bundle as released
  int64_t released_by = 0;
  UnixMicros released_at = 0;
  Bytes sealed;
};

// ---- Freedom of Information requests (schema v8) ----

// An FOI request as received. Its requester is a data subject of their own (`subject_id`, kind
// "foi_requester"): their name, contact and what they asked for are sealed with that subject's key,
// so the register's personal data can be crypto-shredded when its retention ends while the clear
// columns (the day received, the clock) remain.
struct FoiRequestRow {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string received_on;  // ISO date: day zero of the clock
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
  Bytes sealed;
};

// One step of an FOI request, appended and never changed: clarification asked for or received, a
// fees notice or the fee's arrival, an extension for the public interest test, routing to subject
// access, the reply, closing. Kind and day are clear (the clock needs them); the rest is sealed.
struct FoiEventRow {
  int64_t id = 0;
  int64_t request_id = 0;
  std::string kind;
  std::string on_date;  // ISO date
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
  Bytes sealed;
};

// ---- personal data breaches (schema v9) ----

// A personal data breach as reported. It is a data subject of its own (`subject_id`, kind
// "breach"): what happened, who discovered it, the people and data affected are sealed with that
// subject's key, so the register's personal data can be crypto-shredded when its retention ends
// while the clear columns (the kind, the moment of awareness that starts the 72-hour clock) remain.
// `source` names the candidate it was raised from ("break_glass/12", "sharing_investigation/3",
// "anomaly/many_children/8812"), empty when reported by hand.
struct BreachRow {
  int64_t id = 0;
  int64_t subject_id = 0;
  std::string kind;           // misdirected_email, lost_paper, unauthorised_viewing, cyber_attack, other
  UnixMicros became_aware_at = 0;
  std::string source;
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
  Bytes sealed;
};

// One step of a breach, appended and never changed: an assessment of risk, the decision whether to
// report to the ICO, the report, telling the people affected, an action, closing. Kind and moment
// are clear; the rest is sealed with the breach's key.
struct BreachEventRow {
  int64_t id = 0;
  int64_t breach_id = 0;
  std::string kind;
  UnixMicros at = 0;  // when it happened
  int64_t recorded_by = 0;
  UnixMicros recorded_at = 0;
  Bytes sealed;
};

// A candidate the DPO judged not to be a breach, with the reason sealed under a subject of its own.
struct BreachDismissalRow {
  int64_t id = 0;
  std::string source;  // as BreachRow::source
  int64_t subject_id = 0;
  int64_t dismissed_by = 0;
  UnixMicros dismissed_at = 0;
  Bytes sealed;
};

}  // namespace confide::store
