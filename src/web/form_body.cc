#include "web/form_body.h"

#include "http/target.h"

namespace confide::web {

Result<FormBody> FormBody::Parse(const http::Request& req) {
  auto type = req.Header("Content-Type");
  if (!type || type->substr(0, type->find(';')) != "application/x-www-form-urlencoded") {
    return Status::InvalidArgument("the form was not sent as a form");
  }
  FormBody form;
  std::string_view rest = req.body;
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    CONFIDE_ASSIGN_OR_RETURN(std::string name, http::PercentDecode(pair.substr(0, eq), true));
    CONFIDE_ASSIGN_OR_RETURN(std::string value,
                             http::PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true));
    if (value.find('\0') != std::string::npos) return Status::InvalidArgument("form field " + name + " holds a NUL");
    if (!form.fields_.emplace(std::move(name), std::move(value)).second) {
      return Status::InvalidArgument("a form field was sent twice");
    }
  }
  return form;
}

std::string FormBody::Get(const std::string& name, size_t max_bytes) {
  read_.insert(name);
  auto it = fields_.find(name);
  if (it == fields_.end()) return "";
  if (it->second.size() > max_bytes) {
    too_long_ = name;
    return "";
  }
  return it->second;
}

void FormBody::GetDate(std::string_view prefix, std::string* day, std::string* month, std::string* year) {
  const std::string p(prefix);
  *day = Get(p + "_day", 10);
  *month = Get(p + "_month", 10);
  *year = Get(p + "_year", 10);
}

Status FormBody::Finish() const {
  if (!too_long_.empty()) return Status::InvalidArgument("form field " + too_long_ + " is too long");
  for (const auto& [name, _] : fields_) {
    if (!read_.count(name)) return Status::InvalidArgument("the form has a field Confide does not know");
  }
  return Status::Ok();
}

std::optional<domain::CivilDate> DateFromBoxes(std::string_view day, std::string_view month, std::string_view year) {
  auto pad = [](std::string_view s) { return s.size() == 1 ? "0" + std::string(s) : std::string(s); };
  if (year.size() != 4) return std::nullopt;
  auto date = domain::CivilDate::Parse(std::string(year) + "-" + pad(month) + "-" + pad(day));
  if (!date.ok()) return std::nullopt;
  return *date;
}

std::optional<int64_t> PositiveId(std::string_view text) {
  if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  const int64_t v = std::stoll(std::string(text));
  return v > 0 ? std::optional<int64_t>(v) : std::nullopt;
}

}  // namespace confide::web
