// Subject access requests: a person's right to a copy of what the organisation holds about them
// (UK GDPR Article 15), from intake to the released bundle.
//
// A request is recorded when it arrives: whose information, who asks (the person themself — a
// competent young person or an adult — a parent for a child, or a representative with authority),
// how to reach them and what they asked for. Its steps are appended, never changed: identity
// evidence arriving (the clock starts then, not before), clarification asked for and received (the
// clock stops meanwhile), an extension of one or two months for a complex request (the requester
// told within the first month), redactions, approval, release, closing. The deadline is worked out
// from those steps each time it is read (governance/subject_access_clock.h), with the arithmetic
// in words.
//
// The search gathers every version of the person's details, the child's relationships, every
// version of every record about them whatever its tier, their consent records and their sharing
// register (requests, decisions, disclosures and recipients): nothing about anyone else. The DPO
// redacts (governance/subject_access_bundle.h) with a ground and a reason per redaction, previews
// the bundle, and approves it: the approval is bound to the bundle's content digest, so a redaction
// or a new record afterwards needs approving again. Releasing makes the bundle (JSON and a readable
// document), keeps it sealed with the person's key, and records the release as a disclosure to the
// requester: a step, a release row and an audit event with the bundle's digest.
//
// Everything here is the data protection officer's (subject_access.manage); every call is audited
// against the person.
//
// Thread-safety: as Vault (each call is one transaction).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "governance/bank_holidays.h"
#include "governance/subject_access_bundle.h"
#include "governance/subject_access_clock.h"
#include "service/vault.h"

namespace confide::service {

// Who makes the request, for whom.
enum class SarRequester {
  kSubject,         // the person themself: an adult, or a young person competent to ask
  kParent,          // a parent (with parental responsibility) for their child
  kRepresentative,  // a solicitor or advocate with the person's written authority
};
std::string_view ToString(SarRequester r);
std::optional<SarRequester> ParseSarRequester(std::string_view s);

struct SubjectAccessIntake {
  domain::PersonId person_id = 0;
  domain::CivilDate received_on;
  SarRequester requester = SarRequester::kSubject;
  std::string requester_name;
  std::optional<domain::PersonId> requester_person_id;  // a parent recorded in Confide
  std::string contact;       // how to reach them (address, secure email)
  std::string request_text;  // what they asked for, in their words
  // Whether who they are was confirmed on the day it arrived (known to the organisation, seen in
  // person). If not, identity evidence is asked for at once and the clock waits for it.
  bool identity_confirmed = false;
  std::string identity_method;  // how it was (or will be) confirmed
};

enum class SarStepKind {
  kIdentityReceived,        // the evidence of identity arrived: the clock starts
  kClarificationRequested,  // the clock stops
  kClarificationReceived,   // and starts again
  kExtended,                // by 1 or 2 further months
  kRedaction,
  kRedactionWithdrawn,
  kApproved,
  kReleased,
  kClosed,  // withdrawn by the requester, or refused (manifestly unfounded or excessive)
};
std::string_view ToString(SarStepKind k);
std::optional<SarStepKind> ParseSarStepKind(std::string_view s);

struct SarStep {
  int64_t id = 0;
  SarStepKind kind = SarStepKind::kIdentityReceived;
  domain::CivilDate on;
  domain::StaffId recorded_by = 0;
  UnixMicros recorded_at = 0;
  std::map<std::string, std::string> details;  // note, reason, months, digest, ... (sealed)
};

// A step to add (the kinds a caller adds directly; redactions, approvals and releases have calls of
// their own).
struct SarStepInput {
  SarStepKind kind = SarStepKind::kIdentityReceived;
  domain::CivilDate on;  // the day it happened
  std::string note;      // how identity was confirmed, what was asked, why extended or closed
  int months = 0;        // kExtended: 1 or 2 further months (2 in all at most)
};

struct SarRelease {
  std::string bundle_id;
  std::string sha256;  // of the JSON bundle
  domain::StaffId released_by = 0;
  UnixMicros released_at = 0;
  std::string channel;
};

struct SubjectAccessCase {
  int64_t id = 0;
  domain::PersonId person_id = 0;
  domain::PersonKind person_kind = domain::PersonKind::kChild;
  domain::CivilDate received_on;
  domain::StaffId recorded_by = 0;
  UnixMicros recorded_at = 0;
  SubjectAccessIntake intake;
  std::vector<SarStep> steps;
  std::vector<governance::Redaction> redactions;  // in force, in the order made
  governance::SubjectAccessDeadline deadline;
  // awaiting_identity, open, clock_stopped, approved, released, closed; in a list, destroyed (the
  // person's records were destroyed since: only the clear columns are known)
  std::string state;
  bool overdue = false;  // past its deadline and neither released nor closed
  // Things to check before releasing, in words (parental responsibility, the child's competence).
  std::vector<std::string> checks;
  std::optional<SarRelease> release;
};

struct SubjectAccessBundle {
  governance::BundleHeader header;
  std::string json;
  std::string document;
  size_t items = 0;
  size_t items_withheld = 0;
  size_t fields_redacted = 0;
  bool approved = false;  // an approval is bound to exactly this content
};

class SubjectAccess {
 public:
  // Uses the governance policy in force (for the bank holidays a deadline moves past).
  static Result<std::unique_ptr<SubjectAccess>> Create(Vault& vault);
  SubjectAccess(Vault& vault, governance::BankHolidayCalendar holidays) : vault_(vault), holidays_(std::move(holidays)) {}

