// A child's chronology and a record with its versions.
#include <algorithm>

#include "domain/text.h"
#include "domain/uk_time.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/words.h"

namespace confide::web {
namespace {

std::string Breadcrumbs(const domain::Person& child, bool chronology_link) {
  std::string h = "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\">"
                  "<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/children/" +
                  std::to_string(child.id) + "\">" + Escape(domain::DisplayName(child.details)) + "</a></li>";
  if (chronology_link) {
    h += "<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/children/" +
         std::to_string(child.id) + "/chronology\">Chronology</a></li>";
  }
  return h + "</ol></nav>";
}

template <typename T>
bool Has(const std::vector<T>& v, T x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string Statements(std::string_view title, const std::vector<domain::Statement>& items) {
  if (items.empty()) return "";
  std::string h = "<h3 class=\"govuk-heading-s\">" + Escape(title) + "</h3><ul class=\"govuk-list\">";
  for (const domain::Statement& s : items) {
    const bool fact = s.basis == domain::StatementBasis::kFact;
    h += std::string("<li><strong class=\"govuk-tag ") + (fact ? "govuk-tag--blue\">Fact" : "govuk-tag--purple\">Opinion") +
         "</strong> " + Escape(s.text) + "</li>";
  }
  return h + "</ul>";
}

}  // namespace

http::Response ChronologyPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                              const ChronologyFilters& f, const std::vector<service::ChronologyItem>& items) {
  const std::string name = domain::DisplayName(child.details);
  std::string m = Breadcrumbs(child, false) + ErrorSummary(f.errors);
  m += "<span class=\"govuk-caption-l\">" + Escape(name) + "</span><h1 class=\"govuk-heading-l\">Chronology</h1>";
  m += "<details class=\"govuk-details\"" + std::string(f.errors.empty() && f.kinds.empty() && f.tiers.empty() ? "" : " open") +
       "><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Filter the chronology</span>"
       "</summary><div class=\"govuk-details__text\"><form method=\"get\" action=\"/children/" + std::to_string(child.id) +
       "/chronology\" novalidate>";
  m += "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
       "govuk-fieldset__legend--s\">Kind of record</legend><div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">";
  for (domain::RecordKind k : {domain::RecordKind::kChronologyEntry, domain::RecordKind::kCaseNote,
                               domain::RecordKind::kSafeguardingConcern, domain::RecordKind::kAttachment}) {
    m += Checkbox("kind", domain::ToString(k), Words(k), Has(f.kinds, k));
  }
  m += "</div></fieldset></div><div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend "
       "govuk-fieldset__legend--s\">Tier</legend><div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">";
  for (domain::SensitivityTier t : {domain::SensitivityTier::kGeneral, domain::SensitivityTier::kSensitive,
                                    domain::SensitivityTier::kRestricted}) {
    m += Checkbox("tier", domain::ToString(t), Words(t), Has(f.tiers, t));
  }
  m += "</div></fieldset></div>";
  m += DateInputGroup("from", "Happened on or after", "For example, 1 9 2025", f.from_day, f.from_month, f.from_year, f.errors);
  m += DateInputGroup("to", "Happened before", "For example, 1 1 2026", f.to_day, f.to_month, f.to_year, f.errors);
  m += "<div class=\"govuk-button-group\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
       "data-module=\"govuk-button\">Apply filters</button><a class=\"govuk-link\" href=\"/children/" + std::to_string(child.id) +
       "/chronology\">Clear filters</a></div></form></div></details>";
  if (items.empty()) {
    m += "<p class=\"govuk-body\">No records" + std::string(f.kinds.empty() && f.tiers.empty() ? "" : " match these filters") + ".</p>";
  } else {
    m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">Records, oldest first</caption>"
         "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\"><th scope=\"col\" class=\"govuk-table__header\">Happened</th>"
         "<th scope=\"col\" class=\"govuk-table__header\">Record</th><th scope=\"col\" class=\"govuk-table__header\">Kind</th>"
         "<th scope=\"col\" class=\"govuk-table__header\">Tier</th></tr></thead><tbody class=\"govuk-table__body\">";
    for (const service::ChronologyItem& i : items) {
      m += "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">" + Escape(domain::FormatUkDateTime(i.occurred_at)) +
           "</td><td class=\"govuk-table__cell\"><a class=\"govuk-link\" href=\"/records/" + std::to_string(i.record_id) + "\">" +
           Escape(i.summary) + "</a>" + (i.version > 1 ? " <span class=\"govuk-body-s\">(amended)</span>" : "") +
           "</td><td class=\"govuk-table__cell\">" + Escape(Words(i.kind)) + "</td><td class=\"govuk-table__cell\">" +
           TierTag(i.tier) + "</td></tr>";
    }
    m += "</tbody></table>";
  }
  PageOptions o = SignedInOptions(options, "Chronology – " + name, who);
  o.has_error = !f.errors.empty();
  return Page(f.errors.empty() ? 200 : 400, o, m);
}

http::Response RecordPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                          const service::RecordView& view, const std::vector<domain::RecordVersion>& history) {
  const domain::RecordVersion& v = view.version;
  const domain::RecordContent& c = v.content;
  std::string m = Breadcrumbs(child, true);
  m += "<span class=\"govuk-caption-l\">" + Escape(Words(v.kind)) + "</span><h1 class=\"govuk-heading-l\">" + Escape(c.summary) + "</h1>";
  if (v.version < view.current_version) {
    m += "<div class=\"govuk-inset-text\">This is version " + std::to_string(v.version) + ", not the current one. <a class=\"govuk-link\" "
         "href=\"/records/" + std::to_string(v.record_id) + "\">See the current version</a>.</div>";
  }
  m += "<dl class=\"govuk-summary-list\">";
  m += SummaryRow("Happened", Escape(domain::FormatUkDateTime(v.occurred_at)));
  m += SummaryRow("Recorded", Escape(domain::FormatUkDateTime(v.recorded_at)) + " by staff " + std::to_string(v.author_id));
  m += SummaryRow("Tier", TierTag(v.tier));
  m += SummaryRow("Source", Escape(Words(c.source.kind) + (c.source.name.empty() ? "" : ": " + c.source.name) +
                            (c.source.relationship.empty() ? "" : " (" + c.source.relationship + ")")));
  m += SummaryRow("Version", std::to_string(v.version) + " of " + std::to_string(view.current_version) + ", signature checked");
  if (!v.amendment_reason.empty()) m += SummaryRow("Why it was amended", Escape(v.amendment_reason));
  m += "</dl>";
  if (!c.text.empty()) m += "<p class=\"govuk-body confide-record-text\">" + Escape(c.text) + "</p>";
  if (c.concern) {
    const domain::SafeguardingConcern& k = *c.concern;
    m += Statements("What happened", k.what_happened);
    if (!k.childs_words.empty()) {
      m += "<h3 class=\"govuk-heading-s\">The child's words</h3><blockquote class=\"govuk-inset-text\">" + Escape(k.childs_words) +
           "</blockquote>";
    }
    if (!k.where.empty()) m += "<h3 class=\"govuk-heading-s\">Where</h3><p class=\"govuk-body\">" + Escape(k.where) + "</p>";
    if (!k.who_was_present.empty()) {
      m += "<h3 class=\"govuk-heading-s\">Who was present</h3><p class=\"govuk-body\">" + Escape(k.who_was_present) + "</p>";
    }
    m += Statements("Injuries observed", k.injuries_observed);
    m += Statements("Action taken", k.action_taken);
  }
  if (c.attachment) {
    m += "<p class=\"govuk-body\">Attachment: " + Escape(c.attachment->file_name) + " (" + Escape(c.attachment->media_type) + ", " +
         std::to_string(c.attachment->content.size()) + " bytes)</p>";
  }
  if (v.version == view.current_version) {
    m += "<a class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" href=\"/records/" +
         std::to_string(v.record_id) + "/amend\">Amend this record</a>";
  }
  m += "<h2 class=\"govuk-heading-m\">Versions</h2><ol class=\"govuk-list govuk-list--number\" id=\"versions\">";
  for (const domain::RecordVersion& h : history) {
    std::string item = Escape(domain::FormatUkDateTime(h.recorded_at)) + " by staff " + std::to_string(h.author_id) +
                       (h.amendment_reason.empty() ? ": first recorded" : ": " + Escape(h.amendment_reason));
    if (h.version == v.version) {
      m += "<li><strong>" + item + "</strong> (shown)</li>";
    } else {
      m += "<li><a class=\"govuk-link\" href=\"/records/" + std::to_string(h.record_id) + "?version=" + std::to_string(h.version) +
           "\">" + item + "</a></li>";
    }
  }
  m += "</ol>";
  return Page(200, SignedInOptions(options, c.summary, who), m);
}

