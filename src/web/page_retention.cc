// The retention report: who is due for review or destruction as of today, the legal holds in force,
// and the two things that change what a run does: placing a hold and destroying what is due. Every
// person the DPO must act on is listed; those not due yet are only counted.
#include <algorithm>

#include "web/form_html.h"
#include "web/html.h"
#include "web/retention_pages.h"
#include "web/retention_words.h"

namespace confide::web {
namespace {

using service::RetentionItem;
using service::RetentionState;

// `action`: a last column of links or buttons, headed for screen readers only (each says what it does).
std::string Head(std::initializer_list<const char*> columns, bool action = false) {
  std::string h = "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (const char* c : columns) h += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(c) + "</th>";
  if (action) h += "<th scope=\"col\" class=\"govuk-table__header\"><span class=\"govuk-visually-hidden\">Action</span></th>";
  return h + "</tr></thead>";
}

std::string People(size_t n) { return std::to_string(n) + (n == 1 ? " person" : " people"); }

// A child links to their page (the DPO may read every child's details); an adult has no page.
std::string PersonCell(const RetentionItem& item) {
  const std::string label = Escape(PersonWords(item.kind, item.person_id));
  if (item.kind != domain::PersonKind::kChild) return label;
  return "<a class=\"govuk-link\" href=\"/children/" + std::to_string(item.person_id) + "\">" + label + "</a>";
}

std::string HoldsText(const RetentionItem& item) {
  std::string h;
  for (int64_t id : item.hold_ids) h += (h.empty() ? "Hold " : ", hold ") + std::to_string(id);
  for (int64_t id : item.subject_access_ids) h += (h.empty() ? "" : ", ") + std::string("subject access request ") + std::to_string(id);
  return h.empty() ? "None" : h;
}

std::string ItemRow(const RetentionItem& item, const governance::RetentionSchedule& schedule) {
  const std::string label = Escape(PersonWords(item.kind, item.person_id));
  std::string state = StateTag(item.state);
  if (item.retain_until) state += "<br>until " + Escape(item.retain_until->FormatUk());
  const std::string action = Reviewable(item.state) ? "Review" : "Details";
  return "<tr class=\"govuk-table__row\" id=\"person-" + std::to_string(item.person_id) + "\">" + TableCell(PersonCell(item)) +
         TableCell(Escape(ClassWords(schedule, item.outcome.class_id))) + TableCell(Escape(RetentionDate(item.outcome.destroy_on))) +
         TableCell(Escape(RetentionDate(item.outcome.review_on))) + TableCell(state) + TableCell(Escape(HoldsText(item))) +
         TableCell("<a class=\"govuk-link\" href=\"/retention/people/" + std::to_string(item.person_id) + "\">" + action +
              "<span class=\"govuk-visually-hidden\"> " + label + "</span></a>") +
         "</tr>";
}

std::string Summary(const service::RetentionReport& r) {
  std::string h = "<p class=\"govuk-body\">As of " + Escape(r.today.FormatUk()) + ", Confide holds the records of " +
                  People(r.people) + ": " + std::to_string(r.not_due) + " not due for review yet, and " +
                  std::to_string(r.items.size()) + " listed below. ";
  h += r.destroyed_before == 0 ? std::string("Nobody's records have been destroyed by a retention run.")
                               : People(r.destroyed_before) + (r.destroyed_before == 1 ? " was" : " were") +
                                     " destroyed by earlier runs.";
  // A restriction can hide someone from this DPO: they are neither listed nor destroyed here.
  if (r.hidden > 0) {
    h += " " + People(r.hidden) + (r.hidden == 1 ? " is" : " are") +
         " hidden from you by the access policy: another data protection officer's run sees them.";
  }
  return h + "</p>";
}

std::string HoldCovers(const service::LegalHold& h, const governance::RetentionSchedule& schedule) {
  if (h.person_id) return "Person " + std::to_string(*h.person_id);
  if (h.class_id == service::kFoiRegisterHold) return "The FOI register";
  if (h.class_id == service::kBreachRegisterHold) return "The breach register";
  if (!h.class_id.empty()) return "Everyone of the class " + ClassWords(schedule, h.class_id);
  return "Everyone";
}

std::string HoldsSection(const RetentionReportView& v, const SignedIn& who) {
  std::string m = "<h2 class=\"govuk-heading-m\" id=\"holds\">Legal holds in force</h2>";
  if (v.holds.empty()) {
    m += "<p class=\"govuk-body\">No legal hold is in force.</p>";
  } else {
    m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-visually-hidden\">Legal holds in force</caption>" +
         Head({"Hold", "Covers", "Why", "Placed"}, true) + "<tbody class=\"govuk-table__body\">";
    for (const service::LegalHold& h : v.holds) {
      const std::string id = std::to_string(h.id);
      m += "<tr class=\"govuk-table__row\">" + TableCell(id) + TableCell(Escape(HoldCovers(h, *v.schedule))) + TableCell(Escape(h.reason)) +
           TableCell(Escape(domain::CivilDate::FromUnixMicros(h.placed_at).FormatUk()) + " by staff " + std::to_string(h.placed_by)) +
           TableCell(OpenForm("/retention/holds/" + id + "/lift", who.csrf) +
                "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" data-module=\"govuk-button\">"
                "Lift<span class=\"govuk-visually-hidden\"> hold " + id + "</span></button>" + std::string(kCloseForm)) +
           "</tr>";
    }
    m += "</tbody></table>";
  }
  m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h2 class=\"govuk-heading-m\">Place a legal "
       "hold</h2><p class=\"govuk-body\">Nothing a hold covers is destroyed until it is lifted, whatever the reviews say: use "
       "one when an inquiry, litigation or a request for the records is expected. A hold on one person is placed with the "
       "API or the command line.</p>" + OpenForm("/retention/holds", who.csrf);
  m += RadiosGroup("scope", "Who does the hold cover?",
                   {{"everyone", "Everyone", "An inquiry's moratorium on destruction"},
                    {"class", "Everyone of one class", "Choose the class below"}},
                   v.hold.scope, v.hold.errors);
  std::vector<SelectOption> classes{{"", "Choose a class"}};
  for (const governance::RetentionClass& c : v.schedule->classes) classes.push_back({c.id, c.name});
  classes.push_back({service::kFoiRegisterHold, "The FOI register (every FOI request)"});
  classes.push_back({service::kBreachRegisterHold, "The breach register (breaches and dismissed candidates)"});
  m += SelectGroup("class_id", "Class (for a hold on a class)", classes, v.hold.class_id, v.hold.errors);
  m += TextareaGroup("hold_reason", "Why the hold is needed",
                     "The inquiry or matter, for example its name and reference. It is stored unencrypted: write no "
                     "personal data here.",
                     v.hold.reason, v.hold.errors, 3);
  m += SubmitButton("Place the hold") + std::string(kCloseForm) + "</div></div>";
  return m;
}

std::string RegisterWords(service::RegisterKind k, int64_t id) {
  switch (k) {
    case service::RegisterKind::kFoiRequest: return "FOI request " + std::to_string(id);
    case service::RegisterKind::kBreach: return "Breach " + std::to_string(id);
    case service::RegisterKind::kBreachDismissal: return "Dismissed breach candidate " + std::to_string(id);
  }
  return std::to_string(id);
}

size_t RegistersDue(const service::RetentionReport& r) {
  return static_cast<size_t>(std::count_if(r.register_items.begin(), r.register_items.end(),
                                           [](const service::RegisterRetentionItem& i) { return i.state == RetentionState::kDue; }));
}

// The registers about no child: entries kept their period since closing, due or held.
std::string RegistersSection(const service::RetentionReport& r) {
  std::string m = "<h2 class=\"govuk-heading-m\">Registers about no child</h2><p class=\"govuk-body\">FOI requests, breaches and "
                  "dismissed breach candidates are kept for the governance policy's years after they were closed, then "
                  "destroyed by the next run unless a legal hold on the register (or on everyone) keeps them. " +
                  std::to_string(r.register_not_due) + " closed entries are not yet due.</p>";
  for (const std::string& kept : r.registers_kept) {
    m += "<p class=\"govuk-body\">The governance policy gives the " + Escape(kept == "foi_request" ? "FOI" : "breach") +
         " register no period, so its entries are kept.</p>";
  }
  if (r.register_items.empty()) return m;
  m += "<table class=\"govuk-table\" id=\"register-items\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Register "
       "entries due or held</caption>" +
       Head({"Entry", "Closed on", "Destroy on", "State", "Holds"}) + "<tbody class=\"govuk-table__body\">";
  for (const service::RegisterRetentionItem& i : r.register_items) {
    std::string holds;
    for (int64_t h : i.hold_ids) holds += (holds.empty() ? "hold " : ", ") + std::to_string(h);
    m += "<tr class=\"govuk-table__row\">" + TableCell(Escape(RegisterWords(i.kind, i.id))) + TableCell(Escape(i.closed_on.FormatUk())) +
         TableCell(Escape(i.due_on.FormatUk())) +
         TableCell(i.state == RetentionState::kHeld ? "Held" : i.state == RetentionState::kDestroyed ? "Destroyed" : "Due") +
         TableCell(Escape(holds.empty() ? "None" : holds)) + "</tr>";
  }
  return m + "</tbody></table>";
}

std::string DestroySection(const RetentionReportView& v, const SignedIn& who) {
  const auto people_due = static_cast<size_t>(std::count_if(v.report.items.begin(), v.report.items.end(),
                                                            [](const RetentionItem& i) { return i.state == RetentionState::kDue; }));
  const size_t entries_due = RegistersDue(v.report);
  const size_t due = people_due + entries_due;
  std::string m = "<h2 class=\"govuk-heading-m\">Destroy what is due</h2>";
  if (due == 0) {
    return m + "<p class=\"govuk-body\">Nobody is due for destruction now: a person is destroyed only once their destruction "
               "date has come, a review has approved it and no legal hold covers them.</p>";
  }
  m += "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong "
       "class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>This destroys for ever the records "
       "of everyone due, approved and not held: " + People(people_due) + " now" +
       (entries_due ? ", and " + std::to_string(entries_due) + " register " + (entries_due == 1 ? "entry" : "entries") : std::string()) +
       ". Their details, records, relationships, consents and sharing register entries can never be read again. A signed "
       "destruction certificate is issued.</strong></div>";
  m += OpenForm("/retention/run", who.csrf) +
       "<button type=\"submit\" class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\">Destroy what is due</button>" +
       std::string(kCloseForm);
  return m;
}

}  // namespace

http::Response RetentionReportPage(const WebOptions& options, const SignedIn& who, const RetentionReportView& v) {
  std::string m = ErrorSummary(v.hold.errors) + SuccessBanner(v.notice);
  m += "<h1 class=\"govuk-heading-l\">Retention and destruction</h1>" + Summary(v.report);
  m += "<p class=\"govuk-body\">Nothing is destroyed without a review: open each person awaiting review, read why their dates "
       "are what they are, and approve destruction or keep their records to a later date.</p>";
  if (v.report.items.empty()) {
    m += "<p class=\"govuk-body\">Nobody needs your attention: nobody is due for review, held or without a date.</p>";
  } else {
    m += "<table class=\"govuk-table\" id=\"retention-items\"><caption class=\"govuk-table__caption govuk-table__caption--m\">" +
         People(v.report.items.size()) + " to act on</caption>" +
         Head({"Person", "Class", "Destroy on", "Review from", "State", "Holds"}, true) + "<tbody class=\"govuk-table__body\">";
    for (const RetentionItem& item : v.report.items) m += ItemRow(item, *v.schedule);
    m += "</tbody></table>";
  }
  m += RegistersSection(v.report);
  m += HoldsSection(v, who);
  m += DestroySection(v, who);
  m += "<h2 class=\"govuk-heading-m\">Certificates</h2><p class=\"govuk-body\"><a class=\"govuk-link\" "
       "href=\"/retention/certificates\">Destruction certificates</a>: one for each run that destroyed anyone, signed with the "
       "organisation's key</p>";
  PageOptions o = SignedInOptions(options, "Retention and destruction", who);
  o.has_error = !v.hold.errors.empty();
  return Page(v.hold.errors.empty() ? 200 : 400, o, m);
}

http::Response RetentionRunPage(const WebOptions& options, const SignedIn& who, const service::RetentionReport& report,
                                const governance::RetentionSchedule& schedule) {
  std::vector<const RetentionItem*> destroyed;
  for (const RetentionItem& item : report.items) {
    if (item.state == RetentionState::kDestroyed) destroyed.push_back(&item);
  }
  std::string m;
  std::string title;
  if (report.certificate_id.empty()) {
    title = "Nothing was destroyed";
    m = "<h1 class=\"govuk-heading-l\">" + title + "</h1><p class=\"govuk-body\">Nobody was due for destruction, approved by a "
        "review and not held, so the run destroyed nothing and issued no certificate.</p>";
  } else {
    title = "Records destroyed";
    m = "<div class=\"govuk-panel govuk-panel--confirmation\"><h1 class=\"govuk-panel__title\">" + title +
        "</h1><div class=\"govuk-panel__body\">Destruction certificate<br><strong id=\"certificate-id\">" +
        Escape(report.certificate_id) + "</strong></div></div>";
    if (!destroyed.empty()) {
      m += "<p class=\"govuk-body\">The records of " + People(destroyed.size()) + " were destroyed on " +
           Escape(report.today.FormatUk()) + ": their data keys are gone, so nothing about them can be read again. The audit log "
           "keeps a tombstone for each (their id, class and this certificate).</p>";
    }
    const auto entries = static_cast<size_t>(std::count_if(report.register_items.begin(), report.register_items.end(),
        [](const service::RegisterRetentionItem& i) { return i.state == RetentionState::kDestroyed; }));
    if (entries > 0) {
      m += "<p class=\"govuk-body\">" + std::to_string(entries) + (entries == 1 ? " register entry was" : " register entries were") +
           " destroyed: each one's own key is gone, so its words can no longer be read. The register still lists it by number "
           "and dates, as destroyed.</p>";
    }
    if (!report.purged) {
      m += "<p class=\"govuk-body\">Other readers were still using the database, so the copies its write-ahead log held "
           "could not be overwritten at once: the next checkpoint overwrites them.</p>";
    }
    if (!destroyed.empty()) m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Destroyed</caption>" +
         Head({"Person", "Class", "Due on"}) + "<tbody class=\"govuk-table__body\">";
    for (const RetentionItem* item : destroyed) {
      m += "<tr class=\"govuk-table__row\">" + TableCell(Escape(PersonWords(item->kind, item->person_id))) +
           TableCell(Escape(ClassWords(schedule, item->outcome.class_id))) + TableCell(Escape(RetentionDate(item->outcome.destroy_on))) +
           "</tr>";
    }
    if (!destroyed.empty()) m += "</tbody></table>";
    std::string entry_rows;
    for (const service::RegisterRetentionItem& i : report.register_items) {
      if (i.state != RetentionState::kDestroyed) continue;
      entry_rows += "<tr class=\"govuk-table__row\">" + TableCell(Escape(RegisterWords(i.kind, i.id))) +
                 TableCell(Escape(i.closed_on.FormatUk())) + TableCell(Escape(i.due_on.FormatUk())) + "</tr>";
    }
    if (!entry_rows.empty()) {
      m += "<table class=\"govuk-table\" id=\"registers-destroyed\"><caption class=\"govuk-table__caption govuk-table__caption--m\">"
           "Register entries destroyed</caption>" +
           Head({"Entry", "Closed on", "Due on"}) + "<tbody class=\"govuk-table__body\">" + entry_rows + "</tbody></table>";
    }
  }
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/retention/certificates\">Destruction certificates</a></p>"
       "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/retention\">Back to retention and destruction</a></p>";
  return Page(200, SignedInOptions(options, title, who), m);
}

}  // namespace confide::web
