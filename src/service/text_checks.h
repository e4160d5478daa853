// Small checks every register's input goes through: free text present and within bounds, and
// "today" as the organisation's day (UK time, not UTC's). Internal to src/service/.
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.h"
#include "confide/result.h"
#include "domain/civil_date.h"
#include "domain/uk_time.h"

namespace confide::service {

// Free text a register keeps (a note, a reason, what happened) is at most this long.
inline constexpr size_t kMaxRegisterText = 4000;

// The date in the UK at `now`.
inline domain::CivilDate UkToday(UnixMicros now) { return domain::ToUkLocal(now).date; }

// Nothing but spaces, tabs and line breaks.
inline bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// kInvalidArgument naming `what` if required and blank, or longer than kMaxRegisterText.
inline Status CheckText(std::string_view text, std::string_view what, bool required) {
  if (required && Blank(text)) return Status::InvalidArgument(std::string(what) + " is required");
  if (text.size() > kMaxRegisterText) return Status::InvalidArgument(std::string(what) + " is longer than 4,000 characters");
  return Status::Ok();
}

}  // namespace confide::service
