#include "sharing/pseudonymise.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace confide::sharing {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                      "July",    "August",   "September", "October", "November", "December"};

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string Trim(std::string_view s) {
  const size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return "";
  return std::string(s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1));
}

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (IsDigit(c)) d += c;
  }
  return d;
}

struct Needle {
  std::string text;
  std::string replacement;
};

// Every whole-word, ASCII-case-insensitive occurrence of each needle, longest needles first.
std::string ReplaceWords(std::string text, std::vector<Needle> needles, size_t& count) {
  std::sort(needles.begin(), needles.end(), [](const Needle& a, const Needle& b) { return a.text.size() > b.text.size(); });
  for (const Needle& n : needles) {
    if (n.text.empty()) continue;
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      bool hit = i + n.text.size() <= text.size() && (i == 0 || !IsAlnum(text[i - 1]));
      for (size_t k = 0; hit && k < n.text.size(); ++k) hit = Lower(text[i + k]) == Lower(n.text[k]);
      const size_t end = i + n.text.size();
      if (hit && end < text.size() && IsAlnum(text[end])) hit = false;
      if (hit) {
        out += n.replacement;
        i = end;
        ++count;
      } else {
        out += text[i++];
      }
    }
    text = std::move(out);
  }
  return text;
}

// The ways people write a date: 27/03/2019, 27/3/19, 27-03-2019, 27.03.2019, 2019-03-27,
// 27 March 2019, 27th March 2019, 27 Mar 2019, March 27, 2019.
std::vector<std::string> DateForms(const domain::CivilDate& d) {
  const std::string day = std::to_string(d.day), month = std::to_string(d.month), year = std::to_string(d.year);
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  const std::string dd = two(d.day), mm = two(d.month), yy = two(d.year % 100);
  const std::string name(kMonths[static_cast<size_t>(d.month - 1)]);
  const std::string abbrev = name.substr(0, 3);
  const std::string suffix = (d.day % 10 == 1 && d.day != 11) ? "st" : (d.day % 10 == 2 && d.day != 12) ? "nd"
                             : (d.day % 10 == 3 && d.day != 13) ? "rd" : "th";
  std::vector<std::string> forms;
  for (const std::string& a : {dd, day}) {
    for (const std::string& b : {mm, month}) {
      for (const char* sep : {"/", "-", "."}) {
        forms.push_back(a + sep + b + sep + year);
        forms.push_back(a + sep + b + sep + yy);
      }
    }
  }
  forms.push_back(year + "-" + mm + "-" + dd);
  for (const std::string& m : {name, abbrev}) {
    forms.push_back(day + " " + m + " " + year);
    forms.push_back(day + suffix + " " + m + " " + year);
    forms.push_back(day + suffix + " of " + m + " " + year);
    forms.push_back(m + " " + day + ", " + year);
  }
  return forms;
}

std::vector<Needle> KnownNeedles(const std::vector<PersonToHide>& people) {
  std::vector<Needle> needles;
  for (const PersonToHide& p : people) {
    const std::string who = "[" + p.role + "]";
    std::vector<std::string> names;
    for (const std::string& n : p.names) {
      if (std::string t = Trim(n); t.size() >= 2) names.push_back(t);
    }
    // Full names first (longest wins), so "Ava Example" becomes one "[child]", not two.
    for (size_t a = 0; a < names.size(); ++a) {
      needles.push_back({names[a], who});
      for (size_t b = 0; b < names.size(); ++b) {
        if (a != b) needles.push_back({names[a] + " " + names[b], who});
      }
    }
    if (p.date_of_birth) {
      for (std::string& f : DateForms(*p.date_of_birth)) needles.push_back({std::move(f), "[date of birth]"});
    }
    if (std::string whole = Trim(p.address); !whole.empty()) {
      needles.push_back({whole, "[address]"});
      size_t start = 0;
      while (start <= p.address.size()) {
        const size_t end = std::min(p.address.find_first_of(",\n", start), p.address.size());
        if (std::string part = Trim(std::string_view(p.address).substr(start, end - start)); part.size() >= 4) {
          needles.push_back({part, "[address]"});
        }
        start = end + 1;
      }
    }
    if (std::string pc = Trim(p.postcode); !pc.empty()) {
      needles.push_back({pc, "[postcode]"});
      std::string squeezed;
      for (char c : pc) {
        if (c != ' ') squeezed += c;
      }
      needles.push_back({squeezed, "[postcode]"});
    }
    if (std::string email = Trim(p.email); !email.empty()) needles.push_back({email, "[email]"});
  }
  return needles;
}

