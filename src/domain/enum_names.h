// A tiny helper for enums that have stable lower_snake_case names on disk, in JSON and on the CLI.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace confide::domain {

template <typename E, size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

template <typename E, size_t N>
constexpr std::string_view NameOf(const EnumNames<E, N>& names, E value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return "unknown";
}

template <typename E, size_t N>
constexpr std::optional<E> ParseName(const EnumNames<E, N>& names, std::string_view text) {
  for (const auto& [e, name] : names) {
    if (name == text) return e;
  }
  return std::nullopt;
}

}  // namespace confide::domain
