// Nothing leaves before its audit event is durable. A handler runs with an AuditDeferral on its
// thread: the vault queues the call's audit events without waiting, and the response is held
// (without holding a thread) until they are durable; if they cannot be written, another response
// goes instead and the data never leaves. Used by the JSON API and the web pages alike.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/request.h"
#include "http/response.h"
#include "service/audit_deferral.h"

namespace confide::api {

// The response sent instead when the audit log could not record the request.
using AuditFailureResponse = std::function<http::Response(const std::string& request_id)>;

// The API's: a 500 problem of type audit-unavailable.
http::Response AuditUnavailableProblem(const std::string& request_id);

class AuditHold final : public http::ResponseHold {
 public:
  AuditHold(std::shared_ptr<service::AuditDeferral::State> state, std::string request_id, AuditFailureResponse instead)
      : state_(std::move(state)), request_id_(std::move(request_id)), instead_(std::move(instead)) {}
  void WhenReleased(std::function<void(std::optional<http::Response>)> release) override {
    state_->WhenDone([release = std::move(release), id = request_id_, instead = instead_](Status s) {
      if (s.ok()) return release(std::nullopt);
      release(instead(id));
    });
  }

 private:
  std::shared_ptr<service::AuditDeferral::State> state_;
  std::string request_id_;
  AuditFailureResponse instead_;
};

// Runs `call` with an AuditDeferral on this thread and holds its response until the call's audit
// events are durable (`instead` answers if they cannot be written).
template <typename Call>
http::Response HeldUntilAudited(const http::Request& req, Call&& call, AuditFailureResponse instead = AuditUnavailableProblem) {
  service::AuditDeferral deferral;
  http::Response response = call();
  if (deferral.state()->tracked_any()) {
    response.hold = std::make_shared<AuditHold>(deferral.state(), req.request_id, std::move(instead));
  }
  return response;
}

}  // namespace confide::api
