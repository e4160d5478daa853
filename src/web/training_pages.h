// The training and confidentiality policy pages. Anyone signed in reads the confidentiality policy
// in force and acknowledges it (once for each version), and sees where they stand on their own
// training; those the access policy lets see it (training.report) see the training report: every
// active member of staff, those with something overdue first. The home page's notice, when
// something needs doing, is worded here too. Courses are named in the governance policy's words;
// dates are UK days.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "governance/training_standing.h"
#include "http/response.h"
#include "policy/access_request.h"
#include "service/vault.h"
#include "web/pages.h"

namespace confide::web {

// ---- the confidentiality policy (anyone signed in) ----

struct ConfidentialityPolicyView {
  // The version in force: the vault's governance policy's, which outlives the page. Null when the
  // organisation has not set one (the page says so; it is not an error).
  const governance::ConfidentialityPolicy* in_force = nullptr;
  std::string digest;  // the vault's digest of it, sent back with the acknowledgement
  governance::AcknowledgementStanding acknowledgement;  // the signed-in member of staff's
  policy::TrainingState gate = policy::TrainingState::kCurrent;  // what the access gate sees of them now
  policy::TrainingMode mode = policy::TrainingMode::kDeny;      // what the gate does when it is not current
  bool thanks = false;  // just acknowledged (?acknowledged=1): said only when the standing agrees
  std::vector<FieldError> errors;  // the acknowledgement was refused (a version no longer in force)
};
// 200, or 400 with errors. The form to acknowledge is there only until this version is acknowledged.
http::Response ConfidentialityPolicyPage(const WebOptions& options, const SignedIn& who, const ConfidentialityPolicyView& view);

// The policy's text as paragraphs: split on blank lines, a paragraph's lines kept apart (<br>),
// everything escaped.
std::string PolicyParagraphs(std::string_view text);

// The error on the policy's page points at the text itself: read it again.
inline constexpr std::string_view kPolicyTextId = "policy-text";

// ---- training ----

// The signed-in member of staff's own courses and acknowledgement.
struct MyTrainingView {
  service::Vault::StaffTrainingStanding mine;
  governance::TrainingCatalogue catalogue;  // the courses' names
  policy::TrainingMode mode = policy::TrainingMode::kDeny;
};
http::Response MyTrainingPage(const WebOptions& options, const SignedIn& who, const MyTrainingView& view);

struct TrainingReportView {
  std::vector<service::Vault::StaffTrainingStanding> staff;  // in the service's order: overdue first
  governance::TrainingCatalogue catalogue;                   // a column for each course
  const governance::ConfidentialityPolicy* in_force = nullptr;  // null: none set
  policy::TrainingMode mode = policy::TrainingMode::kDeny;
  bool overdue_only = false;  // ?show=overdue: only those with something overdue
  bool link_staff = false;    // the viewer manages staff: names link to their administration pages
};
http::Response TrainingReportPage(const WebOptions& options, const SignedIn& who, const TrainingReportView& view);

// ---- words the pages share (web/training_words.cc) ----

// "3 December 2026": the UK day of an instant.
std::string UkDay(UnixMicros t);
// The catalogue's name for a course; the id when the catalogue does not know it.
std::string CourseName(const governance::TrainingCatalogue& catalogue, std::string_view id);
// Where a member of staff stands on a course, as a tag ("In date", "Due soon", "Lapsed", "Not
// completed"), and in the report "Not required" for a course their role does not need.
std::string CourseStateTag(const governance::CourseStanding& c);
// The acknowledgement as a tag with its date ("Acknowledged 3 December 2026", "Due by ...").
std::string AcknowledgementTag(const governance::AcknowledgementStanding& a);
// What the access gate sees, and what that means for personal data under the policy's mode.
std::string GateTag(policy::TrainingState gate, policy::TrainingMode mode);
// The signed-in person's own acknowledgement in a sentence ("You acknowledged version DEMO-1 on 3
// December 2026."); "" without a policy. Escaped.
std::string OwnAcknowledgementWords(const governance::AcknowledgementStanding& a, policy::TrainingState gate,
                                    policy::TrainingMode mode);
// The home page's notice (a GOV.UK notification banner, id "training-notice") when the
// acknowledgement is due or overdue or a required course is lapsed, missing or due soon: a sentence
// about the policy (id "training-notice-policy") and one about the courses (id
// "training-notice-courses"), each with its link. "" when nothing needs doing.
std::string TrainingNotice(const governance::TrainingStanding& standing, const governance::TrainingCatalogue& catalogue,
                           policy::TrainingState gate, policy::TrainingMode mode);

}  // namespace confide::web
