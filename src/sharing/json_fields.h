// Reading the sharing register's JSON inputs strictly: every field known, every required field
// present, each of the right type, names from the policy's lists. Errors name the field, never
// its value (which may be personal data).
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "confide/result.h"

namespace confide::sharing {

class JsonFields {
 public:
  // `what` names the thing read ("recipient", "request") in every error.
  JsonFields(const nlohmann::json& j, std::string_view what) : j_(j), what_(what) {}

  // kInvalidArgument unless the JSON is an object whose keys are all in `known` and which has every
  // one of `required`.
  Status Check(std::initializer_list<std::string_view> known, std::initializer_list<std::string_view> required) const;
  bool Has(std::string_view key) const { return j_.contains(key); }

  Status Bad(std::string_view field, std::string_view problem) const;
  Result<int64_t> Id(std::string_view key) const;  // a positive whole number
  Result<bool> Flag(std::string_view key) const;
  Result<std::string> Text(std::string_view key) const;
  Result<UnixMicros> Time(std::string_view key) const;  // YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ
  // A list of strings, each accepted by `known`.
  Result<std::vector<std::string>> Names(std::string_view key, const std::function<bool(const std::string&)>& known) const;
  // Bytes written as lower-case hex.
  Result<std::vector<uint8_t>> Hex(std::string_view key) const;

  // A name from one of the sharing enums; `hint` says what is accepted.
  template <typename E, typename Parse>
  Result<E> Enum(std::string_view key, Parse parse, std::string_view hint) const {
    const nlohmann::json& v = j_.at(std::string(key));
    auto e = v.is_string() ? parse(v.template get<std::string>()) : std::nullopt;
    if (!e) return Bad(key, hint);
    return *e;
  }

 private:
  const nlohmann::json& j_;
  std::string what_;
};

}  // namespace confide::sharing
