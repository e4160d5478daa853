// UniquePupilNumber: a validated DfE unique pupil number (UPN), the identifier English state
// schools give each pupil. Thirteen characters: a check letter, then twelve characters that are
// all digits for a permanent UPN, or eleven digits and a letter for a temporary one.
//
// The check letter follows the published DfE rule (UK Government Data Standards Catalogue,
// "Unique Pupil Number" v2.0, 2004; also the DfE's UPN guidance for schools and LAs): characters 2
// to 13 are weighted 2 to 13, a temporary UPN's final letter counting as its position in the
// check alphabet, and the sum mod 23 indexes the alphabet A-Z without I, O and S.
//
// A UPN is personal data; parse errors never echo the input.
// Thread-safety: an immutable value; distinct objects may be used from any thread.
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <utility>

#include "confide/result.h"

namespace confide::domain {

class UniquePupilNumber {
 public:
  // Accepts upper or lower case and ignores spaces. Returns kInvalidArgument unless the result is
  // 13 characters of the form above with the right check letter.
  //
  // The local-authority code in characters 2-4 is not checked against the list of LA codes: that
  // list changes with local government reorganisation and includes pseudo-LA codes, and a stale
  // copy would reject genuine UPNs. The check letter already catches typing errors.
  static Result<UniquePupilNumber> Parse(std::string_view text);

  // Thirteen upper-case characters, no spaces: the canonical stored and indexed form.
  const std::string& value() const { return value_; }

  // True for a temporary UPN (final character a letter), issued when a pupil's permanent UPN is
  // not yet known; it should later be replaced by the permanent one.
  bool IsTemporary() const;

  bool operator==(const UniquePupilNumber&) const = default;
  auto operator<=>(const UniquePupilNumber&) const = default;

 private:
  explicit UniquePupilNumber(std::string value) : value_(std::move(value)) {}

  std::string value_;
};

}  // namespace confide::domain
