// The data protection officer's subject access pages: the register (most urgent first), recording
// a new request, one request (its deadline with the arithmetic, the checks before release, its
// steps and the form to add one, the redactions in force), everything held about the person with
// the redaction form, and the bundle as it would be released with the approval and release forms.
// People are named by id (the DPO opens the child's page to see who they are); the requester's
// details are the request's own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/response.h"
#include "service/subject_access.h"
#include "web/pages.h"

namespace confide::web {

struct SarRegisterView {
  std::vector<service::SubjectAccessCase> requests;
  bool all = false;  // released and closed ones too
};
http::Response SarRegisterPage(const WebOptions& options, const SignedIn& who, const SarRegisterView& view);

// A new request, as typed (for errors).
struct SarIntakeForm {
  std::string person_id, requester, requester_name, requester_person_id, contact, request_text, identity, identity_method;
  std::string day, month, year;  // received on
  std::vector<FieldError> errors;
};
http::Response SarNewPage(const WebOptions& options, const SignedIn& who, const SarIntakeForm& form);

// Adding a step, as typed.
struct SarStepForm {
  std::string kind, note, months;
  std::string day, month, year;
  std::vector<FieldError> errors;
};
// Withdrawing a redaction, as typed.
struct SarWithdrawForm {
  std::string redaction, reason;
  std::vector<FieldError> errors;
};
struct SarRequestView {
  service::SubjectAccessCase request;
  std::string notice;  // after a step, a redaction, an approval
  SarStepForm step;
  SarWithdrawForm withdraw;
};
// 200, or 400 when a form has errors.
http::Response SarRequestPage(const WebOptions& options, const SignedIn& who, const SarRequestView& view);

// A redaction, as typed.
struct SarRedactionForm {
  std::string ref, field, text, ground, reason;
  std::vector<FieldError> errors;
};
struct SarSearchView {
  int64_t request_id = 0;
  domain::PersonId person_id = 0;
  std::vector<governance::BundleItem> items;
  SarRedactionForm form;
};
http::Response SarSearchPage(const WebOptions& options, const SignedIn& who, const SarSearchView& view);

struct SarPreviewView {
  service::SubjectAccessCase request;
  service::SubjectAccessBundle bundle;  // as it would be released now, or as released
  std::string note, channel;            // the approval and release forms, as typed
  std::vector<FieldError> errors;
};
http::Response SarPreviewPage(const WebOptions& options, const SignedIn& who, const SarPreviewView& view);

// Words shared by the pages.
std::string SarStateTag(const service::SubjectAccessCase& c);
std::string SarRequesterWords(service::SarRequester r);
std::string SarStepWords(service::SarStepKind k);
std::string SarGroundWords(governance::RedactionGround g);

}  // namespace confide::web