http::Response AmendPage(const WebOptions& options, const SignedIn& who, const domain::Person& child, domain::RecordId record,
                         const AmendForm& f) {
  std::string m = Breadcrumbs(child, true) + "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";
  m += ErrorSummary(f.errors);
  m += "<h1 class=\"govuk-heading-l\">Amend the record</h1><p class=\"govuk-body\">Your change becomes a new version. The "
       "version you are changing is kept, and anyone who reads the record can see both and why it changed.</p>";
  m += OpenForm("/records/" + std::to_string(record) + "/amend", who.csrf);
  m += "<input type=\"hidden\" name=\"expected_version\" value=\"" + std::to_string(f.expected_version) + "\">";
  m += TextareaGroup("reason", "Why are you amending it?", "For example, what was wrong or missing, and who told you", f.reason,
                     f.errors, 3);
  TextInput summary = PlainInput("summary", "Summary", f.summary);
  summary.spellcheck = true;
  m += TextInputGroup(summary, f.errors);
  if (f.concern) {
    TextInput where = PlainInput("where", "Where", f.where);
    where.spellcheck = true;
    m += TextInputGroup(where, f.errors);
    m += TextareaGroup("who_present", "Who was there", "", f.who_present, f.errors, 3);
    m += TextareaGroup("seen", "What you saw or heard (facts)", "", f.seen, f.errors);
    m += TextareaGroup("childs_words", "What the child said, in their own words", "", f.childs_words, f.errors, 3);
    m += TextareaGroup("injuries", "Injuries seen", "", f.injuries, f.errors, 3);
    m += TextareaGroup("opinion", "Professional opinion", "", f.opinion, f.errors, 3);
    m += TextareaGroup("action", "What was done about it", "", f.action, f.errors, 3);
  } else {
    m += TextareaGroup("text", "Text", "", f.text, f.errors, 8);
  }
  m += TierRadios(f.tier, f.errors);
  return FinishFormPage(options, who, "Amend the record", std::move(m), "Save the new version", f.errors);
}

