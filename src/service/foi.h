// The Freedom of Information register: requests for the organisation's information under the
// Freedom of Information Act 2000, from receipt to the reply, each with its legal clock.
//
// A request is recorded as it arrives (the day received, who asks and how to reach them, what they
// asked for). Its requester is a data subject of their own: their name, contact and words are
// sealed with a key that belongs to the request, so the register's personal data can be shredded
// when its retention ends without touching anything else. Steps are appended, never changed:
// clarification asked for (the clock stops; the 20 days count again from its arrival), a fees
// notice (its working days through payment do not count), an extension to weigh the public
// interest for a qualified exemption, routing to subject access when the request is for the
// requester's own personal data (s.40(1): the Act does not apply, the UK GDPR right of access
// does), the reply (disclosed, disclosed in part, refused, not held; every exemption relied on with
// its reason, and the public interest test for a qualified one), or closing (withdrawn, never
// clarified). The deadline is worked out from the steps each time it is read
// (governance/foi_clock.h): 20 working days, or for a maintained school the earlier of 20 school
// days and 60 working days, with the arithmetic in words.
//
// Everything here is the data protection officer's (foi.manage). The register holds no child's
// records: a request that names a child is answered from Confide's records only through the usual
// sharing rules, never from this register. Every call is audited, without the requester's words.
//
// Thread-safety: as Vault (each call is one transaction).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "governance/bank_holidays.h"
#include "governance/foi_clock.h"
#include "governance/school_calendar.h"
#include "service/vault.h"

namespace confide::service {

enum class FoiStepKind {
  kClarificationRequested,  // the clock stops (s.1(3))
  kClarificationReceived,   // the 20 days count from this day
  kFeeNotice,               // a fees notice (s.9): its working days through payment do not count
  kFeeReceived,
  kExtended,                // further working days to weigh the public interest (s.10(3))
  kRoutedToSubjectAccess,   // the requester's own personal data (s.40(1)): a subject access request
  kResponded,               // the reply
  kClosed,                  // withdrawn, or clarification or the fee never came
};
std::string_view ToString(FoiStepKind k);
std::optional<FoiStepKind> ParseFoiStepKind(std::string_view s);

enum class FoiOutcome { kDisclosed, kDisclosedInPart, kRefused, kNotHeld };
std::string_view ToString(FoiOutcome o);
std::optional<FoiOutcome> ParseFoiOutcome(std::string_view s);

// An exemption relied on (governance/foi_exemptions.h ids), and why.
struct FoiExemptionUse {
  std::string exemption;       // "s40_2", "s41", ...
  std::string reason;          // why it applies to this information
  std::string public_interest; // a qualified exemption: why withholding outweighs disclosing
};

struct FoiIntake {
  domain::CivilDate received_on;
  std::string requester_name;
  std::string contact;       // where the reply goes (an email or postal address)
  std::string request_text;  // what they asked for, in their words
  std::string channel;       // how it arrived: "email", "letter", "web form" (optional)
};

struct FoiStepInput {
  FoiStepKind kind = FoiStepKind::kClarificationRequested;
  domain::CivilDate on;  // the day it happened
  std::string note;      // what was asked, the fee, why extended, routed or closed; the reply's summary
  int working_days = 0;  // kExtended: 1 to 20 (20 in all at most)
  std::optional<int64_t> subject_access_request_id;  // kRoutedToSubjectAccess: the request opened, if any
  std::optional<FoiOutcome> outcome;                 // kResponded
  std::vector<FoiExemptionUse> exemptions;           // kResponded (refused or in part); kExtended (being weighed)
};

struct FoiStep {
  int64_t id = 0;
  FoiStepKind kind = FoiStepKind::kClarificationRequested;
  domain::CivilDate on;
  domain::StaffId recorded_by = 0;
  UnixMicros recorded_at = 0;
  std::string note;
  int working_days = 0;
  std::optional<int64_t> subject_access_request_id;
  std::optional<FoiOutcome> outcome;
  std::vector<FoiExemptionUse> exemptions;
};

struct FoiCase {
  int64_t id = 0;
  domain::StaffId recorded_by = 0;
  UnixMicros recorded_at = 0;
  FoiIntake intake;
  std::vector<FoiStep> steps;
  governance::FoiRequestDeadline deadline;
  // open, awaiting_clarification, awaiting_fee, responded, routed_to_subject_access, closed; in a
  // list, destroyed (the requester's details were shredded: only the clear columns are known)
  std::string state;
  bool overdue = false;  // past its deadline and still open
  std::optional<domain::CivilDate> answered_on;  // the day it was responded to or routed
  bool answered_late = false;                    // answered after its deadline
};

class FoiRegister {
 public:
  // Uses the governance policy in force: its bank holidays, and a maintained school's closures.
  static Result<std::unique_ptr<FoiRegister>> Create(Vault& vault);
  FoiRegister(Vault& vault, governance::BankHolidayCalendar holidays, std::optional<governance::SchoolCalendar> school)
      : vault_(vault), holidays_(std::move(holidays)), school_(std::move(school)) {}

  // Whether `actor` keeps the register (foi.manage): kPermissionDenied with the policy's words if
  // not (the refusal audited).
  Status MayManage(domain::StaffId actor);
  // Whether the clock counts school days (a maintained school).
  bool maintained_school() const { return school_.has_value(); }

  // Records a request. kInvalidArgument for a missing requester name or request text, a day in the
  // future or outside the calendar.
  Result<int64_t> Open(domain::StaffId actor, const FoiIntake& intake);
  // Adds a step. kInvalidArgument for a step that is malformed (no note where one is needed, an
  // unknown exemption, a reply refusing without an exemption, a qualified exemption without its
  // public interest test); kFailedPrecondition for one that does not fit the request (clarification
  // received with none asked for, an extension after the deadline or beyond 20 working days in
  // all, anything after the reply, routing or closing).
  Result<int64_t> AddStep(domain::StaffId actor, int64_t request_id, const FoiStepInput& step);
  Result<FoiCase> Get(domain::StaffId actor, int64_t request_id);
  // The register, most urgent first (overdue, then by due date; clocks stopped after them); those
  // answered or closed only with `include_finished`.
  Result<std::vector<FoiCase>> List(domain::StaffId actor, bool include_finished);

 private:
  Vault& vault_;
  governance::BankHolidayCalendar holidays_;
  std::optional<governance::SchoolCalendar> school_;
};

}  // namespace confide::service
