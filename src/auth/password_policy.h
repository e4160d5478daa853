// Rules for choosing a new password, after NIST SP 800-63B (section 3.1.1.2) and OWASP ASVS 5.0
// (V6.2): length is what counts, so no composition rules ("one upper case, one digit...") and no
// forced expiry; instead refuse passwords known to attackers and passwords built from the context.
//
//   - 8 to 128 characters, counted as Unicode code points, not bytes; spaces and every printable
//     character allowed. Text that is not valid UTF-8 is refused.
//   - not in a list of common and breached passwords (PasswordBlocklist);
//   - not equal to, and not containing, a context word of 4 or more characters: the service name
//     "confide", the organisation's name, the user's email local part (PasswordContextWords).
//
// Comparisons ignore ASCII case only: Confide has no Unicode case-folding or normalisation library,
// and the lists are ASCII. Error messages never contain the password or the context words.
// Thread-safety: a loaded PasswordBlocklist is immutable and may be shared between threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "confide/result.h"

namespace confide::auth {

inline constexpr size_t kMinPasswordCodePoints = 8;
inline constexpr size_t kMaxPasswordCodePoints = 128;
inline constexpr size_t kMinContextWordCodePoints = 4;
inline constexpr std::string_view kServiceName = "confide";

class PasswordBlocklist {
 public:
  // Reads a list with one password per line (data/passwords/common-passwords.txt). Lines starting
  // with '#' (including John the Ripper's "#!comment:") and blank lines are skipped; entries are
  // trimmed of surrounding whitespace and compared ignoring ASCII case. kNotFound if the file is
  // missing, kIOError if it cannot be read.
  static Result<PasswordBlocklist> Load(const std::string& path);
  // The same rules applied to the text of such a file (for a list compiled into the program)...
  static PasswordBlocklist FromText(std::string_view text);
  // ...or to entries already split into lines.
  static PasswordBlocklist FromEntries(const std::vector<std::string>& entries);

  // True if `password`, trimmed and ignoring ASCII case, is an entry.
  bool Contains(std::string_view password) const;
  size_t size() const { return entries_.size(); }

 private:
  void Add(std::string_view line);

  std::unordered_set<std::string> entries_;  // trimmed, ASCII lower case
};

// The context words for a user: the organisation's name and each of its words, and the local part
// of `email` (before the last '@') and each of its words. Words are split at every character that
// is not an ASCII letter or digit ("jane.smith+x" gives "jane", "smith", "x"). Words shorter than 4
// code points are ignored by CheckNewPassword, so they may be included here.
std::vector<std::string> PasswordContextWords(std::string_view organisation_name,
                                              std::string_view email);

// OK if `password` may be chosen. Otherwise kInvalidArgument with a message fit to show the user.
// `context_words` are refused in addition to kServiceName, which is always refused.
Status CheckNewPassword(std::string_view password, const PasswordBlocklist& blocklist,
                        const std::vector<std::string>& context_words);

}  // namespace confide::auth
