#include "sharing/json_fields.h"

#include <algorithm>

#include "common/bytes.h"
#include "domain/civil_date.h"

namespace confide::sharing {

using nlohmann::json;

Status JsonFields::Bad(std::string_view field, std::string_view problem) const {
  return Status::InvalidArgument(what_ + ": " + std::string(field) + " " + std::string(problem));
}

Status JsonFields::Check(std::initializer_list<std::string_view> known, std::initializer_list<std::string_view> required) const {
  if (!j_.is_object()) return Status::InvalidArgument(what_ + ": expected a JSON object");
  for (const auto& [key, value] : j_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) return Bad(key, "is not a field of a " + what_);
  }
  for (std::string_view r : required) {
    if (!j_.contains(r)) return Bad(r, "is missing");
  }
  return Status::Ok();
}

Result<int64_t> JsonFields::Id(std::string_view key) const {
  const json& v = j_.at(std::string(key));
  if (!v.is_number_integer() || v.get<int64_t>() <= 0) return Bad(key, "must be a positive whole number");
  return v.get<int64_t>();
}

Result<bool> JsonFields::Flag(std::string_view key) const {
  const json& v = j_.at(std::string(key));
  if (!v.is_boolean()) return Bad(key, "must be true or false");
  return v.get<bool>();
}

Result<std::string> JsonFields::Text(std::string_view key) const {
  const json& v = j_.at(std::string(key));
  if (!v.is_string()) return Bad(key, "must be text");
  return v.get<std::string>();
}

Result<UnixMicros> JsonFields::Time(std::string_view key) const {
  const json& v = j_.at(std::string(key));
  auto t = v.is_string() ? domain::ParseTimestampMicros(v.get<std::string>()) : Result<UnixMicros>(Status::InvalidArgument(""));
  if (!t.ok()) return Bad(key, "must be a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  return *t;
}

Result<std::vector<std::string>> JsonFields::Names(std::string_view key, const std::function<bool(const std::string&)>& known) const {
  const json& v = j_.at(std::string(key));
  if (!v.is_array()) return Bad(key, "must be a list of names");
  std::vector<std::string> out;
  for (const json& n : v) {
    if (!n.is_string()) return Bad(key, "must be a list of names");
    if (!known(n.get<std::string>())) return Bad(key, "holds an unknown name");
    out.push_back(n.get<std::string>());
  }
  return out;
}

Result<std::vector<uint8_t>> JsonFields::Hex(std::string_view key) const {
  CONFIDE_ASSIGN_OR_RETURN(std::string hex, Text(key));
  auto bytes = HexDecode(hex);
  if (!bytes.ok()) return Bad(key, "must be hexadecimal");
  return std::vector<uint8_t>(bytes->begin(), bytes->end());
}

}  // namespace confide::sharing
