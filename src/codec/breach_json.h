// JSON of the personal data breach register (service/breach.h), as the CLI prints it and the API
// returns it; and the request bodies the API reads. Field names are stable. Instants are written as
// codec::TimeText writes them (UTC, to the second) and read as codec::ParseTime reads them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "service/breach.h"

namespace confide::codec {

nlohmann::json BreachRiskToJson(const governance::BreachRisk& r);
// The 72 hours with their arithmetic (explanation) in words.
nlohmann::json BreachDeadlineToJson(const governance::BreachReportDeadline& d);
nlohmann::json BreachStepToJson(const service::BreachStep& s);
nlohmann::json BreachCaseToJson(const service::BreachCase& c);
nlohmann::json BreachCandidateToJson(const service::BreachCandidate& c);
// Every kind of breach with its words (for a reporting form's choices).
nlohmann::json BreachKindsToJson();

// A candidate to open as a breach: its source and the report as the DPO words it.
struct BreachOpening {
  std::string source;
  service::BreachReport report;
};
// A candidate that is not a breach, and why.
struct BreachDismissal {
  std::string source;
  std::string reason;
};

// Request bodies (strict: unknown fields are refused).
Result<service::BreachReport> BreachReportFromJson(const nlohmann::json& j);
Result<BreachOpening> BreachOpeningFromJson(const nlohmann::json& j);
Result<BreachDismissal> BreachDismissalFromJson(const nlohmann::json& j);
Result<service::BreachStepInput> BreachStepFromJson(const nlohmann::json& j);

}  // namespace confide::codec
