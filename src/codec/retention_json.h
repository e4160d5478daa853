// JSON of the retention schedule's reports, holds, reviews and certificates, as the CLI prints them
// (and the API will return them). Field names are stable: scripts read them.
#pragma once

#include <nlohmann/json.hpp>

#include "service/retention.h"

namespace confide::codec {

nlohmann::json RetentionItemToJson(const service::RetentionItem& item);
// An entry of a register about no child due for destruction, held, or destroyed by the run.
nlohmann::json RegisterRetentionItemToJson(const service::RegisterRetentionItem& item);
nlohmann::json RetentionReportToJson(const service::RetentionReport& report);
nlohmann::json LegalHoldToJson(const service::LegalHold& hold);
nlohmann::json RetentionReviewToJson(const service::RetentionReview& review);
nlohmann::json RetentionAssignmentToJson(const service::RetentionAssignment& a);
// The certificate's own body (parsed), its id, signature (hex) and whether it verified.
nlohmann::json DestructionCertificateToJson(const service::DestructionCertificate& c);

}  // namespace confide::codec
