// The wrapper of every page for a fully signed-in person: anyone else goes to the sign-in step they
// are at; the response is held until the audit events of what it shows are durable (an error page
// goes instead if they cannot be written); failures read as "You cannot see this page" when they
// are not-found or not-allowed, so the two cannot be told apart.
#pragma once

#include <functional>
#include <string>

#include "http/router.h"
#include "web/form_body.h"
#include "web/pages.h"
#include "web/web_session.h"

namespace confide::web {

using SignedInHandler =
    std::function<http::Response(const http::Request&, const http::PathParams&, const WebSession&, const SignedIn&)>;

// `current` is the navigation item this page is ("/", "/search"; "" for none).
http::Handler SignedInPage(WebContext& ctx, std::string current, SignedInHandler page);

// A record (a version of it, or the current one) and the child it is about: two audited reads.
struct RecordAndChild {
  service::RecordView view;
  domain::Person child;
};
Result<RecordAndChild> LoadRecordAndChild(WebContext& ctx, domain::StaffId viewer, domain::RecordId id,
                                          std::optional<domain::VersionNumber> version = std::nullopt);

// A child the viewer may see (an adult's id reads as not found): an audited read.
Result<domain::Person> LoadChild(WebContext& ctx, domain::StaffId viewer, const http::PathParams& params);

// A form posted from one of this session's own pages: from this site, well formed, with the
// session's CSRF token. kPermissionDenied otherwise (the page then reads "You cannot see this page").
Result<FormBody> SignedInForm(const http::Request& req, const WebSession& session);

// The page for a failed read: NotAvailablePage for kNotFound and kPermissionDenied, else an error.
http::Response Failed(WebContext& ctx, const SignedIn& who, const Status& s);

// Whether a service's refusal is the form's to show, as an error on it (kInvalidArgument,
// kFailedPrecondition, kConflict: what was typed does not fit), rather than an error page.
bool IsFormRefusal(const Status& s);

// A service's refusal as a sentence for a form's error message: its first letter capitalised
// (the service's messages name what was wrong, never the values typed).
std::string MessageSentence(std::string message);

}  // namespace confide::web
