#include "http/json_body.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace confide::http {
namespace {

using json = nlohmann::json;

// nlohmann's SAX interface: checks depth and key uniqueness without building anything.
class Checker {
 public:
  enum class Problem { kNone, kSyntax, kDepth, kDuplicateKey };

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(json::number_integer_t) { return true; }
  bool number_unsigned(json::number_unsigned_t) { return true; }
  bool number_float(json::number_float_t, const std::string&) { return true; }
  bool string(std::string&) { return true; }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) { return Push(true); }
  bool end_object() { return Pop(); }
  bool start_array(std::size_t) { return Push(false); }
  bool end_array() { return Pop(); }
  bool key(std::string& k) {
    // The innermost open container is an object here (the parser guarantees it).
    if (!frames_.back().keys.insert(k).second) {
      problem_ = Problem::kDuplicateKey;
      return false;
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const json::exception&) {
    problem_ = Problem::kSyntax;
    position_ = position;
    return false;
  }

  Problem problem() const { return problem_; }
  size_t position() const { return position_; }

 private:
  struct Frame {
    bool object;
    std::unordered_set<std::string> keys;
  };
  bool Push(bool object) {
    if (frames_.size() >= static_cast<size_t>(kMaxJsonDepth)) {
      problem_ = Problem::kDepth;
      return false;
    }
    frames_.push_back(Frame{object, {}});
    return true;
  }
  bool Pop() {
    frames_.pop_back();
    return true;
  }

  std::vector<Frame> frames_;
  Problem problem_ = Problem::kNone;
  size_t position_ = 0;
};

}  // namespace

Result<nlohmann::json> ParseJsonBody(const Request& request, bool require_object) {
  if (request.body.empty()) return Status::InvalidArgument("the request body is empty; a JSON document was expected");
  Checker checker;
  bool complete = false;
  try {
    complete = json::sax_parse(request.body, &checker, json::input_format_t::json, /*strict=*/true);
  } catch (const std::exception&) {
    complete = false;  // sax_parse reports through the checker; this is only a backstop
  }
  switch (checker.problem()) {
    case Checker::Problem::kDepth:
      return Status::InvalidArgument("the request body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    case Checker::Problem::kDuplicateKey:
      return Status::InvalidArgument("the request body repeats a key within one object");
    case Checker::Problem::kSyntax:
      return Status::InvalidArgument("the request body is not valid JSON (at byte " +
                                     std::to_string(checker.position()) + ")");
    case Checker::Problem::kNone:
      break;
  }
  if (!complete) return Status::InvalidArgument("the request body is not valid JSON");
  json parsed = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidArgument("the request body is not valid JSON");
  if (require_object && !parsed.is_object()) return Status::InvalidArgument("the request body must be a JSON object");
  return parsed;
}

}  // namespace confide::http
