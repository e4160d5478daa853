#include "web/concern_draft.h"

#include "domain/text.h"
#include "domain/uk_time.h"

namespace confide::web {
std::optional<UnixMicros> ParseUkDateTime(const std::string& day, const std::string& month, const std::string& year,
                                          const std::string& hour_text, const std::string& minute_text) {
  const auto date = DateFromBoxes(day, month, year);
  if (!date) return std::nullopt;
  int hour = 0, minute = 0;
  try {
    size_t used = 0;
    hour = std::stoi(hour_text, &used);
    if (used != hour_text.size()) return std::nullopt;
    minute = std::stoi(minute_text, &used);
    if (used != minute_text.size()) return std::nullopt;
  } catch (...) {
    return std::nullopt;
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
  return domain::FromUkLocal(*date, hour, minute);
}

std::optional<UnixMicros> ConcernDraft::When() const { return ParseUkDateTime(day, month, year, hour, minute); }

std::map<std::string, std::string> ConcernDraft::Fields() const {
  return {{"when_day", day},       {"when_month", month},      {"when_year", year},    {"when_hour", hour},
          {"when_minute", minute}, {"where", where},           {"who_present", who_present},
          {"seen", seen},          {"opinion", opinion},       {"childs_words", childs_words},
          {"injuries", injuries},  {"action", action},         {"summary", summary},   {"tier", tier}};
}

void ConcernDraft::Read(FormBody& form) {
  form.GetDate("when", &day, &month, &year);
  hour = form.Get("when_hour", 10);
  minute = form.Get("when_minute", 10);
  where = form.Get("where", 1000);
  who_present = form.Get("who_present", 2000);
  seen = form.Get("seen", 20000);
  opinion = form.Get("opinion", 20000);
  childs_words = form.Get("childs_words", 20000);
  injuries = form.Get("injuries", 20000);
  action = form.Get("action", 20000);
  summary = form.Get("summary", 300);
  tier = form.Get("tier", 20);
}

std::vector<FieldError> CheckStep(const ConcernDraft& d, std::string_view step, UnixMicros now) {
  std::vector<FieldError> e;
  if (step == "when") {
    auto when = d.When();
    if (!when) {
      e.push_back({"when_day", "Enter when it happened: a real date, and a time such as 14 and 30"});
    } else if (*when > now) {
      e.push_back({"when_day", "When it happened must be in the past"});
    }
    if (domain::IsBlank(d.where)) e.push_back({"where", "Enter where it happened"});
  } else if (step == "what") {
    if (domain::IsBlank(d.seen)) e.push_back({"seen", "Enter what you saw or heard"});
  } else if (step == "action") {
    if (domain::IsBlank(d.action)) e.push_back({"action", "Enter what you did about it"});
    if (domain::IsBlank(d.summary)) e.push_back({"summary", "Enter a one-line summary for the chronology"});
    if (d.tier != "general" && d.tier != "sensitive" && d.tier != "restricted") e.push_back({"tier-general", "Choose who may see it"});
  }
  return e;
}

service::RecordDraft ToRecord(const ConcernDraft& d, domain::PersonId child) {
  service::RecordDraft r;
  r.person_id = child;
  r.kind = domain::RecordKind::kSafeguardingConcern;
  r.tier = domain::ParseSensitivityTier(d.tier).value_or(domain::SensitivityTier::kSensitive);
  r.occurred_at = d.When().value_or(0);
  domain::SafeguardingConcern k;
  k.what_happened.push_back({d.seen, domain::StatementBasis::kFact});
  if (!domain::IsBlank(d.opinion)) k.what_happened.push_back({d.opinion, domain::StatementBasis::kProfessionalOpinion});
  k.where = d.where;
  k.who_was_present = d.who_present;
  k.childs_words = d.childs_words;
  if (!domain::IsBlank(d.injuries)) k.injuries_observed.push_back({d.injuries, domain::StatementBasis::kFact});
  k.action_taken.push_back({d.action, domain::StatementBasis::kFact});
  r.content.summary = d.summary;
  r.content.concern = std::move(k);
  r.content.source.kind = domain::SourceKind::kStaffObservation;
  return r;
}

}  // namespace confide::web
