// The pages, each a function from what it shows to a response.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/response.h"
#include "audit/verifier.h"
#include "governance/training_standing.h"
#include "service/identity.h"
#include "web/web_routes.h"

namespace confide::web {

// A field's error, for the error summary and the field's own message.
struct FieldError {
  std::string field;    // the input's id
  std::string message;  // what to do, in the GOV.UK style ("Enter your email address")
};

struct SignInForm {
  std::string email;  // echoed back after an error (never the password)
  std::string csrf;   // the sign-in form's token (kSignInCookie)
  std::string notice;  // a success message above the form ("You have signed out")
  std::vector<FieldError> errors;
};

// A form on a page for a signed-in (or half signed-in) person: its CSRF token and its errors.
struct FormState {
  std::string csrf;
  std::vector<FieldError> errors;
};

// The template's options for a page titled `title` of this organisation.
struct PageOptions;
PageOptions OptionsFor(const WebOptions& options, std::string title);

http::Response SignInPage(const WebOptions& options, const SignInForm& form);
// The second step: a code from the authenticator app, or a recovery code.
http::Response CodePage(const WebOptions& options, const FormState& form);
// First sign-in: scan the QR code (or type the secret), then enter a code to prove it worked.
http::Response SetUpAuthenticatorPage(const WebOptions& options, const service::TotpEnrolment& enrolment,
                                      const FormState& form);
// The recovery codes, shown once, after the authenticator app is set up.
http::Response RecoveryCodesPage(const WebOptions& options, const std::vector<std::string>& codes);
// An administrator set the password: choose your own.
http::Response ChangePasswordPage(const WebOptions& options, const FormState& form);
// ---- signed in ----

// The navigation and sign-out token of a signed-in page.
struct SignedIn {
  std::string csrf;
  std::string current;  // the navigation item's href that is this page ("/", "/search")
};

// The template's options for a signed-in page: the navigation (with `who.current` marked) and the
// sign-out button.
PageOptions SignedInOptions(const WebOptions& options, std::string title, const SignedIn& who);

// Ends a single-form page that `m` began (grid column, error summary, form): the submit button, the
// form and the column closed, the page titled (with "Error: " when there are errors) and sent as 200,
// or 400 with errors.
http::Response FinishFormPage(const WebOptions& options, const SignedIn& who, std::string title, std::string m,
                              std::string_view submit, const std::vector<FieldError>& errors);

// What the home page says about the signed-in staff member's own training (worded by
// web/training_pages.h): the notice when something needs doing, and whether to link to the
// training report.
struct HomeTraining {
  std::string notice_html;  // TrainingNotice: "" when nothing needs doing
  bool report = false;      // their role may see the training report (training.report)
};

// The home page: the children allocated to the signed-in staff member, and for someone who backs
// decisions to share, how many wait for them (`awaiting_approval`; nullopt for anyone else); a
// notice when their training or their acknowledgement of the confidentiality policy needs doing.
http::Response CaseloadPage(const WebOptions& options, const SignedIn& who, const std::vector<service::CaseloadItem>& items,
                            std::optional<size_t> awaiting_approval = std::nullopt, const HomeTraining& training = {});

// Find a person by family name and date of birth, or by NHS number. `results` when searched.
struct SearchForm {
  std::string family_name, given_name, day, month, year, nhs_number;
  std::vector<FieldError> errors;
  std::optional<std::vector<service::PersonMatch>> results;
};
http::Response SearchPage(const WebOptions& options, const SignedIn& who, const SearchForm& form);

// A child's overview: who they are, their status, the people around them and any restrictions.
struct ChildOverview {
  domain::Person child;
  struct Related {
    domain::Relationship relationship;
    std::string name;  // "" when the person is not for this viewer to see
  };
  std::vector<Related> related;
  std::vector<domain::Allocation> allocations;
  domain::CivilDate today;
};
http::Response ChildPage(const WebOptions& options, const SignedIn& who, const ChildOverview& overview);

// A child's chronology: their records in time order, filtered by kind, tier and dates (the filters
// are a GET form: no personal data in them).
struct ChronologyFilters {
  std::vector<domain::RecordKind> kinds;
  std::vector<domain::SensitivityTier> tiers;
  std::string from_day, from_month, from_year, to_day, to_month, to_year;
  std::vector<FieldError> errors;
};
http::Response ChronologyPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                              const ChronologyFilters& filters, const std::vector<service::ChronologyItem>& items);

