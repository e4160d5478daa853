// The record of processing activities' routes (web/record_of_processing_routes.h). Every request
// builds the record afresh: it is generated from the configuration, so there is nothing to keep,
// and each reading is audited by the service as the reads it makes.
#include "web/record_of_processing_routes.h"

#include "service/record_of_processing.h"
#include "web/record_of_processing_pages.h"
#include "web/signed_in_page.h"

namespace confide::web {
namespace {

using Req = const http::Request&;
using Params = const http::PathParams&;

// The retention schedule in force is the governance policy's, held by the retention service.
Result<service::RecordOfProcessing> Build(WebContext& ctx, const WebSession& s) {
  return service::BuildRecordOfProcessing(ctx.vault, s.info.staff_id, ctx.retention->policy().retention);
}

}  // namespace

Status AddRecordOfProcessingRoutes(http::Router& router, WebContext& ctx) {
  CONFIDE_RETURN_IF_ERROR(router.Add("GET", "/record-of-processing", SignedInPage(ctx, "", [&ctx](Req, Params, const WebSession& s, const SignedIn& who) {
    auto ropa = Build(ctx, s);
    if (!ropa.ok()) return Failed(ctx, who, ropa.status());
    return RecordOfProcessingPage(ctx.options, who, ropa->json);
  })));

  // The files: the record itself in JSON (without the API's copy of the document), and the
  // document, each an attachment named with the day it was generated.
  for (const char* kind : {"json", "txt"}) {
    const bool json = std::string_view(kind) == "json";
    CONFIDE_RETURN_IF_ERROR(router.Add("GET", std::string("/record-of-processing.") + kind,
                                       SignedInPage(ctx, "", [&ctx, json, kind](Req, Params, const WebSession& s, const SignedIn& who) {
      auto ropa = Build(ctx, s);
      if (!ropa.ok()) return Failed(ctx, who, ropa.status());
      http::Response r;
      r.status = 200;
      r.SetHeader("Content-Type", json ? "application/json" : "text/plain; charset=utf-8");
      r.SetHeader("Content-Disposition", "attachment; filename=\"" + RecordOfProcessingFileName(ropa->json, kind) + "\"");
      r.SetHeader("Cache-Control", "no-store");
      // Indented, for a person opening the file; a name that is not valid UTF-8 cannot stop it.
      r.body = json ? ropa->json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n" : ropa->document;
      return r;
    })));
  }
  return Status::Ok();
}

}  // namespace confide::web
