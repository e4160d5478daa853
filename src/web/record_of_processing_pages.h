// The record of processing activities (UK GDPR Article 30) as a page: the service's JSON
// (service/record_of_processing.h, docs/governance.md "Record of processing") walked section by
// section, with links to the same record as files. The page reads only the JSON, so what it shows
// is exactly what the downloads, the API and the CLI give.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/response.h"
#include "web/pages.h"

namespace confide::web {

http::Response RecordOfProcessingPage(const WebOptions& options, const SignedIn& who, const nlohmann::ordered_json& record);

// "record-of-processing-2026-11-02.json": the file's name, dated with the UK day the record was
// generated (its generated_at), so that copies kept over the years sort and can be told apart.
// `extension` without the dot ("json", "txt").
std::string RecordOfProcessingFileName(const nlohmann::ordered_json& record, std::string_view extension);

}  // namespace confide::web
