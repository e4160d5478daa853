#include "http/request.h"

#include <limits>

namespace confide::http {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]);
    unsigned char y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x + ('a' - 'A'));
    if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y + ('a' - 'A'));
    if (x != y) return false;
  }
  return true;
}

std::optional<std::string_view> Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

void PathParams::Set(std::string name, std::string value) {
  for (auto& [key, existing] : params_) {
    if (key == name) {
      existing = std::move(value);
      return;
    }
  }
  params_.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> PathParams::Get(std::string_view name) const {
  for (const auto& [key, value] : params_) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

Result<int64_t> PathParams::Int(std::string_view name) const {
  std::optional<std::string_view> text = Get(name);
  if (!text) return Status::Internal("the route has no path parameter named '" + std::string(name) + "'");
  auto invalid = [&] {
    return Status::InvalidArgument("path parameter '" + std::string(name) +
                                   "' must be a non-negative integer without sign or leading zeros");
  };
  std::optional<int64_t> value = ParseCanonicalInt(*text);
  if (!value) return invalid();
  return *value;
}

std::optional<int64_t> ParseCanonicalInt(std::string_view s) {
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const int digit = c - '0';
    if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace confide::http
