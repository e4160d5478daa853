// JSON of the deadlines view (service/deadlines.h), as `confide due --json` prints it and
// GET /api/deadlines returns it. Field names are stable.
#pragma once

#include <nlohmann/json.hpp>

#include "service/deadlines.h"

namespace confide::codec {

nlohmann::json DeadlineToJson(const governance::Deadline& d);
nlohmann::json DeadlineReportToJson(const service::DeadlineReport& r);

}  // namespace confide::codec
