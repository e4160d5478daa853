#include "domain/unique_pupil_number.h"

namespace confide::domain {
namespace {

constexpr size_t kLength = 13;

// The 23 letters a check letter (or a temporary UPN's last character) may be. I, O and S are left
// out because they are easily read as 1, 0 and 5.
constexpr std::string_view kCheckAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsCheckLetter(char c) { return kCheckAlphabet.find(c) != std::string_view::npos; }

// REQUIRES: `upn` has passed the format checks in Parse.
char ExpectedCheckLetter(std::string_view upn) {
  int sum = 0;
  for (size_t i = 1; i < kLength; ++i) {
    const char c = upn[i];
    const int value = IsDigit(c) ? c - '0' : static_cast<int>(kCheckAlphabet.find(c));
    sum += value * static_cast<int>(i + 1);  // character 2 has weight 2, ..., character 13 weight 13
  }
  return kCheckAlphabet[static_cast<size_t>(sum % 23)];
}

}  // namespace

Result<UniquePupilNumber> UniquePupilNumber::Parse(std::string_view text) {
  std::string upn;
  upn.reserve(kLength);
  for (char c : text) {
    if (c == ' ') continue;
    if (upn.size() == kLength) return Status::InvalidArgument("UPN must have 13 characters");
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    upn.push_back(c);
  }
  if (upn.size() != kLength) return Status::InvalidArgument("UPN must have 13 characters");
  if (!IsCheckLetter(upn[0])) return Status::InvalidArgument("UPN must start with a check letter");
  for (size_t i = 1; i < kLength - 1; ++i) {
    if (!IsDigit(upn[i])) return Status::InvalidArgument("UPN characters 2 to 12 must be digits");
  }
  if (!IsDigit(upn[kLength - 1]) && !IsCheckLetter(upn[kLength - 1])) {
    return Status::InvalidArgument("UPN must end with a digit or a letter other than I, O or S");
  }
  if (ExpectedCheckLetter(upn) != upn[0]) return Status::InvalidArgument("UPN check letter is wrong");
  return UniquePupilNumber(std::move(upn));
}

bool UniquePupilNumber::IsTemporary() const { return !IsDigit(value_[kLength - 1]); }

}  // namespace confide::domain
