// JSON of Freedom of Information requests and their steps, as the CLI prints them and the API
// returns them; and the request bodies the API reads. Field names are stable.
#pragma once

#include <nlohmann/json.hpp>

#include "service/foi.h"

namespace confide::codec {

nlohmann::json FoiStepToJson(const service::FoiStep& s);
// The deadline with its arithmetic (explanation) in words.
nlohmann::json FoiDeadlineToJson(const governance::FoiRequestDeadline& d);
nlohmann::json FoiCaseToJson(const service::FoiCase& c);
// The grounds for refusal a reply or an extension may name (governance/foi_exemptions.h).
nlohmann::json FoiExemptionsToJson();

// Request bodies (strict: unknown fields are refused).
Result<service::FoiIntake> FoiIntakeFromJson(const nlohmann::json& j);
Result<service::FoiStepInput> FoiStepFromJson(const nlohmann::json& j);

}  // namespace confide::codec
