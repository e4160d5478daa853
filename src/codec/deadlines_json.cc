#include "codec/deadlines_json.h"

namespace confide::codec {

nlohmann::json DeadlineToJson(const governance::Deadline& d) {
  return {{"kind", governance::ToString(d.kind)},
          {"ref", d.ref},
          {"title", d.title},
          {"due_on", d.due_on.ToIso()},
          {"overdue", d.overdue},
          {"days_left", d.days_left},
          {"working_days_left", d.working_days_left},
          {"countdown", d.countdown},
          {"explanation", d.explanation}};
}

nlohmann::json DeadlineReportToJson(const service::DeadlineReport& r) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : r.deadlines) items.push_back(DeadlineToJson(d));
  return {{"today", r.today.ToIso()},
          {"within_days", r.within_days},
          {"deadlines", items},
          {"waiting", r.waiting},
          {"not_shown", r.not_shown}};
}

}  // namespace confide::codec
