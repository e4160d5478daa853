#include "domain/nhs_number.h"

#include <optional>
#include <utility>

namespace confide::domain {
namespace {

constexpr size_t kDigits = 10;

// The modulus-11 check digit of the first nine digits (weights 10 down to 2), or nullopt when the
// remainder gives 10: NHS numbers are never issued with such a prefix.
// REQUIRES: `first_nine` holds nine ASCII digits.
std::optional<int> CheckDigit(std::string_view first_nine) {
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) sum += (first_nine[i] - '0') * static_cast<int>(10 - i);
  const int check = 11 - sum % 11;
  if (check == 11) return 0;
  if (check == 10) return std::nullopt;
  return check;
}

}  // namespace

Result<NhsNumber> NhsNumber::Parse(std::string_view text) {
  std::string digits;
  digits.reserve(kDigits);
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') {
      return Status::InvalidArgument("NHS number may contain only digits, spaces and hyphens");
    }
    // Stop counting early so an absurdly long input costs nothing more.
    if (digits.size() == kDigits) return Status::InvalidArgument("NHS number must have 10 digits");
    digits.push_back(c);
  }
  if (digits.size() != kDigits) return Status::InvalidArgument("NHS number must have 10 digits");
  const std::optional<int> check = CheckDigit(std::string_view(digits).substr(0, 9));
  if (!check.has_value() || *check != digits[9] - '0') {
    return Status::InvalidArgument("NHS number check digit is wrong");
  }
  return NhsNumber(std::move(digits));
}

std::string NhsNumber::Formatted() const {
  return digits_.substr(0, 3) + " " + digits_.substr(3, 3) + " " + digits_.substr(6);
}

bool NhsNumber::IsTestRange() const { return digits_.starts_with("999"); }

std::string GenerateTestNhsNumber(uint64_t seed) {
  // Layout: "999", five digits from seed / 9, then a ninth digit chosen so the check digit exists.
  // The ninth digit has weight 2, which is invertible mod 11 (2 * 6 = 12 = 1), so exactly one
  // value 0..10 of it makes the weighted sum 1 mod 11, that is, the check digit 10. That leaves at
  // least nine usable digits in 0..9; taking the (seed % 9)-th of them makes the mapping injective
  // over 100,000 * 9 seeds.
  constexpr uint64_t kPerPrefix = 9;
  constexpr uint64_t kPrefixes = 100000;
  seed %= kPrefixes * kPerPrefix;
  const std::string middle = std::to_string(seed / kPerPrefix);
  std::string out = "999" + std::string(5 - middle.size(), '0') + middle;

  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += (out[i] - '0') * static_cast<int>(10 - i);
  const int unusable = (1 - sum % 11 + 11) * 6 % 11;  // 0..10; 10 means every digit is usable
  const int wanted = static_cast<int>(seed % kPerPrefix);
  const int ninth = wanted < unusable ? wanted : wanted + 1;
  out.push_back(static_cast<char>('0' + ninth));
  // The check digit exists: `ninth` was chosen to avoid the one value that would make it 10.
  out.push_back(static_cast<char>('0' + *CheckDigit(out)));
  return out;
}

}  // namespace confide::domain