// One version of a record (signature checked) and the list of its versions.
http::Response RecordPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                          const service::RecordView& view, const std::vector<domain::RecordVersion>& history);

// Adding a case note: when, a summary, the note, who may see it.
struct CaseNoteForm {
  std::string day, month, year, hour, minute, summary, text, tier = "general";
  std::vector<FieldError> errors;
};
http::Response CaseNotePage(const WebOptions& options, const SignedIn& who, const domain::Person& child, const CaseNoteForm& form);

// Amending a record: the content to change, and why (required). The new version keeps the old.
struct AmendForm {
  domain::VersionNumber expected_version = 0;
  bool concern = false;
  std::string reason, summary, text, tier;
  std::string where, who_present, seen, opinion, childs_words, injuries, action;  // a concern's
  std::vector<FieldError> errors;
};
http::Response AmendPage(const WebOptions& options, const SignedIn& who, const domain::Person& child, domain::RecordId record,
                         const AmendForm& form);

// Recording a safeguarding concern: a step's page ("when", "what", "action", "check") and the
// confirmation.
struct ConcernDraft;
http::Response ConcernStepPage(const WebOptions& options, const SignedIn& who, const domain::Person& child, std::string_view step,
                               const ConcernDraft& draft, const std::vector<FieldError>& errors);
http::Response ConcernRecordedPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                                   domain::RecordId record);

// Access reviews: who saw or changed what about a child (designated persons and the data
// protection officer), and what the signed-in person accessed themself. `since` names the period.
http::Response ChildAccessLogPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                                  const std::vector<service::AccessEvent>& events, std::string_view since);
http::Response MyAccessPage(const WebOptions& options, const SignedIn& who, const std::vector<service::AccessEvent>& events,
                            std::string_view since);

// The audit log: the latest signed tree head and, after "Verify", the verification's result.
http::Response AuditPage(const WebOptions& options, const SignedIn& who, const std::optional<audit::SignedTreeHead>& head,
                         std::string_view public_key_hex, const audit::VerifyReport* report);

// ---- administration (administrators: accounts, roles, training, allocations; no case content) ----

http::Response StaffListPage(const WebOptions& options, const SignedIn& who, const std::vector<domain::StaffMember>& staff);

struct StaffForm {
  std::string name, email, role = "practitioner", team;
  std::vector<FieldError> errors;
};
http::Response AddStaffPage(const WebOptions& options, const SignedIn& who, const StaffForm& form);

// A staff member: role, team and whether the account is active (a form), their training records
// (and a form to record one of `courses`), and a temporary password to set. `notice` after a change.
struct StaffPageState {
  domain::StaffMember staff;
  std::vector<domain::TrainingRecord> training;
  // The courses that may be recorded (the governance policy's catalogue), for the choice and the
  // names of the courses recorded.
  std::vector<governance::Course> courses;
  std::string notice;
  std::vector<FieldError> errors;
  std::string course, completed_day, completed_month, completed_year, expires_day, expires_month, expires_year;
};
http::Response StaffPage(const WebOptions& options, const SignedIn& who, const StaffPageState& state);

// Who is allocated to a child, past and present, with forms to allocate someone and to end an
// allocation. Shows ids and staff names, never the child's details: administrators use it too.
struct AllocationsPageState {
  domain::PersonId child_id = 0;
  std::vector<domain::Allocation> allocations;
  std::vector<domain::StaffMember> staff;  // for names and the choice of who to allocate
  UnixMicros now = 0;
  std::string notice;
  std::vector<FieldError> errors;
  std::string staff_id, role = "allocated_social_worker", team, start_day, start_month, start_year;
};
http::Response AllocationsPage(const WebOptions& options, const SignedIn& who, const AllocationsPageState& state);
// Administrators reach a child's allocations by the child's Confide id (they cannot search).
http::Response FindAllocationsPage(const WebOptions& options, const SignedIn& who, std::string_view child,
                                   const std::vector<FieldError>& errors);

// The same page for what does not exist and what this person may not see: it never says which.
http::Response NotAvailablePage(const WebOptions& options, const SignedIn& who);
// Something went wrong on Confide's side (the audit log could not be written, say).
// 410: the person's records reached the end of their retention period and were destroyed by
// crypto-shredding (shown only to someone who could otherwise have read them).
http::Response DestroyedRecordsPage(const WebOptions& options, const SignedIn& who);
http::Response ServiceProblemPage(const WebOptions& options);
http::Response AccessibilityStatementPage(const WebOptions& options);

}  // namespace confide::web
