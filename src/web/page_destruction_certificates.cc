// The destruction certificates: the evidence that records were destroyed, and of what (ids,
// classes, dates, counts; never personal data). Each signature is checked as the page is built,
// so a certificate altered in the database says so here.
#include <nlohmann/json.hpp>

#include "domain/uk_time.h"
#include "web/html.h"
#include "web/retention_pages.h"
#include "web/retention_words.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

using nlohmann::json;

// A field of the body as text, "" when absent or not of the type (a body that does not verify
// may be anything).
std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return "";
}

std::string DueOn(const std::string& iso) {
  auto d = domain::CivilDate::Parse(iso);
  return d.ok() ? d->FormatUk() : iso;
}

std::string Destroyed(const json& body, const governance::RetentionSchedule& schedule) {
  auto list = body.find("destroyed");
  if (list == body.end() || !list->is_array() || list->empty()) return "<p class=\"govuk-body\">It lists nobody.</p>";
  std::string m = "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Destroyed</caption>"
                  "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (const char* h : {"Person", "Class", "Due on", "Records"}) m += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(h) + "</th>";
  m += "</tr></thead><tbody class=\"govuk-table__body\">";
  for (const json& d : *list) {
    if (!d.is_object()) continue;
    const auto kind = domain::ParsePersonKind(Text(d, "kind"));
    const std::string id = Text(d, "person_id");
    const std::string person = (kind == domain::PersonKind::kChild ? "Child " : kind ? "Adult " : "Person ") + id;
    m += "<tr class=\"govuk-table__row\">" + TableCell(Escape(person)) + TableCell(Escape(ClassWords(schedule, Text(d, "class")))) +
         TableCell(Escape(DueOn(Text(d, "due_on")))) + TableCell(Escape(Text(d, "records"))) + "</tr>";
  }
  return m + "</tbody></table>";
}

// The entries of the registers about no child it lists (FOI requests, breaches, dismissed candidates).
std::string RegistersDestroyed(const json& body) {
  auto list = body.find("registers_destroyed");
  if (list == body.end() || !list->is_array() || list->empty()) return "";
  std::string m = "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Register entries "
                  "destroyed</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (const char* h : {"Register", "Entry", "Closed on", "Due on"}) m += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(h) + "</th>";
  m += "</tr></thead><tbody class=\"govuk-table__body\">";
  for (const json& d : *list) {
    if (!d.is_object()) continue;
    const std::string kind = Text(d, "register");
    const std::string words = kind == "foi_request" ? "FOI requests" : kind == "breach" ? "Breaches" : kind == "breach_dismissal" ? "Dismissed breach candidates" : kind;
    m += "<tr class=\"govuk-table__row\">" + TableCell(Escape(words)) + TableCell(Escape(Text(d, "id"))) +
         TableCell(Escape(DueOn(Text(d, "closed_on")))) + TableCell(Escape(DueOn(Text(d, "due_on")))) + "</tr>";
  }
  return m + "</tbody></table>";
}

std::string Certificate(const service::DestructionCertificate& c, const governance::RetentionSchedule& schedule) {
  const json body = json::parse(c.body, nullptr, /*allow_exceptions=*/false);
  const bool readable = body.is_object();
  std::string m = "<section class=\"govuk-!-margin-bottom-8\" aria-labelledby=\"" + Escape(c.id) + "\"><h2 class=\"govuk-heading-m\" id=\"" +
                  Escape(c.id) + "\">" + Escape(c.id) + "</h2><dl class=\"govuk-summary-list\">";
  m += SummaryRow("Signature", c.signature_valid ? Tag("green", "Signature verified") : Tag("red", "Signature does NOT verify"));
  m += SummaryRow("Issued", Escape(domain::FormatUkDateTime(c.issued_at)));
  m += SummaryRow("Issued by", "Staff " + std::to_string(c.issued_by));
  m += SummaryRow("People destroyed", readable ? Escape(Text(body, "count")) : "The certificate cannot be read");
  if (readable && body.contains("register_count")) m += SummaryRow("Register entries destroyed", Escape(Text(body, "register_count")));
  m += "</dl>";
  if (!c.signature_valid) {
    m += "<p class=\"govuk-body\">The body below is not what the organisation's key signed: it was altered, or the signature "
         "was. Do not rely on it; tell your Confide administrator.</p>";
  }
  if (readable) m += Destroyed(body, schedule) + RegistersDestroyed(body);
  m += "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
       "The signed certificate</span></summary><div class=\"govuk-details__text\"><p class=\"govuk-body\">Exactly the text "
       "signed, as JSON: anyone with the organisation's public key can check it.</p><pre class=\"confide-document\">" +
       Escape(c.body) + "</pre></div></details></section>";
  return m;
}

}  // namespace

http::Response DestructionCertificatesPage(const WebOptions& options, const SignedIn& who,
                                           const std::vector<service::DestructionCertificate>& certificates,
                                           const governance::RetentionSchedule& schedule) {
  std::string m = "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\"><li "
                  "class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/retention\">Retention and "
                  "destruction</a></li></ol></nav><h1 class=\"govuk-heading-l\">Destruction certificates</h1>";
  m += "<p class=\"govuk-body\">Each run that destroyed anyone issued a certificate, signed with the organisation's key. It "
       "lists people by id, with their class, the date they fell due and what was destroyed: no personal data.</p>";
  if (certificates.empty()) m += "<p class=\"govuk-body\">No certificate has been issued: no run has destroyed anyone.</p>";
  for (const service::DestructionCertificate& c : certificates) m += Certificate(c, schedule);
  return Page(200, SignedInOptions(options, "Destruction certificates", who), m);
}

}  // namespace confide::web
