// Access reviews and the audit log's state.
#include "common/bytes.h"
#include "domain/uk_time.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/words.h"

namespace confide::web {
namespace {

std::string EventsTable(const std::vector<service::AccessEvent>& events, bool show_person) {
  if (events.empty()) return "<p class=\"govuk-body\">Nothing in this period.</p>";
  std::string h = "<table class=\"govuk-table confide-access-log\"><caption class=\"govuk-table__caption govuk-visually-hidden\">"
                  "Accesses, newest first</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">"
                  "<th scope=\"col\" class=\"govuk-table__header\">When</th><th scope=\"col\" class=\"govuk-table__header\">Who</th>"
                  "<th scope=\"col\" class=\"govuk-table__header\">What</th>";
  if (show_person) h += "<th scope=\"col\" class=\"govuk-table__header\">About</th>";
  h += "<th scope=\"col\" class=\"govuk-table__header\">Outcome and rule</th></tr></thead><tbody class=\"govuk-table__body\">";
  for (const service::AccessEvent& e : events) {
    std::string what = e.action;
    if (e.record_id != 0) what += " (record " + std::to_string(e.record_id) + ")";
    h += "<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\">" + Escape(domain::FormatUkDateTime(e.time)) +
         "</td><td class=\"govuk-table__cell\">staff " + std::to_string(e.actor) + "</td><td class=\"govuk-table__cell\">" +
         Escape(what) + "</td>";
    if (show_person) {
      h += "<td class=\"govuk-table__cell\">" + (e.person_id == 0 ? std::string("-") : "person " + std::to_string(e.person_id)) + "</td>";
    }
    h += "<td class=\"govuk-table__cell\"><strong class=\"govuk-tag" +
         std::string(e.outcome == "ok" ? " govuk-tag--green" : e.outcome == "denied" ? " govuk-tag--red" : " govuk-tag--yellow") + "\">" +
         Escape(e.outcome) + "</strong> " + Escape(e.detail) + "</td></tr>";
  }
  return h + "</tbody></table>";
}

}  // namespace

http::Response ChildAccessLogPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                                  const std::vector<service::AccessEvent>& events, std::string_view since) {
  const std::string name = domain::DisplayName(child.details);
  std::string m = "<span class=\"govuk-caption-l\">" + Escape(name) + "</span><h1 class=\"govuk-heading-l\">Access log</h1>"
                  "<p class=\"govuk-body\">Everyone who saw or changed information about " + Escape(name) + " since " +
                  Escape(since) + ", newest first, with the rule that allowed or refused it. Your viewing of this log is "
                  "recorded too.</p>";
  m += EventsTable(events, false);
  return Page(200, SignedInOptions(options, "Access log – " + name, who), m);
}

http::Response MyAccessPage(const WebOptions& options, const SignedIn& who, const std::vector<service::AccessEvent>& events,
                            std::string_view since) {
  std::string m = "<h1 class=\"govuk-heading-l\">My access history</h1><p class=\"govuk-body\">What you have opened or changed "
                  "in Confide since " + Escape(since) + ", newest first. Designated safeguarding leads and the data protection "
                  "officer review access like this.</p>";
  m += EventsTable(events, true);
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/audit\">The audit log's signed state</a> (for auditors and the "
       "data protection officer)</p>";
  return Page(200, SignedInOptions(options, "My access history", who), m);
}

http::Response AuditPage(const WebOptions& options, const SignedIn& who, const std::optional<audit::SignedTreeHead>& head,
                         std::string_view public_key_hex, const audit::VerifyReport* report) {
  std::string m = "<h1 class=\"govuk-heading-l\">Audit log</h1><p class=\"govuk-body\">Every access to personal data is an entry "
                  "in a tamper-evident log (a Merkle tree, RFC 6962), and its state is signed with the organisation's key. An "
                  "auditor can check it with the public key alone (<code>confide audit verify</code>).</p>";
  if (report) {
    if (report->ok()) {
      m += "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" aria-labelledby=\"verify-title\" "
           "data-module=\"govuk-notification-banner\"><div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" "
           "id=\"verify-title\">Verified</h2></div><div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">"
           "The audit log verifies: " + std::to_string(report->entries) + " entries and " + std::to_string(report->checkpoints) +
           " signed checkpoints, every hash and signature checked.</p></div></div>";
    } else {
      m += "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">"
           "The audit log does not verify</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list\">";
      for (const std::string& p : report->problems) m += "<li>" + Escape(p) + "</li>";
      m += "</ul><p class=\"govuk-body\">Tell the data protection officer: this may be tampering.</p></div></div></div>";
    }
  }
  m += "<h2 class=\"govuk-heading-m\">Latest signed tree head</h2><dl class=\"govuk-summary-list\">";
  auto row = [&](std::string_view k, const std::string& v) {
    m += "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">" + Escape(k) +
         "</dt><dd class=\"govuk-summary-list__value confide-hash\">" + Escape(v) + "</dd></div>";
  };
  if (head) {
    row("Entries", std::to_string(head->tree_size));
    row("Signed", domain::FormatUkDateTime(head->timestamp));
    row("Root hash", HexEncode(head->root));
    row("Signature", HexEncode(head->signature));
  } else {
    row("Entries", "0");
  }
  row("Organisation's public key", std::string(public_key_hex));
  m += "</dl>";
  m += OpenForm("/audit/verify", who.csrf);
  m += SubmitButton("Verify the whole log now");
  m += kCloseForm;
  return Page(200, SignedInOptions(options, "Audit log", who), m);
}

}  // namespace confide::web
