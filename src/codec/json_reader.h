// JsonReader: strict reading of a JSON object from outside (an API request body). Every field is
// read by name and type; a missing required field, a wrong type or a field nobody asked for is a
// kInvalidArgument naming the field (never its value, which may be personal data).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "domain/civil_date.h"

namespace confide::codec {

class JsonReader {
 public:
  // `where` names the object in messages ("body", "body.concern").
  JsonReader(const nlohmann::json& object, std::string where);

  // Each returns nullopt when the field is absent (or null) and not required.
  Result<std::optional<std::string>> String(const std::string& key, bool required = false, size_t max_bytes = 100000);
  Result<std::optional<int64_t>> Int(const std::string& key, bool required = false);
  Result<std::optional<bool>> Bool(const std::string& key, bool required = false);
  Result<std::optional<std::vector<std::string>>> Strings(const std::string& key, bool required = false);
  // The field as an object (for a nested reader), or an array of objects.
  Result<const nlohmann::json*> Object(const std::string& key, bool required = false);
  Result<const nlohmann::json*> Array(const std::string& key, bool required = false);
  // A required date written "YYYY-MM-DD".
  Result<domain::CivilDate> Date(const std::string& key);

  // kInvalidArgument if the object has a field no one read: a typo must not be silently ignored.
  Status Finish() const;

  std::string Field(const std::string& key) const { return where_ + "." + key; }

 private:
  Result<const nlohmann::json*> Find(const std::string& key, bool required);

  const nlohmann::json& object_;
  std::string where_;
  std::set<std::string> read_;
  Status init_;
};

}  // namespace confide::codec
