#include "sharing/minimum_dataset.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>

#include "sharing/pseudonymise.h"

namespace confide::sharing {
namespace {

using domain::RecordKind;
using domain::SourceKind;
using nlohmann::json;

// What the released categories allow, in the builder's terms.
struct Allowed {
  bool identity = false, contact = false, address = false, family = false, placement = false, legal = false;
  bool concerns = false, case_notes = false, chronology = false;
  bool third_parties = false, informants = false, summary = false;
  bool risk = false;  // persons_posing_risk: who may pose a risk of harm, by name
};

Allowed AllowedBy(const SharingPolicy& policy, CategorySet released) {
  auto has = [&](std::string_view id) {
    const std::optional<size_t> i = policy.FindCategory(id);
    return i.has_value() && ((released >> *i) & 1) != 0;
  };
  Allowed a;
  a.identity = has("identity");
  a.contact = has("contact_details");
  a.address = has("address");
  a.family = has("family");
  a.placement = has("placement");
  a.legal = has("legal");
  a.concerns = has("safeguarding_concerns");
  a.case_notes = has("case_notes");
  a.chronology = has("chronology");
  a.third_parties = has("third_party_identities");
  a.informants = has("informant_identity");
  a.summary = has("pseudonymised_summary");
  a.risk = has("persons_posing_risk");
  return a;
}

bool RecordReleased(const Allowed& a, RecordKind k) {
  switch (k) {
    case RecordKind::kSafeguardingConcern: return a.concerns;
    case RecordKind::kCaseNote:
    case RecordKind::kAttachment: return a.case_notes;
    case RecordKind::kChronologyEntry: return a.chronology;
  }
  return false;
}

// A source's name is the child's, an anonymous informant's, or a third party's.
bool SourceNameReleased(const Allowed& a, SourceKind k) {
  if (k == SourceKind::kAnonymousThirdParty) return a.informants;
  if (k == SourceKind::kChild) return a.identity;
  return a.third_parties;
}

std::string SourceRole(SourceKind k) {
  if (k == SourceKind::kAnonymousThirdParty) return "informant";
  if (k == SourceKind::kChild) return "child";
  return "third party";
}

std::string Words(std::string_view id) {
  std::string s(id);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string RecordPath(const domain::RecordVersion& r) {
  return "record/" + std::to_string(r.record_id) + "@v" + std::to_string(r.version);
}

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A name, and each word of it but titles, as Pseudonymise looks for them.
void AddName(std::vector<std::string>& names, std::string_view name) {
  if (name.empty()) return;
  names.emplace_back(name);
  size_t start = 0;
  while (start < name.size()) {
    const size_t end = std::min(name.find(' ', start), name.size());
    const std::string word(name.substr(start, end - start));
    static constexpr std::array<std::string_view, 7> kTitles = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof"};
    if (word.size() < name.size() && std::find(kTitles.begin(), kTitles.end(), Lower(word)) == kTitles.end()) {
      names.push_back(word);
    }
    start = end + 1;
  }
}

struct Hide {
  bool names = true, identifiers = true, contact = true, address = true;
};

PersonToHide ToHide(const domain::PersonDetails& d, std::string role, Hide h) {
  PersonToHide p;
  p.role = std::move(role);
  if (h.names) {
    for (const std::string* n : {&d.given_names, &d.family_name, &d.preferred_name}) AddName(p.names, *n);
  }
  if (h.identifiers) {
    p.date_of_birth = d.date_of_birth;
    if (d.nhs_number) p.nhs_number = d.nhs_number->digits();
    AddName(p.names, d.unique_pupil_number);
    AddName(p.names, d.la_child_id);
  }
  if (h.contact) p.phone = d.phone, p.email = d.email;
  if (h.address) p.address = d.address, p.postcode = d.postcode;
  return p;
}

bool Empty(const PersonToHide& p) {
  return p.names.empty() && !p.date_of_birth && p.nhs_number.empty() && p.phone.empty() && p.email.empty() &&
         p.address.empty() && p.postcode.empty();
}

const domain::Person* Find(const std::vector<domain::Person>& people, domain::PersonId id) {
  for (const domain::Person& p : people) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

// Everyone whose names or identifiers `a` does not release, as they may appear in free text.
// Values the child shares with a relative (a surname, a home address) stay when the child's are released.
std::vector<PersonToHide> PeopleToHide(const DatasetSource& s, const Allowed& a) {
  std::vector<PersonToHide> out;
  const domain::PersonDetails& child = s.child.details;
  out.push_back(ToHide(child, "child", {!a.identity, !a.identity, !a.contact, !a.address}));
  std::vector<std::string> child_names;
  if (a.identity) {
    for (const std::string* n : {&child.given_names, &child.family_name, &child.preferred_name}) AddName(child_names, *n);
    for (std::string& n : child_names) n = Lower(n);
  }
  for (const domain::Relationship& r : s.relationships) {
    const domain::Person* person = Find(s.related_people, r.person_id);
    if (person == nullptr) continue;
    const bool named = a.third_parties || (a.risk && r.details.poses_risk);
    PersonToHide p = ToHide(person->details, Words(domain::ToString(r.details.kind)), {!named});
    std::erase_if(p.names, [&](const std::string& n) { return std::count(child_names.begin(), child_names.end(), Lower(n)) > 0; });
    if (a.address && p.address == child.address) p.address.clear();
    if (a.address && p.postcode == child.postcode) p.postcode.clear();
    if (a.contact && p.phone == child.phone) p.phone.clear();
    if (a.contact && p.email == child.email) p.email.clear();
    out.push_back(std::move(p));
  }
  // A source who is also a relative keeps the relative's role ("[mother]", not "[third party]").
  std::vector<std::string> known;
  for (const PersonToHide& p : out) {
    for (const std::string& n : p.names) known.push_back(Lower(n));
  }
  for (const domain::RecordVersion& r : s.records) {
    const domain::RecordSource& src = r.content.source;
    if (src.name.empty() || SourceNameReleased(a, src.kind)) continue;
    PersonToHide p;
    p.role = SourceRole(src.kind);
    AddName(p.names, src.name);
    std::erase_if(p.names, [&](const std::string& n) { return std::count(known.begin(), known.end(), Lower(n)) > 0; });
    out.push_back(std::move(p));
  }
  std::erase_if(out, Empty);
  return out;
}

// Puts each released value into the data and its path into `fields`; each withheld value's path
// into `withheld`. Released free text loses the names and identifiers of `hidden`.
class Builder {
 public:
  Builder(std::vector<PersonToHide> hidden, MinimumDataset& out) : hidden_(std::move(hidden)), out_(out) {}

  void Put(json& obj, const char* key, const std::string& path, bool released, json value) {
    if (!released) {
      out_.withheld.push_back(path);
      return;
    }
    obj[key] = std::move(value);
    out_.fields.push_back(path);
  }
  // A structured value (a name, an identifier): left as it is; nothing when empty.
  void Value(json& obj, const char* key, const std::string& path, bool released, const std::string& value) {
    if (!value.empty()) Put(obj, key, path, released, value);
  }
  void Text(json& obj, const char* key, const std::string& path, bool released, const std::string& text) {
    if (text.empty()) return;
    if (!released) return Put(obj, key, path, false, nullptr);
    size_t replaced = 0;
    std::string clean = Redact(text, replaced);
    if (replaced > 0) out_.withheld.push_back(path + "#redacted");
    Put(obj, key, path, true, std::move(clean));
  }
  void Statements(json& obj, const char* key, const std::string& path, bool released,
                  const std::vector<domain::Statement>& list) {
    if (list.empty()) return;
    if (!released) return Put(obj, key, path, false, nullptr);
    json items = json::array();
    size_t replaced = 0;
    for (const domain::Statement& s : list) {
      items.push_back({{"basis", std::string(domain::ToString(s.basis))}, {"text", Redact(s.text, replaced)}});
    }
    if (replaced > 0) out_.withheld.push_back(path + "#redacted");
    Put(obj, key, path, true, std::move(items));
  }
  void Withhold(const std::string& path) { out_.withheld.push_back(path); }

 private:
  std::string Redact(const std::string& text, size_t& replaced) const {
    if (hidden_.empty()) return text;
    Pseudonymised p = Pseudonymise(text, hidden_);
    replaced += p.replacements;
    return std::move(p.text);
  }

  std::vector<PersonToHide> hidden_;
  MinimumDataset& out_;
};

struct PersonRelease {
  bool names = false, identifiers = false, contact = false, address = false, status = false;
  bool date_of_birth = false;  // alone, without the other identifiers (someone who may pose a risk)
};

json PersonData(Builder& b, const domain::Person& person, PersonRelease r) {
  const domain::PersonDetails& d = person.details;
  const std::string at = "person/" + std::to_string(person.id) + "/";
  json obj = json::object();
  b.Value(obj, "given_names", at + "given_names", r.names, d.given_names);
  b.Value(obj, "family_name", at + "family_name", r.names, d.family_name);
  b.Value(obj, "preferred_name", at + "preferred_name", r.names, d.preferred_name);
  if (d.date_of_birth) b.Put(obj, "date_of_birth", at + "date_of_birth", r.identifiers || r.date_of_birth, d.date_of_birth->ToIso());
  b.Value(obj, "gender", at + "gender", r.identifiers, d.gender);
  if (d.nhs_number) b.Put(obj, "nhs_number", at + "nhs_number", r.identifiers, d.nhs_number->Formatted());
  b.Value(obj, "unique_pupil_number", at + "unique_pupil_number", r.identifiers, d.unique_pupil_number);
  b.Value(obj, "la_child_id", at + "la_child_id", r.identifiers, d.la_child_id);
  b.Value(obj, "phone", at + "phone", r.contact, d.phone);
  b.Value(obj, "email", at + "email", r.contact, d.email);
  b.Value(obj, "address", at + "address", r.address, d.address);
  b.Value(obj, "postcode", at + "postcode", r.address, d.postcode);
  if (person.kind == domain::PersonKind::kChild) {  // status is meaningful for children only
    json status = json::object();
    b.Put(status, "looked_after", at + "status.looked_after", r.status, d.status.looked_after);
    b.Value(status, "looked_after_by", at + "status.looked_after_by", r.status, d.status.looked_after_by);
    b.Put(status, "child_in_need", at + "status.child_in_need", r.status, d.status.child_in_need);
    b.Put(status, "child_protection_plan", at + "status.child_protection_plan", r.status, d.status.child_protection_plan);
    if (!status.empty()) obj["status"] = std::move(status);
  }
  return obj;
}

json RelationshipData(Builder& b, const domain::Relationship& r, const domain::Person* person, const Allowed& a) {
  const std::string at = "relationship/" + std::to_string(r.id) + "/";
  // Someone who may pose a risk of harm leaves under persons_posing_risk as who they are to the
  // child, the mark, and their names and date of birth: enough for the recipient to protect the
  // child from them, nothing of the rest of the family.
  const bool risk = a.risk && r.details.poses_risk;
  json obj = json::object();
  b.Put(obj, "kind", at + "kind", a.family || risk, std::string(domain::ToString(r.details.kind)));
  b.Put(obj, "parental_responsibility", at + "parental_responsibility", a.family, r.details.parental_responsibility);
  b.Put(obj, "lives_with", at + "lives_with", a.family, r.details.lives_with);
  if (r.details.poses_risk) b.Put(obj, "poses_risk", at + "poses_risk", a.family || a.risk, true);
  if (!r.details.restrictions.empty()) {
    json list = json::array();
    for (domain::Restriction x : r.details.restrictions) list.push_back(std::string(domain::ToString(x)));
    b.Put(obj, "restrictions", at + "restrictions", a.family && a.legal, std::move(list));
  }
  b.Text(obj, "notes", at + "notes", a.family && a.legal, r.details.notes);
  if (person != nullptr) {
    json p = PersonData(b, *person, {.names = (a.family && a.third_parties) || risk, .date_of_birth = risk});
    if (!p.empty()) obj["person"] = std::move(p);
  }
  return obj;
}

json RecordData(Builder& b, const domain::RecordVersion& r, const Allowed& a) {
  const bool released = RecordReleased(a, r.kind);
  const std::string at = RecordPath(r) + "/";
  const domain::RecordContent& c = r.content;
  json obj = json::object();
  b.Put(obj, "kind", at + "kind", released, std::string(domain::ToString(r.kind)));
  b.Put(obj, "tier", at + "tier", released, std::string(domain::ToString(r.tier)));
  b.Put(obj, "occurred_at", at + "occurred_at", released, domain::FormatTimestampIso(r.occurred_at));
  b.Put(obj, "recorded_at", at + "recorded_at", released, domain::FormatTimestampIso(r.recorded_at));
  b.Text(obj, "amendment_reason", at + "amendment_reason", released, r.amendment_reason);
  b.Text(obj, "summary", at + "content.summary", released, c.summary);
  b.Text(obj, "text", at + "content.text", released, c.text);
  json source = json::object();
  const SourceKind kind = c.source.kind;
  b.Put(source, "kind", at + "content.source.kind", released, std::string(domain::ToString(kind)));
  b.Value(source, "name", at + "content.source.name", released && SourceNameReleased(a, kind), c.source.name);
  b.Text(source, "relationship", at + "content.source.relationship",
         released && (kind != SourceKind::kAnonymousThirdParty || a.informants), c.source.relationship);
  if (!source.empty()) obj["source"] = std::move(source);
  if (c.concern) {
    const domain::SafeguardingConcern& k = *c.concern;
    const std::string in = at + "content.concern.";
    json concern = json::object();
    b.Statements(concern, "what_happened", in + "what_happened", released, k.what_happened);
    b.Text(concern, "where", in + "where", released, k.where);
    b.Text(concern, "who_was_present", in + "who_was_present", released, k.who_was_present);
    b.Text(concern, "childs_words", in + "childs_words", released, k.childs_words);
    b.Statements(concern, "injuries_observed", in + "injuries_observed", released, k.injuries_observed);
    b.Statements(concern, "action_taken", in + "action_taken", released, k.action_taken);
    if (!concern.empty()) obj["concern"] = std::move(concern);
  }
  if (c.attachment) {
    json attachment = json::object();
    b.Text(attachment, "file_name", at + "content.attachment.file_name", released, c.attachment->file_name);
    b.Value(attachment, "media_type", at + "content.attachment.media_type", released, c.attachment->media_type);
    if (!c.attachment->content.empty()) b.Withhold(at + "content.attachment.content");  // the file never leaves
    if (!attachment.empty()) obj["attachment"] = std::move(attachment);
  }
  if (!obj.empty()) {
    obj["record_id"] = r.record_id;
    obj["version"] = r.version;
  }
  return obj;
}

// Without identity: one line per general or sensitive record, with everyone's identifiers replaced.
json SummaryData(const std::vector<const domain::RecordVersion*>& records, const DatasetSource& source,
                 MinimumDataset& out) {
  const std::vector<PersonToHide> everyone = PeopleToHide(source, Allowed{});
  json lines = json::array();
  for (const domain::RecordVersion* r : records) {
    if (r->tier == domain::SensitivityTier::kRestricted || r->content.summary.empty()) continue;
    const std::string line = domain::CivilDate::FromUnixMicros(r->occurred_at).FormatUk() + ", " +
                             Words(domain::ToString(r->kind)) + ": " + r->content.summary;
    lines.push_back(Pseudonymise(line, everyone).text);
    out.fields.push_back(RecordPath(*r) + "/content.summary#pseudonymised");
  }
  return lines;
}

// ---- The document: rendered from `data` alone, so it can say nothing the data does not. ----

constexpr auto kKeyOrder = std::to_array<std::string_view>({
    "kind", "tier", "occurred_at", "recorded_at", "given_names", "family_name", "preferred_name", "date_of_birth",
    "gender", "nhs_number", "unique_pupil_number", "la_child_id", "phone", "email", "address", "postcode",
    "parental_responsibility", "lives_with", "poses_risk", "restrictions", "notes", "person", "status", "looked_after",
    "looked_after_by", "child_in_need", "child_protection_plan", "amendment_reason", "summary", "text", "source",
    "name", "relationship", "concern", "what_happened", "where", "who_was_present", "childs_words", "injuries_observed",
    "action_taken", "attachment", "file_name", "media_type"});

std::string Label(const std::string& key) {
  if (key == "nhs_number") return "NHS number";
  if (key == "unique_pupil_number") return "UPN";
  if (key == "la_child_id") return "LA child id";
  if (key == "childs_words") return "Child's words";
  if (key == "poses_risk") return "May pose a risk of harm to the child";
  std::string s = Words(key);
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string Scalar(const json& v, const std::string& indent) {
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (!v.is_string()) return v.dump();
  std::string s;
  for (char c : v.get<std::string>()) {
    s += c;
    if (c == '\n') s += indent;  // continuation lines stay under their label
  }
  return s;
}

void RenderObject(const json& obj, const std::string& indent, std::string& out) {
  std::vector<std::string> keys;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (it.key() != "record_id" && it.key() != "version") keys.push_back(it.key());
  }
  auto rank = [](const std::string& k) { return std::find(kKeyOrder.begin(), kKeyOrder.end(), k) - kKeyOrder.begin(); };
  std::stable_sort(keys.begin(), keys.end(), [&](const std::string& x, const std::string& y) { return rank(x) < rank(y); });
  for (const std::string& key : keys) {
    const json& v = obj[key];
    if (v.is_object()) {
      out += indent + Label(key) + ":\n";
      RenderObject(v, indent + "  ", out);
    } else if (v.is_array()) {
      out += indent + Label(key) + ":\n";
      for (const json& item : v) {
        const bool statement = item.is_object() && item.contains("text");
        out += indent + "  - " +
               (statement ? "[" + Words(item.value("basis", "")) + "] " + Scalar(item["text"], indent + "    ")
                          : Scalar(item, indent + "    ")) +
               "\n";
      }
    } else {
      out += indent + Label(key) + ": " + Scalar(v, indent + "  ") + "\n";
    }
  }
}

void Section(std::string_view title, std::string& out) {
  out += "\n" + std::string(title) + "\n" + std::string(title.size(), '-') + "\n";
}

std::string RenderDocument(const MinimumDataset& m, const SharingPolicy& policy, CategorySet released,
                     const DatasetHeading& heading) {
  std::string out = "Minimum dataset\n===============\n";
  out += "Purpose: " + heading.purpose + "\n";
  out += "Recipient: " + heading.recipient + "\n";
  out += "Policy: " + std::string(policy.name()) + ", version " + std::string(policy.version()) + "\n";
  std::string released_ids, withheld_lines;
  for (size_t i = 0; i < policy.categories().size(); ++i) {
    const std::string& id = policy.categories()[i].id;
    if ((released >> i) & 1) {
      released_ids += (released_ids.empty() ? "" : ", ") + id;
    } else {
      withheld_lines += "Withheld: " + id + "\n";
    }
  }
  out += "Released: " + (released_ids.empty() ? std::string("nothing") : released_ids) + "\n" + withheld_lines;
  const size_t redacted = std::count_if(m.withheld.begin(), m.withheld.end(),
                                        [](const std::string& p) { return p.ends_with("#redacted"); });
  if (redacted > 0) {
    out += "Names and identifiers that are not released were removed from " + std::to_string(redacted) + " text(s).\n";
  }
  const json& d = m.data;
  if (d.contains("child")) {
    Section("Child", out);
    RenderObject(d["child"], "", out);
  }
  if (d.contains("relationships")) {
    Section("Family", out);
    for (const json& r : d["relationships"]) {
      out += "Relationship\n";
      RenderObject(r, "  ", out);
    }
  }
  if (d.contains("records")) {
    Section("Records", out);
    for (const json& r : d["records"]) {
      out += "Record " + r["record_id"].dump() + ", version " + r["version"].dump() + "\n";
      RenderObject(r, "  ", out);
    }
  }
  if (d.contains("pseudonymised_summary")) {
    Section("Pseudonymised summary", out);
    for (const json& line : d["pseudonymised_summary"]) out += "- " + Scalar(line, "  ") + "\n";
  }
  return out;
}

}  // namespace

Result<MinimumDataset> BuildMinimumDataset(const DatasetSource& source, const SharingPolicy& policy,
                                           CategorySet released, const DatasetHeading& heading) {
  const size_t n = policy.categories().size();
  if (n < kMaxCategories && (released >> n) != 0) {
    return Status::InvalidArgument("the release names a category the sharing policy does not have");
  }
  for (const domain::Relationship& r : source.relationships) {
    if (r.child_id != source.child.id) return Status::InvalidArgument("a relationship is not the child's");
  }
  for (const domain::RecordVersion& r : source.records) {
    if (r.person_id != source.child.id) return Status::InvalidArgument("a record is about someone else");
  }
  const Allowed a = AllowedBy(policy, released);
  MinimumDataset out;
  Builder b(PeopleToHide(source, a), out);
  json child = PersonData(b, source.child,
                          {.names = a.identity, .identifiers = a.identity, .contact = a.contact, .address = a.address,
                           .status = a.placement});
  if (!child.empty()) out.data["child"] = std::move(child);

  std::vector<const domain::Relationship*> relationships;
  for (const domain::Relationship& r : source.relationships) relationships.push_back(&r);
  std::sort(relationships.begin(), relationships.end(), [](auto* x, auto* y) { return x->id < y->id; });
  for (const domain::Relationship* r : relationships) {
    json rel = RelationshipData(b, *r, Find(source.related_people, r->person_id), a);
    if (!rel.empty()) out.data["relationships"].push_back(std::move(rel));
  }

  std::vector<const domain::RecordVersion*> records;
  for (const domain::RecordVersion& r : source.records) records.push_back(&r);
  std::sort(records.begin(), records.end(), [](auto* x, auto* y) {
    return std::tie(x->occurred_at, x->record_id) < std::tie(y->occurred_at, y->record_id);
  });
  for (const domain::RecordVersion* r : records) {
    json rec = RecordData(b, *r, a);
    if (!rec.empty()) out.data["records"].push_back(std::move(rec));
  }

  if (a.summary && !a.identity) {
    json lines = SummaryData(records, source, out);
    if (!lines.empty()) out.data["pseudonymised_summary"] = std::move(lines);
  }
  out.document = RenderDocument(out, policy, released, heading);
  return out;
}

}  // namespace confide::sharing
