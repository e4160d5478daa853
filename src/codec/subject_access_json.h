// JSON of subject access requests, their steps, search results and bundles, as the CLI prints them
// and the API returns them; and the request bodies the API reads. Field names are stable.
#pragma once

#include <nlohmann/json.hpp>

#include "service/subject_access.h"

namespace confide::codec {

nlohmann::json SarStepToJson(const service::SarStep& s);
nlohmann::json RedactionToJson(const governance::Redaction& r);
// The deadline with its arithmetic (explanation) in words.
nlohmann::json SarDeadlineToJson(const governance::SubjectAccessDeadline& d);
nlohmann::json SubjectAccessCaseToJson(const service::SubjectAccessCase& c);
nlohmann::json BundleItemToJson(const governance::BundleItem& item);
// The bundle's header and counts; the JSON bundle itself (parsed) and the readable document when
// `with_content`.
nlohmann::json SubjectAccessBundleToJson(const service::SubjectAccessBundle& b, bool with_content);

// Request bodies (strict: unknown fields are refused).
Result<service::SubjectAccessIntake> SarIntakeFromJson(const nlohmann::json& j);
Result<service::SarStepInput> SarStepFromJson(const nlohmann::json& j);
Result<governance::Redaction> RedactionFromJson(const nlohmann::json& j);

}  // namespace confide::codec