// What a number is, from its digits: one the people are known by, a UK phone number, a 10-digit
// NHS number; "" when it is none of these. `international`: it was written with a leading "+".
std::string ClassifyNumber(const std::string& digits, bool international,
                           const std::vector<std::pair<std::string, std::string>>& known) {
  const std::string national = international && digits.rfind("44", 0) == 0 ? "0" + digits.substr(2) : digits;
  for (const auto& [d, r] : known) {
    if (national == d || digits == d) return r;
  }
  if (national.size() >= 10 && national.size() <= 11 && national[0] == '0') return "[phone]";
  if (international && digits.size() >= 10 && digits.size() <= 13) return "[phone]";
  if (digits.size() == 10) return "[NHS number]";
  return "";
}

// Long numbers: the known NHS numbers and phones of the people, then anything with the shape of a
// phone number or a 10-digit NHS number. A number may be written in groups ("943 476 5919",
// "07700-900-123"); several numbers in a row are told apart by trying the longest run of groups
// that makes one, from the left.
std::string ReplaceNumbers(const std::string& text, const std::vector<PersonToHide>& people, size_t& count) {
  std::vector<std::pair<std::string, std::string>> known;  // digits, replacement
  for (const PersonToHide& p : people) {
    if (std::string d = DigitsOf(p.nhs_number); !d.empty()) known.emplace_back(d, "[NHS number]");
    if (std::string d = DigitsOf(p.phone); !d.empty()) {
      if (d.rfind("44", 0) == 0 && p.phone.find('+') != std::string::npos) d = "0" + d.substr(2);
      known.emplace_back(d, "[phone]");
    }
  }
  struct Group {
    size_t begin, end;  // in text; begin includes a leading '+'
  };
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const bool starts = (IsDigit(text[i]) || (text[i] == '+' && i + 1 < text.size() && IsDigit(text[i + 1]))) &&
                        (i == 0 || !IsAlnum(text[i - 1]));
    if (!starts) {
      out += text[i++];
      continue;
    }
    std::vector<Group> groups;
    size_t j = i;
    while (true) {
      const size_t b = j;
      if (text[j] == '+') ++j;
      while (j < text.size() && IsDigit(text[j])) ++j;
      groups.push_back({b, j});
      if (j + 1 < text.size() && (text[j] == ' ' || text[j] == '-') && IsDigit(text[j + 1])) {
        ++j;
        continue;
      }
      break;
    }
    const bool glued = j < text.size() && IsAlnum(text[j]);  // "07700900123Kestrelbury": not a word
    size_t g = 0;
    while (g < groups.size()) {
      std::string digits;
      std::string replacement;
      size_t best = g;
      for (size_t h = g; h < groups.size(); ++h) {
        digits += DigitsOf(std::string_view(text).substr(groups[h].begin, groups[h].end - groups[h].begin));
        if (digits.size() > 13 && h > g) break;
        if (glued && h + 1 == groups.size()) break;
        std::string r = ClassifyNumber(digits, text[groups[g].begin] == '+', known);
        if (r.empty() && h == g && digits.size() > 10) r = "[number]";  // a long reference number
        if (!r.empty()) {
          replacement = std::move(r);
          best = h;
        }
      }
      const size_t next = (best + 1 < groups.size()) ? groups[best + 1].begin : j;
      if (!replacement.empty()) {
        out += replacement;
        ++count;
        out.append(text, groups[best].end, next - groups[best].end);  // the separator
        g = best + 1;
      } else {
        out.append(text, groups[g].begin, (g + 1 < groups.size() ? groups[g + 1].begin : j) - groups[g].begin);
        ++g;
      }
    }
    i = j;
  }
  return out;
}

