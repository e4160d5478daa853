#include "codec/json_reader.h"

namespace confide::codec {

JsonReader::JsonReader(const nlohmann::json& object, std::string where) : object_(object), where_(std::move(where)) {
  if (!object_.is_object()) init_ = Status::InvalidArgument(where_ + " must be a JSON object");
}

Result<const nlohmann::json*> JsonReader::Find(const std::string& key, bool required) {
  CONFIDE_RETURN_IF_ERROR(init_);
  read_.insert(key);
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (required) return Status::InvalidArgument(Field(key) + " is required");
    return static_cast<const nlohmann::json*>(nullptr);
  }
  return &*it;
}

Result<std::optional<std::string>> JsonReader::String(const std::string& key, bool required, size_t max_bytes) {
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* v, Find(key, required));
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return Status::InvalidArgument(Field(key) + " must be a string");
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_bytes) return Status::InvalidArgument(Field(key) + " is longer than " + std::to_string(max_bytes) + " bytes");
  return std::optional<std::string>(s);
}

Result<std::optional<int64_t>> JsonReader::Int(const std::string& key, bool required) {
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* v, Find(key, required));
  if (!v) return std::optional<int64_t>();
  if (!v->is_number_integer()) return Status::InvalidArgument(Field(key) + " must be an integer");
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return Status::InvalidArgument(Field(key) + " is out of range");
  }
  return std::optional<int64_t>(v->get<int64_t>());
}

Result<std::optional<bool>> JsonReader::Bool(const std::string& key, bool required) {
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* v, Find(key, required));
  if (!v) return std::optional<bool>();
  if (!v->is_boolean()) return Status::InvalidArgument(Field(key) + " must be true or false");
  return std::optional<bool>(v->get<bool>());
}

Result<std::optional<std::vector<std::string>>> JsonReader::Strings(const std::string& key, bool required) {
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* v, Find(key, required));
  if (!v) return std::optional<std::vector<std::string>>();
  if (!v->is_array()) return Status::InvalidArgument(Field(key) + " must be an array of strings");
  std::vector<std::string> out;
  for (const auto& e : *v) {
    if (!e.is_string()) return Status::InvalidArgument(Field(key) + " must be an array of strings");
    out.push_back(e.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<const nlohmann::json*> JsonReader::Object(const std::string& key, bool required) {
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* v, Find(key, required));
  if (v && !v->is_object()) return Status::InvalidArgument(Field(key) + " must be an object");
  return v;
}

Result<const nlohmann::json*> JsonReader::Array(const std::string& key, bool required) {
  CONFIDE_ASSIGN_OR_RETURN(const nlohmann::json* v, Find(key, required));
  if (v && !v->is_array()) return Status::InvalidArgument(Field(key) + " must be an array");
  return v;
}

Result<domain::CivilDate> JsonReader::Date(const std::string& key) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<std::string> text, String(key, true, 10));
  const std::string value = text.value_or("");  // required: present once String succeeded
  auto d = domain::CivilDate::Parse(value);
  if (!d.ok()) return Status::InvalidArgument(Field(key) + " is not a date (YYYY-MM-DD)");
  return *d;
}

Status JsonReader::Finish() const {
  CONFIDE_RETURN_IF_ERROR(init_);
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!read_.count(it.key())) return Status::InvalidArgument(Field(it.key()) + " is not a field Confide knows");
  }
  return Status::Ok();
}

}  // namespace confide::codec
