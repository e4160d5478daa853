// The sharing pages: a child's sharing requests, recording a request or proposal, the task list of
// one request (request → consent check → decision with reasons → approval → disclosure → sent),
// the minimum dataset before it is sent, and the package once it has been.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/response.h"
#include "sharing/minimum_dataset.h"
#include "sharing/sharing_register.h"
#include "web/pages.h"

namespace confide::web {

// A child's requests, newest first.
http::Response ChildSharingPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                                const std::vector<sharing::SharingCase>& cases, const sharing::SharingPolicy& policy);

// Recording a request (incoming), a proposal (outgoing) or a request for advice: the answers as
// typed, so a page with errors shows them again. Checkbox groups hold the values ticked.
struct SharingRequestForm {
  std::string direction, recipient, recipient_kind, purpose, agreement, channel, urgency = "routine", details, reasons;
  std::vector<std::string> categories, answers, documents;
  std::map<std::string, std::string> references;  // document kind → its reference
  std::vector<FieldError> errors;
};
struct SharingChoices {  // what the form offers
  const sharing::SharingPolicy* policy = nullptr;
  std::vector<sharing::Recipient> recipients;
  std::vector<sharing::SharingAgreement> agreements;
};
http::Response NewSharingRequestPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                                     const SharingChoices& choices, const SharingRequestForm& form);

// One request's task list. `staff_names` names whoever recorded, decided, approved or sent (ids
// not in it read "Staff N"). The approval form's answers and errors come back in `approval`.
struct ApprovalForm {
  std::string approval, reason;
  std::vector<FieldError> errors;
};
// The child a request is about, as far as the viewer may see them: a manager backing a share sees
// the request, not the child's records, so `name` is "" and only the id shows.
struct ChildLabel {
  domain::PersonId id = 0;
  std::string name;

  std::string Text() const { return name.empty() ? "Child " + std::to_string(id) : name; }
};

struct SharingCaseView {
  ChildLabel child;
  sharing::SharingCase sharing_case;
  const sharing::SharingPolicy* policy = nullptr;
  std::map<int64_t, std::string> staff_names;
  std::string notice;
  ApprovalForm approval;
};
http::Response SharingCasePage(const WebOptions& options, const SignedIn& who, const SharingCaseView& view);

// The minimum dataset the current decision releases, read before sending; whether the person is
// told (and if not, why) is the last question.
struct SendForm {
  std::string told, not_told_reason;
  std::vector<FieldError> errors;
};
http::Response DisclosurePreviewPage(const WebOptions& options, const SignedIn& who, const ChildLabel& child,
                                     const sharing::SharingCase& c, const sharing::MinimumDataset& dataset,
                                     const SendForm& form);

// The confirmation after sending: the package's id, where to get the file, what to do with it.
http::Response DisclosureSentPage(const WebOptions& options, const SignedIn& who, const ChildLabel& child,
                                  const sharing::SharingCase& c, const sharing::RecordedDisclosure& disclosure);

// An approver's queue (designated persons, managers, the DPO): the requests waiting for a backing
// their role gives, the most urgent first, each linked to its task list.
http::Response AwaitingApprovalPage(const WebOptions& options, const SignedIn& who, const sharing::SharingPolicy& policy,
                                    const service::ApprovalQueue& queue);

}  // namespace confide::web