// Any email address: local part, "@", a domain with a dot.
std::string ReplaceEmails(const std::string& text, size_t& count) {
  auto local = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
  auto domain = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; };
  std::string out;
  size_t copied = 0;
  for (size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
    size_t a = at;
    while (a > copied && local(text[a - 1])) --a;
    size_t b = at + 1;
    while (b < text.size() && domain(text[b])) ++b;
    while (b > at + 1 && text[b - 1] == '.') --b;  // a full stop ending the sentence
    const std::string_view dom(text.data() + at + 1, b - at - 1);
    if (a == at || dom.find('.') == std::string_view::npos) continue;
    out.append(text, copied, a - copied);
    out += "[email]";
    ++count;
    copied = b;
    at = b - 1;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

// A UK postcode in capitals: outward code (A9, A9A, A99, AA9, AA9A, AA99), a space or none,
// inward code (9AA).
size_t PostcodeAt(std::string_view t, size_t i) {
  auto outward_end = [&](size_t j) -> size_t {
    size_t letters = 0;
    while (j < t.size() && IsUpper(t[j]) && letters < 2) ++j, ++letters;
    if (letters == 0 || j >= t.size() || !IsDigit(t[j])) return 0;
    ++j;
    if (j < t.size() && (IsDigit(t[j]) || IsUpper(t[j]))) {
      // The inward code may follow directly ("SW1A1AA"): only take the extra character if an
      // inward code still follows it.
      const size_t k = j + 1;
      const bool inward_after = k + 3 <= t.size() && IsDigit(t[k]) && IsUpper(t[k + 1]) && IsUpper(t[k + 2]);
      const bool spaced_after = k + 4 <= t.size() && t[k] == ' ' && IsDigit(t[k + 1]) && IsUpper(t[k + 2]) && IsUpper(t[k + 3]);
      if (inward_after || spaced_after) ++j;
    }
    return j;
  };
  const size_t o = outward_end(i);
  if (o == 0) return 0;
  size_t j = o;
  if (j < t.size() && t[j] == ' ') ++j;
  if (j + 3 > t.size() || !IsDigit(t[j]) || !IsUpper(t[j + 1]) || !IsUpper(t[j + 2])) return 0;
  j += 3;
  if (j < t.size() && IsAlnum(t[j])) return 0;
  return j;
}

std::string ReplacePostcodes(const std::string& text, size_t& count) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = (i == 0 || !IsAlnum(text[i - 1])) ? PostcodeAt(text, i) : 0;
    if (end) {
      out += "[postcode]";
      ++count;
      i = end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// "[child] [child]" (a given and a family name replaced one by one) reads as one person.
std::string CollapseRepeats(std::string text) {
  for (size_t open = text.find('['); open != std::string::npos; open = text.find('[', open + 1)) {
    const size_t close = text.find(']', open);
    if (close == std::string::npos) break;
    const std::string token = text.substr(open, close - open + 1);
    const std::string twice = token + " " + token;
    while (text.compare(open, twice.size(), twice) == 0) text.erase(open + token.size(), token.size() + 1);
  }
  return text;
}

}  // namespace

Pseudonymised Pseudonymise(std::string_view text, const std::vector<PersonToHide>& people) {
  Pseudonymised out;
  std::string t(text);
  t = ReplaceEmails(t, out.replacements);  // before names: an address can contain a name
  t = ReplaceWords(std::move(t), KnownNeedles(people), out.replacements);
  t = ReplaceNumbers(t, people, out.replacements);
  t = ReplacePostcodes(t, out.replacements);
  out.text = CollapseRepeats(std::move(t));
  return out;
}

}  // namespace confide::sharing
