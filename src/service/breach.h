// The personal data breach register (UK GDPR Articles 33 and 34).
//
// Anyone in the workforce reports a suspected breach as soon as they know of it (breach.report):
// what kind (an email or letter to the wrong person, paperwork or a device lost, records seen or
// disclosed without authority, a cyber attack), when the organisation became aware — the moment
// the 72-hour clock to the ICO starts — who discovered it, what happened, what data and how many
// people, and the people in Confide it touches (each one the reporter may see). The reporter gets
// the breach's id and sees nothing more of the register.
//
// The data protection officer keeps the register (breach.manage). Steps are appended, never
// changed: an assessment of risk (likelihood and severity, governance/breach_risk.h), the decision
// whether to report to the ICO with its reasons (a later decision replaces an earlier one until
// the report is made), the report with the ICO's reference (late: with the reasons for the delay,
// Art. 33(1)), whether the people affected were told (or why not, Art. 34(3)), actions taken
// (containment, recovery, prevention), and closing with the lessons learned.
//
// Candidates are raised from what Confide already knows: a disclosure made without a decision that
// allowed it (an open sharing investigation), every break-glass use (its reason to be judged), and
// access anomalies of one person reaching many people quickly. The DPO opens a candidate as a
// breach or dismisses it with a reason; either way it leaves the list.
//
// Each breach is a data subject of its own: its words are sealed with its own key, so the register
// can be crypto-shredded breach by breach when its retention ends. Audit events carry ids, kinds
// and decisions only, never the words.
//
// Thread-safety: as Vault (each call is one transaction, candidates a few).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "governance/bank_holidays.h"
#include "governance/breach_clock.h"
#include "governance/breach_risk.h"
#include "service/vault.h"

namespace confide::service {

enum class BreachKind {
  kMisdirectedEmail,
  kMisdirectedPost,
  kLostPaper,
  kLostDevice,
  kUnauthorisedViewing,
  kUnauthorisedDisclosure,
  kCyberAttack,
  kOther,
};
std::string_view ToString(BreachKind k);  // "misdirected_email", ...
std::string_view KindWords(BreachKind k);  // "An email sent to the wrong person", ...
std::optional<BreachKind> ParseBreachKind(std::string_view s);
const std::vector<BreachKind>& AllBreachKinds();

enum class BreachStepKind { kAssessed, kDecided, kReported, kPeopleTold, kAction, kClosed };
std::string_view ToString(BreachStepKind k);  // "assessed", "decided", "reported", "people_told", "action", "closed"
std::optional<BreachStepKind> ParseBreachStepKind(std::string_view s);

// A breach as reported.
struct BreachReport {
  BreachKind kind = BreachKind::kOther;
  UnixMicros became_aware_at = 0;            // the 72 hours run from here; not in the future
  std::optional<UnixMicros> happened_at;     // when it happened, if known; not after awareness
  std::string discovered_by;                 // who found it (a colleague, a parent, the recipient)
  std::string what_happened;                 // required
  std::string data_affected;                 // what kinds of personal data
  int64_t people_affected = 0;               // how many people, as far as known (0: not yet known)
  std::vector<domain::PersonId> people;      // the people in Confide it touches, each visible to the reporter
  std::string immediate_action;              // what was done at once (recalled the email, ...)
};

struct BreachStepInput {
  BreachStepKind kind = BreachStepKind::kAction;
  UnixMicros at = 0;  // when it happened; not in the future, not before awareness, in order
  // kAssessed: what the assessment rests on; kDecided: the reasons; kReported: how (the ICO's
  // form, phone); kPeopleTold: how and what they were told, or why not; kAction: what was done;
  // kClosed: lessons learned. Required for all.
  std::string note;
  std::optional<governance::BreachLikelihood> likelihood;  // kAssessed
  std::optional<governance::BreachSeverity> severity;      // kAssessed
  std::optional<int64_t> people_affected;                  // kAssessed: a revised count
  std::vector<domain::PersonId> people;                    // kAssessed: more people in Confide it touches
  std::optional<bool> report;                              // kDecided: report to the ICO or not
  std::string ico_reference;                               // kReported: required
  std::string delay_reason;                                // kReported after the 72 hours: required
  std::optional<bool> told;                                // kPeopleTold: told, or decided not to
};

struct BreachStep {
  int64_t id = 0;
  BreachStepKind kind = BreachStepKind::kAction;
  UnixMicros at = 0;
  domain::StaffId recorded_by = 0;
  UnixMicros recorded_at = 0;
  std::string note;
  std::optional<governance::BreachLikelihood> likelihood;
  std::optional<governance::BreachSeverity> severity;
  std::optional<governance::BreachRisk> risk;  // kAssessed: worked out from the two
  std::optional<int64_t> people_affected;
  std::vector<domain::PersonId> people;
  std::optional<bool> report;
  std::string ico_reference;
  std::string delay_reason;
  std::optional<bool> told;
};

struct BreachCase {
  int64_t id = 0;
  domain::StaffId recorded_by = 0;
  UnixMicros recorded_at = 0;
  std::string source;  // the candidate it was raised from, or empty
  BreachReport report;
  std::vector<BreachStep> steps;
  governance::BreachReportDeadline deadline;
  // awaiting_decision, to_report (decided to report, not yet reported), reported, not_reported
  // (decided not to), closed; in a list, destroyed (its words were shredded)
  std::string state;
  std::optional<governance::BreachRisk> risk;  // the latest assessment
  int64_t people_affected = 0;                 // the latest count
  std::vector<domain::PersonId> people;        // everyone named, in the report and assessments
  std::optional<UnixMicros> reported_at;
  bool reported_late = false;
  bool overdue = false;  // the 72 hours have passed with no report and no decision not to report
  std::optional<bool> people_told;
  // Where the record departs from the assessment, in sentences: not reporting a breach assessed
  // as a risk, people not yet told of a high-risk breach.
  std::vector<std::string> warnings;
};

// Something Confide noticed that may be a breach, for the DPO to open or dismiss.
struct BreachCandidate {
  std::string source;     // "sharing_investigation/3", "break_glass/12", "anomaly/many_children/8812"
  std::string kind;       // sharing_investigation, break_glass, anomaly
  UnixMicros at = 0;
  domain::StaffId staff_id = 0;    // who did it, 0 if not one person
  domain::PersonId person_id = 0;  // about whom, 0 if not one person
  BreachKind suggested_kind = BreachKind::kOther;
  std::string detail;     // non-personal words: the policy's reason, counts
};

class BreachRegister {
 public:
  // Uses the governance policy in force (its bank holidays name the days the 72 hours run through).
  static Result<std::unique_ptr<BreachRegister>> Create(Vault& vault);
  BreachRegister(Vault& vault, governance::BankHolidayCalendar holidays) : vault_(vault), holidays_(std::move(holidays)) {}

