// The data protection officer's Freedom of Information pages: the register (most urgent first, with
// no requester's name in it), recording a request as it arrives, and one request (its deadline with
// the arithmetic, its steps with the exemptions relied on, and the form to add a step). The
// requester's details are shown only on their request's own page.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/response.h"
#include "service/foi.h"
#include "web/pages.h"

namespace confide::web {

struct FoiRegisterView {
  std::vector<service::FoiCase> requests;
  bool all = false;               // answered, routed and closed ones too
  bool maintained_school = false;  // the clock counts school days
};
http::Response FoiRegisterPage(const WebOptions& options, const SignedIn& who, const FoiRegisterView& view);

// A new request, as typed (for errors).
struct FoiIntakeForm {
  std::string requester_name, contact, request_text, channel;
  std::string day, month, year;  // received on
  std::vector<FieldError> errors;
};
http::Response FoiNewPage(const WebOptions& options, const SignedIn& who, const FoiIntakeForm& form);

// One exemption's answers in the step form, as typed.
struct FoiExemptionAnswer {
  bool ticked = false;
  std::string reason, public_interest;
};
// Adding a step, as typed.
struct FoiStepForm {
  std::string kind, note, working_days, subject_access_request_id, outcome;
  std::string day, month, year;
  std::map<std::string, FoiExemptionAnswer> exemptions;  // by exemption id ("s40_2")
  std::vector<FieldError> errors;
};
struct FoiRequestView {
  service::FoiCase request;
  std::string notice;  // after the request is recorded, or a step
  FoiStepForm step;
};
// 200, or 400 when the step form has errors.
http::Response FoiRequestPage(const WebOptions& options, const SignedIn& who, const FoiRequestView& view);

// The outcome radios' first option: where an error about the outcome is shown.
inline constexpr std::string_view kFoiOutcomeField = "outcome-disclosed";

// Words shared by the pages, and the breadcrumb back to the register.
std::string FoiStateTag(const service::FoiCase& c);
std::string FoiStepWords(service::FoiStepKind k);
std::string FoiOutcomeWords(service::FoiOutcome o);
// How it arrived, in words ("Web form"); what was typed for anything else.
std::string FoiChannelWords(std::string_view channel);
std::string FoiBreadcrumbs();

}  // namespace confide::web
