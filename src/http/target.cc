#include "http/target.h"

namespace confide::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool HasControl(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

Status ParseQuery(std::string_view query, std::map<std::string, std::string>& out) {
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;  // "a=1&&b=2": tolerated, it cannot mean anything else
    const size_t eq = piece.find('=');
    Result<std::string> name = PercentDecode(piece.substr(0, eq), true);
    Result<std::string> value =
        PercentDecode(eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1), true);
    if (!name.ok() || !value.ok()) return Status::InvalidArgument("the query string has a malformed percent-escape");
    if (name->empty()) return Status::InvalidArgument("the query string has a parameter without a name");
    if (name->find('\0') != std::string::npos || value->find('\0') != std::string::npos) {
      return Status::InvalidArgument("the query string contains a NUL character");
    }
    // A repeated name is refused rather than resolved: first-wins and last-wins parsers disagree,
    // and a filter that one layer reads differently from another is how checks get bypassed.
    if (!out.emplace(std::move(name).value(), std::move(value).value()).second) {
      return Status::InvalidArgument("the query string repeats a parameter");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return Status::InvalidArgument("malformed percent-escape");
      const int hi = HexValue(s[i + 1]);
      const int lo = HexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return Status::InvalidArgument("malformed percent-escape");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<Target> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return Status::InvalidArgument("the request target must be a path starting with '/'");
  }
  if (target.find('#') != std::string_view::npos) {
    return Status::InvalidArgument("the request target must not contain a fragment");
  }
  Target out;
  const size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  if (q != std::string_view::npos) out.query = std::string(target.substr(q + 1));

  if (raw_path != "/") {
    std::string_view rest = raw_path.substr(1);
    while (true) {
      const size_t slash = rest.find('/');
      Result<std::string> segment = PercentDecode(rest.substr(0, slash), false);
      if (!segment.ok()) return Status::InvalidArgument("the path has a malformed percent-escape");
      if (segment->find('/') != std::string::npos) {
        return Status::InvalidArgument("the path must not contain an encoded '/'");
      }
      if (HasControl(*segment)) return Status::InvalidArgument("the path must not contain control characters");
      if (*segment == "." || *segment == "..") {
        return Status::InvalidArgument("the path must not contain '.' or '..' segments");
      }
      out.segments.push_back(std::move(segment).value());
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
  }
  out.path.reserve(raw_path.size());
  for (const std::string& segment : out.segments) {
    out.path += '/';
    out.path += segment;
  }
  if (out.path.empty()) out.path.push_back('/');  // (not = "/": GCC 12 warns falsely, -Wrestrict)

  CONFIDE_RETURN_IF_ERROR(ParseQuery(out.query, out.query_params));
  return out;
}

}  // namespace confide::http
