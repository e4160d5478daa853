// Information sharing: the consent registry, the directory of recipients and agreements, and the
// sharing register (requests, decisions, approvals, the minimum dataset and what was sent).
//
// Bodies are read strictly: the sharing codecs (sharing/consent_json.h, sharing/register_json.h)
// refuse unknown members and name the member, never its value; the members Confide sets itself (a
// record's id, who recorded it, a withdrawal) are refused here, so a client cannot supply them.
// Every route is about ids only, and the vault decides and audits each access: a request or a
// consent the caller may not know exists reads as absent (404).
#include "api/api_context.h"
#include "codec/domain_json.h"
#include "codec/json_reader.h"
#include "sharing/consent_json.h"
#include "sharing/register_json.h"
#include "sharing/sharing_policy.h"

namespace confide::api {
namespace {

using nlohmann::json;

json Array(const auto& items, auto render) {
  json out = json::array();
  for (const auto& i : items) out.push_back(render(i));
  return out;
}

// The body with its top-level null members removed (an optional member set to null is absent),
// refusing the members Confide sets itself.
Result<json> BodyWithout(const http::Request& req, std::initializer_list<const char*> refused) {
  CONFIDE_ASSIGN_OR_RETURN(json body, Body(req));
  for (const char* key : refused) {
    if (body.contains(key)) return Status::InvalidArgument(std::string("body.") + key + " is not a field Confide knows");
  }
  for (auto it = body.begin(); it != body.end();) {
    if (it->is_null()) {
      it = body.erase(it);
    } else {
      ++it;
    }
  }
  return body;
}

// An empty body or an empty object: routes that take no input but change something.
Status NoInput(const http::Request& req) {
  if (req.body.empty()) return Status::Ok();
  CONFIDE_ASSIGN_OR_RETURN(json body, Body(req));
  codec::JsonReader rd(body, "body");
  return rd.Finish();
}

Result<std::optional<UnixMicros>> OptionalTime(codec::JsonReader& rd, const std::string& key) {
  CONFIDE_ASSIGN_OR_RETURN(auto text, rd.String(key));
  if (!text) return std::optional<UnixMicros>();
  CONFIDE_ASSIGN_OR_RETURN(UnixMicros t, codec::ParseTime(*text, rd.Field(key)));
  return std::optional<UnixMicros>(t);
}

// A list of the sharing policy's category ids.
Result<std::vector<std::string>> Categories(const sharing::SharingPolicy& policy, codec::JsonReader& rd, const std::string& key,
                                            bool required) {
  CONFIDE_ASSIGN_OR_RETURN(auto names, rd.Strings(key, required));
  if (!names) return std::vector<std::string>();
  for (const std::string& n : *names) {
    if (!policy.FindCategory(n)) return Status::InvalidArgument(rd.Field(key) + " holds a name that is not a category of the sharing policy");
  }
  return *names;
}

http::Response Created(const json& body, const std::string& location) {
  http::Response resp = http::Json(201, body);
  resp.SetHeader("Location", location);
  return resp;
}

Status AddConsentRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/consents", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto records, v.ListConsents(c.staff_id, id));
        return http::Json(200, {{"person_id", id}, {"consents", Array(records, sharing::ConsentToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/people/{id}/consents", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(json body, BodyWithout(req, {"id", "subject_id", "withdrawn_at", "withdrawn_by_id"}));
        CONFIDE_ASSIGN_OR_RETURN(sharing::ConsentRecord record, sharing::ConsentFromJson(body, &v.sharing_policy()));
        record.subject_id = id;
        CONFIDE_ASSIGN_OR_RETURN(int64_t cid, v.RecordConsent(c.staff_id, std::move(record)));
        return http::Json(201, {{"id", cid}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/consents/{id}/withdraw", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto by, rd.Int("withdrawn_by_id", true));
        CONFIDE_ASSIGN_OR_RETURN(auto at, OptionalTime(rd, "at"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        if (*by <= 0) return Status::InvalidArgument("body.withdrawn_by_id must be a person id");
        CONFIDE_RETURN_IF_ERROR(v.WithdrawConsent(c.staff_id, id, *by, at));
        return http::NoContent();
      })));
  return r.Add("POST", "/api/people/{id}/consent-check", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto purpose, rd.String("purpose", true, 200));
        CONFIDE_ASSIGN_OR_RETURN(auto recipient, rd.String("recipient", true, 200));
        CONFIDE_ASSIGN_OR_RETURN(std::vector<std::string> categories, Categories(v.sharing_policy(), rd, "categories", true));
        CONFIDE_ASSIGN_OR_RETURN(auto at, OptionalTime(rd, "at"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        if (!v.sharing_policy().FindPurpose(*purpose)) {
          return Status::InvalidArgument("body.purpose is not a purpose of the sharing policy");
        }
        const auto kind = sharing::ParseName<sharing::RecipientKind>(*recipient);
        if (!kind) return Status::InvalidArgument("body.recipient is not a kind of recipient (docs/sharing.md lists them)");
        CONFIDE_ASSIGN_OR_RETURN(sharing::ConsentFinding f, v.CheckConsent(c.staff_id, id, *purpose, *kind, categories, at));
        return http::Json(200, sharing::FindingToJson(f));
      }));
}

Status AddDirectoryRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/recipients", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(auto recipients, v.ListRecipients(c.staff_id));
        return http::Json(200, {{"recipients", Array(recipients, sharing::RecipientToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/recipients", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(json body, BodyWithout(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(sharing::Recipient recipient, sharing::RecipientFromJson(body));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, v.AddRecipient(c.staff_id, std::move(recipient)));
        return Created({{"id", id}}, "/api/recipients/" + std::to_string(id));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/recipients/{id}", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(sharing::Recipient recipient, v.GetRecipient(c.staff_id, id));
        return http::Json(200, sharing::RecipientToJson(recipient));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/recipients/{id}/verification", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto method, rd.String("method", true, 2000));
        CONFIDE_ASSIGN_OR_RETURN(auto notes, rd.String("notes", false, 2000));
        CONFIDE_ASSIGN_OR_RETURN(auto at, OptionalTime(rd, "at"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        CONFIDE_RETURN_IF_ERROR(v.RecordRecipientVerification(c.staff_id, id, *method, notes.value_or(""), at));
        return http::NoContent();
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/agreements", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(auto agreements, v.ListAgreements(c.staff_id));
        return http::Json(200, {{"agreements", Array(agreements, sharing::AgreementToJson)}});
      })));
  return r.Add("POST", "/api/agreements", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(json body, BodyWithout(req, {"id"}));
        CONFIDE_ASSIGN_OR_RETURN(sharing::SharingAgreement agreement, sharing::AgreementFromJson(body, v.sharing_policy()));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, v.RecordAgreement(c.staff_id, std::move(agreement)));
        return http::Json(201, {{"id", id}});
      }));
}

Status AddRegisterRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/sharing-requests", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(json body, BodyWithout(req, {"id", "recorded_by", "recorded_at"}));
        CONFIDE_ASSIGN_OR_RETURN(sharing::SharingRequest request, sharing::RequestFromJson(body, v.sharing_policy()));
        CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase sc, v.RecordSharingRequest(c.staff_id, std::move(request)));
        return Created(sharing::CaseToJson(sc), "/api/sharing-requests/" + std::to_string(sc.request.id));
      })));
  // An approver's queue: what waits for the caller's backing (a literal segment, so it wins over {id}).
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/sharing-requests/awaiting-approval", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(service::ApprovalQueue q, v.ListAwaitingApproval(c.staff_id));
        return http::Json(200, codec::ApprovalQueueToJson(q));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/sharing-requests/{id}", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase sc, v.GetSharingCase(c.staff_id, id));
        return http::Json(200, sharing::CaseToJson(sc));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/people/{id}/sharing-requests", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(auto cases, v.ListSharingCases(c.staff_id, id));
        return http::Json(200, {{"person_id", id}, {"cases", Array(cases, sharing::CaseToJson)}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/sharing-requests/{id}/decide", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_RETURN_IF_ERROR(NoInput(req));
        CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase sc, v.DecideSharingRequest(c.staff_id, id));
        return http::Json(200, sharing::CaseToJson(sc));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/sharing-requests/{id}/approvals", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto approval_text, rd.String("approval", true, 200));
        CONFIDE_ASSIGN_OR_RETURN(auto reason, rd.String("reason", true, 2000));
        CONFIDE_ASSIGN_OR_RETURN(auto at, OptionalTime(rd, "approved_at"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        const auto approval = sharing::ParseName<sharing::Approval>(*approval_text);
        if (!approval) {
          return Status::InvalidArgument(
              "body.approval must be designated_person, manager, data_protection_officer, legal_services or local_authority");
        }
        CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase sc, v.ApproveSharingRequest(c.staff_id, id, *approval, *reason, at));
        return http::Json(201, sharing::CaseToJson(sc));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/sharing-requests/{id}/dataset", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(sharing::MinimumDataset d, v.PrepareDisclosure(c.staff_id, id));
        return http::Json(200, {{"data", d.data}, {"fields", d.fields}, {"withheld", d.withheld}, {"document", d.document}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("POST", "/api/sharing-requests/{id}/send", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto told, rd.Bool("subject_told", true));
        CONFIDE_ASSIGN_OR_RETURN(auto why_not, rd.String("not_told_reason", false, 2000));
        CONFIDE_ASSIGN_OR_RETURN(auto days, rd.Int("valid_for_days"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        service::Vault::SendOptions options;
        options.subject_told = *told;
        options.not_told_reason = why_not.value_or("");
        if (days) {
          if (*days < 1 || *days > 365) return Status::InvalidArgument("body.valid_for_days must be 1 to 365");
          options.valid_for_micros = *days * int64_t{86'400'000'000};
        }
        CONFIDE_ASSIGN_OR_RETURN(service::Vault::SentDisclosure sent, v.SendDisclosure(c.staff_id, id, options));
        return http::Json(201, {{"case", sharing::CaseToJson(sent.sharing_case)},
                                {"package_id", sent.package_id},
                                {"package", sent.package_text}});
      })));
  // The package a send returned, fetched again (a page offering it after a redirect, a client
  // that lost it): the same members and content type as the send's answer, never a second send.
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/sharing-requests/{id}/disclosures/{disclosure}/package", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(int64_t disclosure, p.Int("disclosure"));
        CONFIDE_ASSIGN_OR_RETURN(std::string package, v.GetDisclosurePackage(c.staff_id, id, disclosure));
        // The package file names its own id in clear (docs/formats/disclosure-package.md).
        const json outer = json::parse(package, nullptr, false);
        if (!outer.is_object() || !outer.contains("package_id") || !outer["package_id"].is_string()) {
          return Status::Corruption("the kept package of disclosure " + std::to_string(disclosure) + " is malformed");
        }
        return http::Json(200, {{"request_id", id},
                                {"disclosure_id", disclosure},
                                {"package_id", outer["package_id"]},
                                {"package", package}});
      })));
  return r.Add("POST", "/api/sharing-requests/{id}/disclosures", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_ASSIGN_OR_RETURN(int64_t id, p.Int("id"));
        CONFIDE_ASSIGN_OR_RETURN(json body, Body(req));
        codec::JsonReader rd(body, "body");
        CONFIDE_ASSIGN_OR_RETURN(auto fields, rd.Strings("fields", true));
        CONFIDE_ASSIGN_OR_RETURN(auto withheld, rd.Strings("withheld"));
        CONFIDE_ASSIGN_OR_RETURN(auto channel, rd.String("channel", false, 200));
        CONFIDE_ASSIGN_OR_RETURN(auto package_id, rd.String("package_id", false, 200));
        CONFIDE_ASSIGN_OR_RETURN(auto told, rd.Bool("subject_told", true));
        CONFIDE_ASSIGN_OR_RETURN(auto why_not, rd.String("not_told_reason", false, 2000));
        CONFIDE_ASSIGN_OR_RETURN(auto already_sent, rd.Bool("already_sent"));
        CONFIDE_ASSIGN_OR_RETURN(auto sent_at, OptionalTime(rd, "sent_at"));
        CONFIDE_RETURN_IF_ERROR(rd.Finish());
        service::Vault::DisclosureInput in;
        in.fields = std::move(*fields);
        in.withheld = withheld.value_or(std::vector<std::string>());
        if (channel) {
          in.channel = sharing::ParseName<sharing::Channel>(*channel);
          if (!in.channel) {
            return Status::InvalidArgument("body.channel is not a channel (phone, email, secure_email, letter, portal, in_person)");
          }
        }
        in.package_id = package_id.value_or("");
        in.subject_told = *told;
        in.not_told_reason = why_not.value_or("");
        in.already_sent = already_sent.value_or(false);
        in.sent_at = sent_at;
        CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase sc, v.RecordDisclosure(c.staff_id, id, in));
        return http::Json(201, sharing::CaseToJson(sc));
      }));
}

}  // namespace

Status AddSharingRoutes(http::Router& r, ApiContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(AddConsentRoutes(r, ctx));
  CONFIDE_RETURN_IF_ERROR(AddDirectoryRoutes(r, ctx));
  return AddRegisterRoutes(r, ctx);
}

}  // namespace confide::api
