#include "web/signed_in_page.h"

#include "api/api_context.h"
#include "api/audit_hold.h"
#include "http/cookies.h"

namespace confide::web {

http::Handler SignedInPage(WebContext& ctx, std::string current, SignedInHandler page) {
  return [&ctx, current = std::move(current), page = std::move(page)](const http::Request& req,
                                                                      const http::PathParams& params) -> http::Response {
    return api::HeldUntilAudited(
        req,
        [&]() -> http::Response {
          const auto s = CurrentSession(ctx, req);
          // A session cookie whose session has ended (idle, expired, signed out elsewhere): say why.
          if (!s) return Redirect(http::CookieValue(req, api::kSessionCookie) ? "/sign-in?timed_out=1" : "/sign-in");
          if (!s->info.totp_enrolled) return Redirect("/sign-in/set-up-authenticator");
          if (!s->info.second_factor_passed) return Redirect("/sign-in/code");
          if (s->info.must_change_password) return Redirect("/sign-in/change-password");
          return page(req, params, *s, SignedIn{CsrfTokenFor(req), current});
        },
        [options = ctx.options](const std::string&) { return ServiceProblemPage(options); });
  };
}

Result<RecordAndChild> LoadRecordAndChild(WebContext& ctx, domain::StaffId viewer, domain::RecordId id,
                                          std::optional<domain::VersionNumber> version) {
  CONFIDE_ASSIGN_OR_RETURN(service::RecordView view, ctx.vault.GetRecord(viewer, id, version));
  CONFIDE_ASSIGN_OR_RETURN(domain::Person child, ctx.vault.GetPerson(viewer, view.version.person_id));
  return RecordAndChild{std::move(view), std::move(child)};
}

Result<domain::Person> LoadChild(WebContext& ctx, domain::StaffId viewer, const http::PathParams& params) {
  CONFIDE_ASSIGN_OR_RETURN(int64_t id, params.Int("id"));
  CONFIDE_ASSIGN_OR_RETURN(domain::Person person, ctx.vault.GetPerson(viewer, id));
  if (person.kind != domain::PersonKind::kChild) return Status::NotFound("no child with id " + std::to_string(id));
  return person;
}

Result<FormBody> SignedInForm(const http::Request& req, const WebSession& session) {
  if (CrossSite(req)) return Status::PermissionDenied("a form from another site");
  CONFIDE_ASSIGN_OR_RETURN(FormBody form, FormBody::Parse(req));
  if (!CsrfMatches(session, form.Get(std::string(kCsrfField), 200))) return Status::PermissionDenied("a form without its token");
  return form;
}

http::Response Failed(WebContext& ctx, const SignedIn& who, const Status& s) {
  if (s.code() == StatusCode::kNotFound || s.code() == StatusCode::kPermissionDenied) return NotAvailablePage(ctx.options, who);
  // The vault's words when a shredded subject's key is asked for (the access policy has already
  // let this viewer see the person, so saying so tells them nothing new).
  if (s.code() == StatusCode::kFailedPrecondition && s.message().find("has been destroyed") != std::string::npos) {
    return DestroyedRecordsPage(ctx.options, who);
  }
  return ServiceProblemPage(ctx.options);
}

bool IsFormRefusal(const Status& s) {
  return s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kFailedPrecondition ||
         s.code() == StatusCode::kConflict;
}

std::string MessageSentence(std::string message) {
  if (!message.empty() && message[0] >= 'a' && message[0] <= 'z') message[0] = static_cast<char>(message[0] - 'a' + 'A');
  return message;
}

}  // namespace confide::web
