// The data protection officer's retention pages: the report of who is due for review or
// destruction (with the legal holds in force and the forms to place a hold and to destroy what is
// due), one person's review, the result of a destruction run, and the destruction certificates.
// People are named by id only, as the certificates name them: the DPO opens a child's page to
// see who they are.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "governance/retention_schedule.h"
#include "http/response.h"
#include "service/retention.h"
#include "web/pages.h"

namespace confide::web {

// Placing a legal hold: on everyone, or on everyone of a class, and why. As typed, for errors.
struct HoldForm {
  std::string scope;  // "everyone" or "class"
  std::string class_id;
  std::string reason;
  std::vector<FieldError> errors;
};

struct RetentionReportView {
  service::RetentionReport report;  // a dry run as of today
  std::vector<service::LegalHold> holds;  // those in force
  const governance::RetentionSchedule* schedule = nullptr;
  std::string notice;  // after a review, a hold placed or lifted
  HoldForm hold;
};
// 200, or 400 when the hold form has errors.
http::Response RetentionReportPage(const WebOptions& options, const SignedIn& who, const RetentionReportView& view);

// A review: destroy when due, or keep until a later date; a reason either way.
struct RetentionReviewForm {
  std::string decision;  // "destroy" or "retain"
  std::string day, month, year;  // retain until
  std::string reason;
  std::vector<FieldError> errors;
};

struct RetentionPersonView {
  domain::PersonId person_id = 0;
  std::optional<service::RetentionItem> item;  // nullopt: not listed by the run, so not due
  bool destroyed = false;                      // an earlier run destroyed their records
  std::vector<service::RetentionReview> reviews;
  const governance::RetentionSchedule* schedule = nullptr;
  RetentionReviewForm form;
};
// 200, or 400 when the form has errors.
http::Response RetentionPersonPage(const WebOptions& options, const SignedIn& who, const RetentionPersonView& view);

// What an applied run did: who was destroyed and the certificate issued (or that nobody was due).
http::Response RetentionRunPage(const WebOptions& options, const SignedIn& who, const service::RetentionReport& report,
                                const governance::RetentionSchedule& schedule);

// Every certificate: its id, when and by whom it was issued, whether its signature verifies, who
// it lists, and the signed body itself.
http::Response DestructionCertificatesPage(const WebOptions& options, const SignedIn& who,
                                           const std::vector<service::DestructionCertificate>& certificates,
                                           const governance::RetentionSchedule& schedule);

}  // namespace confide::web
