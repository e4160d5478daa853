// The record of processing activities page (web/record_of_processing_pages.h). Values the service
// gives as names ("police", "public_task", "date_of_birth") are shown in the words the other pages
// use; ids of the sharing policy's purposes and categories in the policy's own words, taken from the
// record's own lists. Anything absent or of another type reads as empty rather than failing: the
// page never shows less than it can.
#include "web/record_of_processing_pages.h"

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "domain/staff.h"
#include "domain/uk_time.h"
#include "governance/retention_schedule.h"
#include "web/html.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

using Json = nlohmann::ordered_json;

std::string Text(const Json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int Number(const Json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

bool Flag(const Json& j, const char* key) {
  if (!j.is_object()) return false;
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

// The object at `key`; an empty one when there is none.
const Json& Object(const Json& j, const char* key) {
  static const Json kNone = Json::object();
  if (!j.is_object()) return kNone;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kNone;
}

// The array at `key`; an empty one when there is none.
const Json& Items(const Json& j, const char* key) {
  static const Json kNone = Json::array();
  if (!j.is_object()) return kNone;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kNone;
}

std::vector<std::string> Strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  for (const Json& s : Items(j, key)) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

// A purpose's or category's words by its id, from the record's own list of them.
std::map<std::string, std::string> SaysById(const Json& list) {
  std::map<std::string, std::string> out;
  for (const Json& item : list) out[Text(item, "id")] = Text(item, "says");
  return out;
}

std::string WordsFor(const std::map<std::string, std::string>& says, const std::string& id) {
  auto it = says.find(id);
  return it == says.end() || it->second.empty() ? id : it->second;
}

// Escaped and separated by commas; "None" for none.
std::string Joined(const std::vector<std::string>& words) {
  if (words.empty()) return "None";
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + Escape(w);
  return out;
}

std::string BulletList(const std::string& id, const std::vector<std::string>& items) {
  std::string out = "<ul class=\"govuk-list govuk-list--bullet\" id=\"" + id + "\">";
  for (const std::string& s : items) out += "<li>" + Escape(s) + "</li>";
  return out + "</ul>";
}

std::string Heading(const char* id, const char* text) {
  return "<h2 class=\"govuk-heading-m\" id=\"" + std::string(id) + "\">" + text + "</h2>";
}

std::optional<domain::CivilDate> GeneratedOn(const Json& record) {
  auto micros = domain::ParseTimestampMicros(Text(record, "generated_at"));
  if (!micros.ok()) return std::nullopt;
  return domain::ToUkLocal(*micros).date;
}

// An ISO day of the record ("2026-11-02") in the UK long form; as given if it is not one.
std::string Day(const std::string& iso) {
  auto d = domain::CivilDate::Parse(iso);
  return d.ok() ? d->FormatUk() : iso;
}

std::string OrganisationKindWords(const std::string& name) {
  const std::optional<domain::OrganisationKind> k = domain::ParseOrganisationKind(name);
  if (!k) return name;
  switch (*k) {
    case domain::OrganisationKind::kLocalAuthority: return "Local authority";
    case domain::OrganisationKind::kFosteringAgency: return "Fostering agency";
    case domain::OrganisationKind::kNursery: return "Nursery";
    case domain::OrganisationKind::kSchool: return "School";
    case domain::OrganisationKind::kOther: return "Other";
  }
  return name;
}

std::string RecipientKindWords(const std::string& name) {
  const std::optional<sharing::RecipientKind> k = sharing::ParseName<sharing::RecipientKind>(name);
  return k ? Words(*k) : name;
}

std::string LawfulBasisWords(const std::string& name) {
  const std::optional<sharing::LawfulBasis> b = sharing::ParseName<sharing::LawfulBasis>(name);
  return b ? Words(*b) : name;
}

// A party as the service names it: an organisation, "a private person", or "every <kind>" (the
// agreement covers a whole sector).
std::string PartyWords(const std::string& party) {
  constexpr std::string_view kEvery = "every ";
  if (party.starts_with(kEvery)) return "Every recipient of the kind: " + RecipientKindWords(party.substr(kEvery.size()));
  if (party == "a private person") return "A private person";
  return party;
}

std::string Years(int n) { return std::to_string(n) + (n == 1 ? " year" : " years"); }

// How long a class is kept: its years and what they count from, as the schedule explains it.
std::string KeptWords(const Json& c) {
  const int years = Number(c, "years");
  const std::string from = Text(c, "from");
  const std::string after = years == 0 ? "" : Years(years) + " after ";
  const std::optional<governance::RetentionStart> start = governance::ParseRetentionStart(from);
  if (!start) return Years(years) + " from " + from;
  switch (*start) {
    case governance::RetentionStart::kDateOfBirth: return "Until " + after + "the date of birth";
    case governance::RetentionStart::kTriggerDate: return "Until " + after + "the date recorded with the class";
    case governance::RetentionStart::kLastActivity: return "Until " + after + "the last record about them";
    case governance::RetentionStart::kLinkedChildren:
      if (years == 0) return "As long as the records of the children they are linked to";
      return "Until " + after + "the records of the children they are linked to are due for destruction";
  }
  return Years(years) + " from " + from;
}

std::string ReviewWords(int months) {
  if (months <= 0) return "When due for destruction";
  return std::to_string(months) + (months == 1 ? " month" : " months") + " before destruction";
}

std::string Controller(const Json& record) {
  const Json& controller = Object(record, "controller");
  std::string dpo;
  for (const Json& p : Items(record, "data_protection_officer")) {
    const std::string email = Text(p, "email");
    dpo += "<p class=\"govuk-body\">" + Escape(Text(p, "name")) +
           (email.empty() ? "" : " (<a class=\"govuk-link\" href=\"mailto:" + Escape(email) + "\">" + Escape(email) + "</a>)") + "</p>";
  }
  // The DPO is named only to a reader who may see staff: anyone else is sent where the public is.
  if (dpo.empty()) dpo = Escape("See the organisation's privacy notice");
  const std::optional<domain::CivilDate> on = GeneratedOn(record);
  std::string m = Heading("controller", "The controller");
  m += "<dl class=\"govuk-summary-list\" id=\"controller-details\">";
  m += SummaryRow("Organisation", Escape(Text(controller, "name")));
  m += SummaryRow("Kind of organisation", Escape(OrganisationKindWords(Text(controller, "kind"))));
  m += SummaryRow("Data protection officer", dpo);
  m += SummaryRow("Generated", Escape(on ? on->FormatUk() : Text(record, "generated_at")));
  return m + "</dl>";
}

std::string Purposes(const Json& record, const std::map<std::string, std::string>& category_says) {
  const Json& policy = Object(record, "sharing_policy");
  std::string m = Heading("purposes", "Purposes of processing");
  m += "<p class=\"govuk-body\">The purposes of the sharing policy &ldquo;" + Escape(Text(policy, "name")) + "&rdquo; (version " +
       Escape(Text(policy, "version")) + "), each with the categories of personal data it may use.</p>";
  m += TableStart("purposes-table", "Purposes of processing", "govuk-visually-hidden", {"Purpose", "Categories of personal data"});
  for (const Json& p : Items(record, "purposes")) {
    std::vector<std::string> categories;
    for (const std::string& id : Strings(p, "categories")) categories.push_back(WordsFor(category_says, id));
    m += "<tr class=\"govuk-table__row\" id=\"purpose-" + Escape(Text(p, "id")) + "\">" + TableCell(Escape(Text(p, "says"))) +
         TableCell(Joined(categories)) + "</tr>";
  }
  return m + "</tbody></table>";
}

std::string Categories(const Json& record) {
  std::string m = Heading("categories", "Categories of personal data");
  m += TableStart("categories-table", "Categories of personal data", "govuk-visually-hidden", {"Category", "Personal data"});
  for (const Json& c : Items(record, "categories_of_personal_data")) {
    m += "<tr class=\"govuk-table__row\">" + TableCell(Escape(Text(c, "says"))) +
         TableCell(Flag(c, "personal") ? "Yes" : "No: nobody can be identified from it") + "</tr>";
  }
  return m + "</tbody></table>";
}

std::string Recipients(const Json& record) {
  std::string m = Heading("recipients", "Recipients");
  const Json& recipients = Items(record, "recipients");
  if (recipients.empty()) return m + "<p class=\"govuk-body\" id=\"no-recipients\">None in the directory.</p>";
  m += "<p class=\"govuk-body\">The directory's recipients by kind: organisations by name; private people (a parent, the "
       "child) only counted, never named.</p>";
  m += TableStart("recipients-table", "Recipients", "govuk-visually-hidden", {"Kind of recipient", "Organisations", "Private people"});
  for (const Json& r : recipients) {
    const int people = Number(r, "private_people");
    m += "<tr class=\"govuk-table__row\" id=\"recipient-" + Escape(Text(r, "kind")) + "\">" +
         TableCell(Escape(RecipientKindWords(Text(r, "kind")))) + TableCell(Joined(Strings(r, "organisations"))) +
         TableCell(people == 0 ? "None" : std::to_string(people)) + "</tr>";
  }
  return m + "</tbody></table>";
}

std::string Agreements(const Json& record, const std::map<std::string, std::string>& purpose_says,
                       const std::map<std::string, std::string>& category_says) {
  std::string m = Heading("agreements", "Information-sharing agreements");
  const Json& agreements = Items(record, "agreements");
  if (agreements.empty()) return m + "<p class=\"govuk-body\" id=\"no-agreements\">None recorded.</p>";
  int n = 0;
  for (const Json& a : agreements) {
    std::vector<std::string> parties, purposes, categories, bases;
    for (const std::string& s : Strings(a, "parties")) parties.push_back(PartyWords(s));
    for (const std::string& s : Strings(a, "purposes")) purposes.push_back(WordsFor(purpose_says, s));
    for (const std::string& s : Strings(a, "categories")) categories.push_back(WordsFor(category_says, s));
    for (const std::string& s : Strings(a, "lawful_bases")) bases.push_back(LawfulBasisWords(s));
    // The record gives agreements no id: they are numbered in its order.
    m += "<div class=\"govuk-summary-card\" id=\"agreement-" + std::to_string(++n) +
         "\"><div class=\"govuk-summary-card__title-wrapper\"><h3 class=\"govuk-summary-card__title\">" + Escape(Text(a, "name")) +
         (Flag(a, "ended") ? " " + Tag("grey", "Ended") : "") + "</h3></div><div class=\"govuk-summary-card__content\"><dl "
         "class=\"govuk-summary-list\">";
    m += SummaryRow("Parties", Joined(parties));
    m += SummaryRow("Purposes", Joined(purposes));
    m += SummaryRow("Categories of personal data", Joined(categories));
    m += SummaryRow("Lawful bases", Joined(bases));
    m += SummaryRow("How the recipients store it", Escape(Text(a, "storage")));
    m += SummaryRow("How long they keep it", Escape(Text(a, "retention")));
    m += SummaryRow("In force from", Escape(Day(Text(a, "starts_on"))));
    m += SummaryRow("To be reviewed on", Escape(Day(Text(a, "review_on"))));
    m += "</dl></div></div>";
  }
  return m;
}

std::string Retention(const Json& record) {
  std::string m = Heading("retention", "Retention");
  m += "<p class=\"govuk-body\">The governance policy's retention schedule: how long each class of record about a person is "
       "kept, and when the data protection officer reviews it before it is destroyed.</p>";
  m += TableStart("retention-table", "Retention schedule", "govuk-visually-hidden", {"Class", "Kept", "Review", "Basis"});
  for (const Json& c : Items(record, "retention")) {
    m += "<tr class=\"govuk-table__row\" id=\"retention-" + Escape(Text(c, "id")) + "\">" + TableCell(Escape(Text(c, "name"))) +
         TableCell(Escape(KeptWords(c))) + TableCell(Escape(ReviewWords(Number(c, "review_months_before")))) +
         TableCell(Escape(Text(c, "basis"))) + "</tr>";
  }
  return m + "</tbody></table>";
}

}  // namespace

std::string RecordOfProcessingFileName(const nlohmann::ordered_json& record, std::string_view extension) {
  const std::optional<domain::CivilDate> on = GeneratedOn(record);
  return "record-of-processing" + (on ? "-" + on->ToIso() : std::string()) + "." + std::string(extension);
}

http::Response RecordOfProcessingPage(const WebOptions& options, const SignedIn& who, const nlohmann::ordered_json& record) {
  const std::map<std::string, std::string> purpose_says = SaysById(Items(record, "purposes"));
  const std::map<std::string, std::string> category_says = SaysById(Items(record, "categories_of_personal_data"));
  std::string m = "<h1 class=\"govuk-heading-l\">Record of processing activities</h1>";
  m += "<p class=\"govuk-body\">The organisation's record under Article 30 of the UK GDPR. Confide generates it from what it is "
       "configured with (the sharing policy, the directory of recipients, the information-sharing agreements and the retention "
       "schedule), so it changes when they do and cannot drift from what Confide does.</p>";
  m += "<ul class=\"govuk-list\" id=\"downloads\"><li><a class=\"govuk-link\" href=\"/record-of-processing.json\">Download as "
       "JSON</a> (" + Escape(Text(record, "format")) + ", for other systems)</li><li><a class=\"govuk-link\" "
       "href=\"/record-of-processing.txt\">Download as text</a> (to print or keep with the organisation's records)</li></ul>";
  m += "<nav aria-label=\"Contents\"><h2 class=\"govuk-heading-s\">Contents</h2><ol class=\"govuk-list govuk-list--number\">";
  for (const auto& [id, text] : std::vector<std::pair<const char*, const char*>>{
           {"controller", "The controller"}, {"purposes", "Purposes of processing"}, {"data-subjects", "Categories of data subjects"},
           {"categories", "Categories of personal data"}, {"recipients", "Recipients"}, {"agreements", "Information-sharing agreements"},
           {"transfers", "Transfers to other countries"}, {"retention", "Retention"}, {"security", "Security measures"}}) {
    m += "<li><a class=\"govuk-link\" href=\"#" + std::string(id) + "\">" + text + "</a></li>";
  }
  m += "</ol></nav>";
  m += Controller(record);
  m += Purposes(record, category_says);
  m += Heading("data-subjects", "Categories of data subjects") + BulletList("data-subjects-list", Strings(record, "data_subjects"));
  m += Categories(record);
  m += Recipients(record);
  m += Agreements(record, purpose_says, category_says);
  m += Heading("transfers", "Transfers to other countries") + "<p class=\"govuk-body\" id=\"transfers-text\">" +
       Escape(Text(record, "international_transfers")) + "</p>";
  m += Retention(record);
  m += Heading("security", "Security measures") +
       "<p class=\"govuk-body\">What Confide itself does to keep the information secure (Article 32).</p>" +
       BulletList("security-measures", Strings(record, "security_measures"));
  return Page(200, SignedInOptions(options, "Record of processing activities", who), m);
}

}  // namespace confide::web