  // Whether `actor` keeps the register: kPermissionDenied with the policy's words if not (audited).
  Status MayManage(domain::StaffId actor);

  // Records a suspected breach (breach.report). kInvalidArgument for a missing account of what
  // happened, awareness in the future or outside the calendar, a happened_at after awareness, a
  // negative count, or a person the reporter may not see ("no person with id N").
  Result<int64_t> Report(domain::StaffId actor, const BreachReport& report);
  // Opens a candidate as a breach (breach.manage). kNotFound if `source` is not a current
  // candidate (already opened or dismissed, or never raised).
  Result<int64_t> OpenCandidate(domain::StaffId actor, const std::string& source, const BreachReport& report);
  // Dismisses a candidate with the reason it is not a breach (breach.manage).
  Status DismissCandidate(domain::StaffId actor, const std::string& source, const std::string& reason);
  // Candidates raised since `since`, newest first, neither opened nor dismissed. Anomalies are
  // included when the DPO may read access logs (access_log.read).
  Result<std::vector<BreachCandidate>> Candidates(domain::StaffId actor, UnixMicros since);

  // Adds a step. kInvalidArgument for a malformed step; kFailedPrecondition for one that does not
  // fit (a report with no decision to report, a decision after the report, anything after closing,
  // closing with no decision).
  Result<int64_t> AddStep(domain::StaffId actor, int64_t breach_id, const BreachStepInput& step);
  Result<BreachCase> Get(domain::StaffId actor, int64_t breach_id);
  // The register, most urgent first (overdue, then the nearest report-by time); closed and
  // destroyed ones only with `include_closed`.
  Result<std::vector<BreachCase>> List(domain::StaffId actor, bool include_closed);

 private:
  // Each person named must exist and be one `actor` may see (person.read). Looked up one by one,
  // each in a read of its own about that person, so a refusal is audited like any other attempt
  // on a person, and a hidden person reads exactly as a missing one: kInvalidArgument "no person
  // with id N" either way.
  Status CheckPeopleNamed(domain::StaffId actor, const std::vector<domain::PersonId>& people);

  Vault& vault_;
  governance::BankHolidayCalendar holidays_;
};

}  // namespace confide::service
