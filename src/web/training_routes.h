// The training and confidentiality policy pages' routes. The policy and one's own training are for
// anyone signed in (acknowledging is confidentiality_policy.acknowledge, which the training gate
// never holds back: it is how someone whose acknowledgement is overdue becomes current again). The
// training report is for those the access policy lets read staff (staff.read), as the service
// decides: anyone else reads "You cannot see this page", before anything is looked at.
#pragma once

#include <string_view>
#include <vector>

#include "confide/result.h"
#include "confide/status.h"
#include "http/router.h"
#include "web/pages.h"
#include "web/web_context.h"

namespace confide::web {

Status AddTrainingRoutes(http::Router& router, WebContext& ctx);

// What the home page says about `staff`'s own training: the notice when something needs doing, and
// whether their role may see the training report. Reads their standing (audited as training.standing).
Result<HomeTraining> HomeTrainingOf(WebContext& ctx, domain::StaffId staff);

// The pages the routes give, for `viewer` signed in as `who`; here so that tests can ask for them
// without a server or a session.
// GET /confidentiality-policy (`thanks`: ?acknowledged=1; `errors`: the acknowledgement was refused).
http::Response ConfidentialityPolicyResponse(WebContext& ctx, domain::StaffId viewer, const SignedIn& who, bool thanks,
                                             std::vector<FieldError> errors = {});
// POST /confidentiality-policy/acknowledge with the form's version and digest: 303 to the policy's
// page with the thanks, or (a version no longer in force) that page again with the refusal.
http::Response AcknowledgeResponse(WebContext& ctx, domain::StaffId viewer, const SignedIn& who, std::string_view version,
                                   std::string_view digest);
// GET /training/mine.
http::Response MyTrainingResponse(WebContext& ctx, domain::StaffId viewer, const SignedIn& who);
// GET /training, or with `overdue_only` GET /training?show=overdue.
http::Response TrainingReportResponse(WebContext& ctx, domain::StaffId viewer, const SignedIn& who, bool overdue_only);

}  // namespace confide::web
