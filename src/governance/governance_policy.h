// The governance policy file: the organisation's retention schedule, the bank holidays it adds
// to (or moves in) the England and Wales calendar, (for a maintained school) its closures, the
// training courses staff complete and the confidentiality policy they acknowledge. The shipped default is
// config/policy/governance-policy.toml, compiled into Confide; docs/governance.md explains every
// field.
//
// Parsing is pure (text in, values out): reading the file from disk is the service layer's job.
// Thread-safety: the functions are safe from any thread; DefaultGovernancePolicy() is built once
// and is immutable.
#pragma once

#include <string_view>

#include "confide/result.h"
#include "governance/bank_holidays.h"
#include "governance/retention_schedule.h"
#include "governance/school_calendar.h"
#include "governance/training_standing.h"

namespace confide::governance {

struct GovernancePolicy {
  RetentionSchedule retention;
  // Moves and additions on top of England and Wales (a proclamation made after a release, or the
  // Scottish and Northern Irish days an organisation counts for FOI). Checked: BankHolidayCalendar::
  // Create accepts them.
  BankHolidayExceptions bank_holidays;
  // A maintained school answers FOI requests within the earlier of 20 school days and 60 working
  // days, counting school days with its closures (holidays, half terms, INSET days).
  bool maintained_school = false;
  std::vector<SchoolClosure> school_closures;  // only with maintained_school; checked by SchoolCalendar
  // The courses staff complete and how often each is refreshed ([[course]]).
  TrainingCatalogue training;
  // The confidentiality policy staff acknowledge ([confidentiality_policy]); none by default, since
  // it is the organisation's own document (the demo organisation writes one).
  std::optional<ConfidentialityPolicy> confidentiality_policy;
  // [register_retention]: whole years an entry of a register about no child is kept once closed
  // (1 to 100); unset: kept until the policy says otherwise. FOI requests count from their reply
  // (responded, routed to subject access or closed, whichever was last); breaches from closing,
  // dismissed breach candidates from their dismissal.
  std::optional<int> foi_keep_years;
  std::optional<int> breach_keep_years;
};

// Parses and validates a governance policy file. On failure, kInvalidArgument naming
// `source_name`, the line and every problem found (unknown keys, wrong types, bad dates, a version
// other than 1, every retention schedule problem, bank holidays the calendar refuses), not just
// the first.
Result<GovernancePolicy> ParseGovernancePolicy(std::string_view toml_text, std::string_view source_name);

// The shipped default's text (embedded at build time from config/policy/governance-policy.toml).
std::string_view DefaultGovernancePolicyToml();

// The shipped default, parsed once. Aborts if it does not parse: the build's own file, which the
// tests parse.
const GovernancePolicy& DefaultGovernancePolicy();

}  // namespace confide::governance
