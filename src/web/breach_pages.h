// The personal data breach pages. Anyone signed in reports a suspected breach and sees only its
// number afterwards; the data protection officer keeps the register (most urgent first, with no
// account of what happened in the list), one breach (its report, the 72 hours with the arithmetic,
// the risk, the warnings, the steps as a timeline and the form for the next step), and the
// candidates Confide raised, each to open as a breach or dismiss with a reason.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/response.h"
#include "service/breach.h"
#include "web/pages.h"

namespace confide::web {

// ---- reporting (anyone signed in) ----

// A report, as typed (for errors).
struct BreachReportForm {
  std::string kind;
  std::string aware_day, aware_month, aware_year, aware_hour, aware_minute;                 // when we became aware
  std::string happened_day, happened_month, happened_year, happened_hour, happened_minute;  // optional
  std::string discovered_by, what_happened, data_affected, people_affected, people, immediate_action;
  std::vector<FieldError> errors;
};
http::Response BreachReportPage(const WebOptions& options, const SignedIn& who, const BreachReportForm& form);
// The confirmation: the breach's number and what happens next, nothing of the register.
http::Response BreachReportedPage(const WebOptions& options, const SignedIn& who, int64_t breach_id);

// The kind radios' first option: where an error about the kind is shown.
std::string BreachKindField();

// ---- the register (the data protection officer's) ----

struct BreachRegisterView {
  std::vector<service::BreachCase> breaches;
  bool all = false;  // closed and destroyed ones too
};
http::Response BreachRegisterPage(const WebOptions& options, const SignedIn& who, const BreachRegisterView& view);

// Adding a step, as typed.
struct BreachStepForm {
  std::string kind, note;
  std::string at_day, at_month, at_year, at_hour, at_minute;
  std::string likelihood, severity, people_affected, more_people;  // an assessment
  std::string report;                                              // a decision: "yes" or "no"
  std::string ico_reference, delay_reason;                         // the report
  std::string told;                                                // telling the people: "yes" or "no"
  std::vector<FieldError> errors;
};
struct BreachView {
  service::BreachCase breach;
  std::string notice;  // after the breach is opened, or a step recorded
  BreachStepForm step;
};
// 200, or 400 when the step form has errors.
http::Response BreachPage(const WebOptions& options, const SignedIn& who, const BreachView& view);

// Opening a candidate as a breach, or dismissing it, as typed. Each candidate's inputs carry its
// key (CandidateKey) in their ids, since every candidate's forms are on the one page.
struct CandidateForm {
  bool opening = false;  // the opening form was sent (else its suggestions are shown)
  std::string kind;
  std::string aware_day, aware_month, aware_year, aware_hour, aware_minute;
  std::string what_happened;
  std::string reason;  // for dismissing
  std::vector<FieldError> errors;
};
struct BreachCandidatesView {
  std::vector<service::BreachCandidate> candidates;
  int days = 90;        // raised within the last N days
  std::string notice;   // after one is dismissed
  std::string gone;     // the candidate was opened or dismissed by someone else first
  std::map<std::string, CandidateForm> typed;  // by source: what was typed into a form that was refused
};
// 200, or 400 when a candidate's form has errors.
http::Response BreachCandidatesPage(const WebOptions& options, const SignedIn& who, const BreachCandidatesView& view);
// The candidate's source as a fragment of an HTML id ("break_glass/12" -> "break_glass-12").
std::string CandidateKey(std::string_view source);

// Words shared by the pages.
std::string BreachStateTag(const service::BreachCase& c);
std::string BreachRiskTag(const std::optional<governance::BreachRisk>& risk);
std::string BreachStepWords(const service::BreachStep& s);
std::string BreachStepKindWords(service::BreachStepKind k);
std::string BreachLikelihoodWords(governance::BreachLikelihood l);
std::string BreachSeverityWords(governance::BreachSeverity s);
std::string BreachBreadcrumbs();
// People in Confide by id ("Person 12, Person 40"), "–" for none.
std::string BreachPeopleWords(const std::vector<domain::PersonId>& people);

}  // namespace confide::web