  // Whether `actor` keeps the register (subject_access.manage): kPermissionDenied with the policy's
  // words if not (the refusal audited). Nothing is read.
  Status MayManage(domain::StaffId actor);

  // Records a request. kInvalidArgument for a missing requester name or request text, a date in the
  // future, or a parent's request about an adult (18 or over on the day it arrived).
  Result<int64_t> Open(domain::StaffId actor, const SubjectAccessIntake& intake);
  // Adds a step. Refused when it does not fit: identity received twice or when it was confirmed at
  // intake, clarification received with none asked for, an extension after the first month or
  // beyond two months, a pause or extension of a request already past its deadline, anything after
  // release or closing, a day in the future.
  Result<int64_t> AddStep(domain::StaffId actor, int64_t request_id, const SarStepInput& step);
  Result<SubjectAccessCase> Get(domain::StaffId actor, int64_t request_id);
  // Every request, the most urgent first (overdue, then by due date; not started last); closed and
  // released ones only with `include_finished`.
  Result<std::vector<SubjectAccessCase>> List(domain::StaffId actor, bool include_finished);

  // Everything held about the request's subject, unredacted: what the DPO reads to redact. Not
  // once the request is released or closed (kFailedPrecondition): nothing is left to decide. An
  // informant who asked not to be named is never identified: their name and relationship are left
  // out of every record they gave.
  Result<std::vector<governance::BundleItem>> Search(domain::StaffId actor, int64_t request_id);
  Result<int64_t> Redact(domain::StaffId actor, int64_t request_id, const governance::Redaction& redaction);
  Status WithdrawRedaction(domain::StaffId actor, int64_t request_id, int64_t redaction_id, const std::string& reason);
  // The bundle as it would be released now (not recorded as a release); not once released or
  // closed (GetReleased reads the bundle as released).
  Result<SubjectAccessBundle> Preview(domain::StaffId actor, int64_t request_id);
  // Approves the bundle as it is now. `expected_sha256` is the content digest the approver
  // previewed (kInvalidArgument if empty; kConflict if something changed since). When the request
  // lists checks before release, the note says how they were dealt with (kInvalidArgument if blank).
  Result<int64_t> Approve(domain::StaffId actor, int64_t request_id, const std::string& expected_sha256,
                          const std::string& note);
  // Releases the approved bundle to the requester by `channel` ("secure email", "post", "in person").
  // kFailedPrecondition unless an approval covers exactly the bundle as it is now. Once only.
  Result<SubjectAccessBundle> Release(domain::StaffId actor, int64_t request_id, const std::string& channel);
  // The bundle exactly as released (kNotFound if not released).
  Result<SubjectAccessBundle> GetReleased(domain::StaffId actor, int64_t request_id);

 private:
  Vault& vault_;
  governance::BankHolidayCalendar holidays_;
};

}  // namespace confide::service
