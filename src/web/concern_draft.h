// Recording a safeguarding concern takes several pages (one thing per page where it helps). The
// answers so far travel with the form as hidden fields, not in a server-side draft: nothing about
// the concern is stored until the practitioner confirms it on "Check your answers", and nothing is
// ever in a URL.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/vault.h"
#include "web/form_body.h"
#include "web/pages.h"

namespace confide::web {

// A UK date and 24-hour time as typed in GOV.UK's boxes, if they name a real moment.
std::optional<UnixMicros> ParseUkDateTime(const std::string& day, const std::string& month, const std::string& year,
                                          const std::string& hour, const std::string& minute);

// Every answer, as typed (so a page with errors shows exactly what was entered).
struct ConcernDraft {
  std::string day, month, year, hour, minute;  // when it happened (UK time)
  std::string where, who_present;
  std::string seen;           // what you saw or heard: fact
  std::string opinion;        // what you think it means: opinion (optional)
  std::string childs_words;   // verbatim (optional)
  std::string injuries;       // observed: fact (optional)
  std::string action;         // what you did: fact
  std::string summary;        // one line for the chronology
  std::string tier = "sensitive";

  // When it happened, if the date and time are real.
  std::optional<UnixMicros> When() const;
  // The draft's fields by form name, for the hidden fields and for reading them back.
  std::map<std::string, std::string> Fields() const;
  void Read(FormBody& form);
};

// The steps, in order.
inline constexpr const char* kConcernSteps[] = {"when", "what", "action", "check"};

// The errors of one step's answers (empty: the step is complete).
std::vector<FieldError> CheckStep(const ConcernDraft& d, std::string_view step, UnixMicros now);

// The record the draft describes (call when every step is complete).
service::RecordDraft ToRecord(const ConcernDraft& d, domain::PersonId child);

}  // namespace confide::web