http::Response CaseNotePage(const WebOptions& options, const SignedIn& who, const domain::Person& child, const CaseNoteForm& f) {
  std::string m = Breadcrumbs(child, true) + "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">";
  m += ErrorSummary(f.errors);
  m += "<span class=\"govuk-caption-l\">" + Escape(domain::DisplayName(child.details)) + "</span><h1 class=\"govuk-heading-l\">"
       "Add a case note</h1>";
  m += OpenForm("/children/" + std::to_string(child.id) + "/notes", who.csrf);
  m += DateInputGroup("when", "Date", "When it happened, for example 27 3 2026", f.day, f.month, f.year, f.errors);
  bool when_error = false;
  for (const FieldError& e : f.errors) when_error |= e.field == "when_day";
  m += TimeInputs("when", f.hour, f.minute, when_error);
  TextInput summary = PlainInput("summary", "Summary", f.summary);
  summary.spellcheck = true;
  summary.hint = "One line for the chronology, for example 'Home visit: settled, eating well'";
  m += TextInputGroup(summary, f.errors);
  m += TextareaGroup("text", "Note", "What happened and what was said. Keep facts and opinions apart, and say whose opinion it is.",
                     f.text, f.errors, 8);
  m += TierRadios(f.tier, f.errors);
  return FinishFormPage(options, who, "Add a case note", std::move(m), "Save the case note", f.errors);
}

}  // namespace confide::web
