// Redaction and rendering of subject access bundles (governance/subject_access_bundle.h).
#include "governance/subject_access_bundle.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace confide::governance {
namespace {

using ordered_json = nlohmann::ordered_json;

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool Space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Where `needle` matches `hay` at `at`: the end of the match, or npos. ASCII letters match without
// regard to case; a run of spaces, tabs or line breaks in the needle matches any such run.
size_t MatchAt(std::string_view hay, size_t at, std::string_view needle) {
  size_t h = at, n = 0;
  while (n < needle.size()) {
    if (Space(needle[n])) {
      if (h >= hay.size() || !Space(hay[h])) return std::string_view::npos;
      while (n < needle.size() && Space(needle[n])) ++n;
      while (h < hay.size() && Space(hay[h])) ++h;
      continue;
    }
    if (h >= hay.size() || Lower(hay[h]) != Lower(needle[n])) return std::string_view::npos;
    ++h;
    ++n;
  }
  return h;
}

// Every [start, end) where `needle` occurs in `hay`.
void FindAll(std::string_view hay, std::string_view needle, std::vector<std::pair<size_t, size_t>>& out) {
  if (needle.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
  for (size_t i = 0; i < hay.size(); ++i) {
    const size_t end = MatchAt(hay, i, needle);
    if (end != std::string_view::npos) out.emplace_back(i, end);
  }
}

size_t FindFolded(std::string_view hay, std::string_view needle) {
  std::vector<std::pair<size_t, size_t>> found;
  FindAll(hay, needle, found);
  return found.empty() ? std::string_view::npos : found.front().first;
}

// Replaces every place any of `needles` occurs in `value` (found in the original, overlapping and
// adjacent places merged) by one marker each; returns whether anything changed.
bool BlackOut(std::string& value, const std::vector<std::string_view>& needles) {
  std::vector<std::pair<size_t, size_t>> found;
  for (std::string_view n : needles) FindAll(value, n, found);
  if (found.empty()) return false;
  std::sort(found.begin(), found.end());
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < found.size();) {
    size_t start = found[i].first, end = found[i].second;
    for (++i; i < found.size() && found[i].first <= end; ++i) end = std::max(end, found[i].second);
    out.append(value, copied, start - copied);
    out += kRedactedMarker;
    copied = end;
  }
  out.append(value, copied, std::string::npos);
  value = std::move(out);
  return true;
}

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// "given_names" -> "Given names"; "concern.what_happened.0.text" -> "Concern what happened 1 text".
std::string FieldWords(std::string_view name) {
  std::string out;
  std::string number;
  auto flush_number = [&] {
    if (number.empty()) return;
    out += std::to_string(std::stoll(number) + 1);  // statements are numbered from 1 for readers
    number.clear();
  };
  bool part_start = true;
  for (char c : name) {
    if (c == '_' || c == '.') {
      flush_number();
      out += ' ';
      part_start = true;
      continue;
    }
    if (part_start && std::isdigit(static_cast<unsigned char>(c))) {
      number += c;
      continue;
    }
    if (!number.empty()) {
      out += number;
      number.clear();
    }
    part_start = false;
    out += c;
  }
  flush_number();
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

const char* SectionTitle(std::string_view section) {
  if (section == "details") return "Details held about the person";
  if (section == "relationships") return "Family and other relationships";
  if (section == "records") return "Records (case notes, chronology entries, concerns), every version";
  if (section == "consents") return "Consent given or refused";
  if (section == "sharing") return "Information shared with or asked for by others";
  return "Other information";
}

constexpr const char* kSectionOrder[] = {"details", "relationships", "records", "consents", "sharing"};

ordered_json ItemsJson(const std::vector<BundleItem>& items) {
  ordered_json out = ordered_json::array();
  for (const BundleItem& item : items) {
    ordered_json fields = ordered_json::object();
    for (const auto& [name, value] : item.fields) fields[name] = value;
    out.push_back({{"ref", item.ref}, {"section", item.section}, {"title", item.title}, {"fields", fields}});
  }
  return out;
}

}  // namespace

std::string_view ToString(RedactionGround g) {
  switch (g) {
    case RedactionGround::kThirdParty: return "third_party";
    case RedactionGround::kAnonymousInformant: return "anonymous_informant";
    case RedactionGround::kChildsExpectation: return "childs_expectation";
    case RedactionGround::kSeriousHarm: return "serious_harm";
    case RedactionGround::kOtherExemption: return "other_exemption";
  }
  return "unknown";
}

std::optional<RedactionGround> ParseRedactionGround(std::string_view s) {
  for (RedactionGround g : {RedactionGround::kThirdParty, RedactionGround::kAnonymousInformant, RedactionGround::kChildsExpectation,
                            RedactionGround::kSeriousHarm, RedactionGround::kOtherExemption}) {
    if (s == ToString(g)) return g;
  }
  return std::nullopt;
}

std::string_view GroundWords(RedactionGround g) {
  switch (g) {
    case RedactionGround::kThirdParty:
      return "information about someone else, who has not consented and whom it is not reasonable to disclose without "
             "consent (DPA 2018 Sch. 2 para. 16)";
    case RedactionGround::kAnonymousInformant:
      return "the identity of someone who gave information on the understanding that they would not be identified "
             "(DPA 2018 Sch. 2 para. 16 and the duty of confidence)";
    case RedactionGround::kChildsExpectation:
      return "information the child gave expecting that it would not be disclosed to the person asking, when a parent "
             "asks on the child's behalf (DPA 2018 Sch. 3 Part 3, social work data)";
    case RedactionGround::kSeriousHarm:
      return "information likely to prejudice the carrying out of social work by causing serious harm to the physical or "
             "mental health of the person or anyone else (DPA 2018 Sch. 3 Part 3, social work data)";
    case RedactionGround::kOtherExemption:
      return "another exemption, named in the reason";
  }
  return "unknown";
}

bool RefCovers(std::string_view ref, std::string_view item_ref) {
  if (ref == "*" || ref == item_ref) return true;
  return item_ref.size() > ref.size() && item_ref.substr(0, ref.size()) == ref && item_ref[ref.size()] == '/';
}

Status CheckRedaction(const std::vector<BundleItem>& items, const Redaction& r) {
  if (Blank(r.reason)) return Status::InvalidArgument("a redaction needs a reason");
  if (r.reason.size() > 4000) return Status::InvalidArgument("the redaction's reason is longer than 4,000 characters");
  if (r.ref.empty()) return Status::InvalidArgument("a redaction names what it covers (ref): an item, or \"*\" for every item");
  if (r.ref == "*" && r.text.empty()) {
    return Status::InvalidArgument("a redaction of every item (\"*\") names the words to black out (text)");
  }
  if (r.ref != "*" && (r.ref.find('/') == std::string::npos || r.ref.back() == '/')) {
    return Status::InvalidArgument("a redaction covers \"*\" or one item by its reference (record/40, or record/40/v2)");
  }
  if (!r.text.empty() && Blank(r.text)) return Status::InvalidArgument("the words to black out are blank");
  bool ref_found = false;
  bool field_found = false;
  for (const BundleItem& item : items) {
    if (!RefCovers(r.ref, item.ref)) continue;
    ref_found = true;
    for (const auto& [name, value] : item.fields) {
      if (!r.field.empty() && name != r.field) continue;
      field_found = true;
      if (r.text.empty() || FindFolded(value, r.text) != std::string::npos) return Status::Ok();
    }
    if (r.field.empty() && r.text.empty()) return Status::Ok();  // the whole item
  }
  if (!ref_found) return Status::InvalidArgument("nothing found about the person is called \"" + r.ref + "\"");
  if (!field_found) return Status::InvalidArgument("\"" + r.ref + "\" has no field \"" + r.field + "\"");
  // Never echo the words: they are what is being hidden.
  return Status::InvalidArgument("the words to black out do not occur in " + (r.field.empty() ? "\"" + r.ref + "\"" : "field \"" + r.field + "\" of \"" + r.ref + "\""));
}

RedactedBundle ApplyRedactions(const std::vector<BundleItem>& items, const std::vector<Redaction>& redactions) {
  RedactedBundle out;
  for (const BundleItem& original : items) {
    bool withheld = false;
    for (const Redaction& r : redactions) {
      if (RefCovers(r.ref, original.ref) && r.field.empty() && r.text.empty()) withheld = true;
    }
    if (withheld) {
      ++out.items_withheld;
      continue;
    }
    BundleItem item = original;
    for (auto& [name, value] : item.fields) {
      bool whole = false;
      std::vector<std::string_view> words;
      for (const Redaction& r : redactions) {
        if (!RefCovers(r.ref, item.ref) || (!r.field.empty() && r.field != name)) continue;
        if (r.text.empty()) whole = true;
        else words.push_back(r.text);
      }
      if (whole) {
        value = std::string(kRedactedMarker);
        ++out.fields_redacted;
      } else if (BlackOut(value, words)) {
        ++out.fields_redacted;
      }
    }
    // A title is built from dates and kinds, but an item's words can reach it (a file name): the
    // text redactions apply to it as well.
    std::vector<std::string_view> title_words;
    for (const Redaction& r : redactions) {
      if (RefCovers(r.ref, item.ref) && !r.text.empty()) title_words.push_back(r.text);
    }
    BlackOut(item.title, title_words);
    out.items.push_back(std::move(item));
  }
  return out;
}

std::string RedactedSubjectName(const std::string& name, int64_t person_id, const std::vector<Redaction>& redactions) {
  const std::string ref = "person/" + std::to_string(person_id);
  std::vector<std::string_view> words;
  for (const Redaction& r : redactions) {
    if (!r.text.empty() && (r.ref == "*" || r.ref == ref || r.ref.rfind(ref + "/", 0) == 0)) words.push_back(r.text);
  }
  std::string out = name;
  BlackOut(out, words);
  return out;
}

std::string CanonicalContent(const std::vector<BundleItem>& redacted, std::string_view subject_name) {
  const ordered_json j = {{"subject_name", subject_name}, {"items", ItemsJson(redacted)}};
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string BundleJson(const BundleHeader& h, const RedactedBundle& b) {
  ordered_json j = {
      {"format", "confide-subject-access-bundle/1"},
      {"bundle", h.bundle_id},
      {"request", h.request_id},
      {"organisation", h.organisation},
      {"subject", {{"person_id", h.person_id}, {"name", h.subject_name}}},
      {"prepared_on", h.prepared_on},
      {"content_sha256", h.content_sha256},
      {"redacted", b.fields_redacted > 0 || b.items_withheld > 0},
      {"items", ItemsJson(b.items)},
  };
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string BundleDocument(const BundleHeader& h, const RedactedBundle& b) {
  std::string d;
  d += "RESPONSE TO YOUR SUBJECT ACCESS REQUEST\n";
  d += "=======================================\n\n";
  d += "From:        " + h.organisation + "\n";
  d += "About:       " + h.subject_name + " (person " + std::to_string(h.person_id) + ")\n";
  d += "Request:     " + std::to_string(h.request_id) + "\n";
  d += "Bundle:      " + h.bundle_id + "\n";
  d += "Prepared on: " + h.prepared_on + "\n";
  d += "Content:     SHA-256 " + h.content_sha256 + "\n\n";
  d += "This is a copy of the personal information we hold about the person named above, under Article 15\n"
       "of the UK General Data Protection Regulation. It includes every version of every record, so you can\n"
       "see what was recorded and when it was changed.\n\n"
       "Why we hold it: to safeguard and promote the welfare of children, to provide the services recorded\n"
       "here, and to meet our legal duties. Who it has been shared with is listed under \"Information shared\n"
       "with or asked for by others\". How long we keep it is set by our retention schedule; ask our data\n"
       "protection officer for the period that applies. Where it came from is shown on each record (its\n"
       "source) unless the source asked not to be identified.\n\n"
       "You have the right to ask us to correct information that is wrong, to ask us to erase or restrict\n"
       "it, and to object to how we use it. You can complain to the Information Commissioner's Office\n"
       "(ico.org.uk, 0303 123 1113).\n";
  if (b.fields_redacted > 0 || b.items_withheld > 0) {
    d += "\nSome information has been removed (shown as " + std::string(kRedactedMarker) +
         ", or left out) because the law does not let us\n"
         "disclose it: for example information about other people, the identity of people who gave us\n"
         "information in confidence, or information likely to cause serious harm (Data Protection Act 2018,\n"
         "Schedules 2 and 3).\n";
  }
  int number = 0;
  for (const char* section : kSectionOrder) {
    std::vector<const BundleItem*> in;
    for (const BundleItem& item : b.items) {
      if (item.section == section) in.push_back(&item);
    }
    ++number;
    const std::string title = std::to_string(number) + ". " + SectionTitle(section);
    d += "\n\n" + title + "\n" + std::string(title.size(), '-') + "\n";
    if (in.empty()) {
      d += "\nNothing held.\n";
      continue;
    }
    for (const BundleItem* item : in) {
      d += "\n" + item->title + " [" + item->ref + "]\n";
      for (const auto& [name, value] : item->fields) {
        std::string text = value;
        // Continuation lines are indented so a value cannot pass itself off as a new field.
        for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) text.insert(at + 1, "      ");
        d += "  " + FieldWords(name) + ": " + text + "\n";
      }
    }
  }
  d += "\n\nEnd of bundle " + h.bundle_id + ".\n";
  return d;
}

}  // namespace confide::governance
