#include "auth/password_policy.h"

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "auth/utf8.h"

namespace confide::auth {

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}
bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// ASCII only; bytes of multi-byte UTF-8 characters are left alone (see the header).
std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Splits at anything that is not an ASCII letter or digit; non-ASCII bytes stay inside words, so
// "Zoë's Nursery" gives "Zoë", "s", "Nursery".
void AddWords(std::string_view text, std::vector<std::string>& out) {
  std::string word;
  for (char c : text) {
    if (IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
}

bool ContainsContextWord(const std::string& lower_password, std::string_view word) {
  const std::string lower_word = AsciiLower(Trim(word));
  const std::optional<size_t> length = CountUtf8CodePoints(lower_word);
  // Short words ("ann", "st") would refuse too many good passwords for little gain.
  if (!length || *length < kMinContextWordCodePoints) return false;
  return lower_password.find(lower_word) != std::string::npos;
}

}  // namespace

Result<PasswordBlocklist> PasswordBlocklist::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound("password blocklist not found: " + path);
    return Status::IOError("cannot open password blocklist " + path + ": " +
                           std::generic_category().message(err));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read password blocklist " + path);
  return FromText(text.str());
}

PasswordBlocklist PasswordBlocklist::FromText(std::string_view text) {
  PasswordBlocklist list;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    list.Add(text.substr(0, end));  // Add trims a Windows '\r'
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return list;
}

PasswordBlocklist PasswordBlocklist::FromEntries(const std::vector<std::string>& entries) {
  PasswordBlocklist list;
  for (const std::string& e : entries) list.Add(e);
  return list;
}

void PasswordBlocklist::Add(std::string_view line) {
  if (!line.empty() && line.front() == '#') return;  // "#!comment: ..." and plain comments
  const std::string_view entry = Trim(line);
  if (!entry.empty()) entries_.insert(AsciiLower(entry));
}

bool PasswordBlocklist::Contains(std::string_view password) const {
  return entries_.count(AsciiLower(Trim(password))) > 0;
}

std::vector<std::string> PasswordContextWords(std::string_view organisation_name,
                                              std::string_view email) {
  std::vector<std::string> words;
  if (!Trim(organisation_name).empty()) words.emplace_back(Trim(organisation_name));
  AddWords(organisation_name, words);
  const std::string_view local_part = email.substr(0, email.rfind('@'));
  if (!Trim(local_part).empty()) words.emplace_back(Trim(local_part));
  AddWords(local_part, words);
  return words;
}

Status CheckNewPassword(std::string_view password, const PasswordBlocklist& blocklist,
                        const std::vector<std::string>& context_words) {
  const std::optional<size_t> length = CountUtf8CodePoints(password);
  if (!length) {
    return Status::InvalidArgument(
        "The password contains characters that are not valid text (UTF-8).");
  }
  if (*length < kMinPasswordCodePoints) {
    return Status::InvalidArgument("The password must be at least 8 characters.");
  }
  if (*length > kMaxPasswordCodePoints) {
    return Status::InvalidArgument("The password must be at most 128 characters.");
  }
  if (blocklist.Contains(password)) {
    return Status::InvalidArgument(
        "The password is too common: it appears in a list of passwords known to attackers. "
        "Choose a longer phrase.");
  }
  const std::string lower = AsciiLower(password);
  bool contains = ContainsContextWord(lower, kServiceName);
  for (const std::string& word : context_words) {
    contains = contains || ContainsContextWord(lower, word);
  }
  if (contains) {
    return Status::InvalidArgument(
        "The password must not contain the name of this service, your organisation's name or "
        "your email address. Choose a phrase others could not guess from them.");
  }
  return Status::Ok();
}

}  // namespace confide::auth
