// An approver's queue: "a decision to share without consent is not made by an individual alone",
// and the police have no automatic right to information, so a designated person, a manager or the
// DPO backs such decisions. This page is where they find what waits for them.
#include "domain/uk_time.h"
#include "web/html.h"
#include "web/sharing_pages.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

std::string UrgencyTag(sharing::Urgency u) {
  switch (u) {
    case sharing::Urgency::kEmergency: return Tag("red", Words(u));
    case sharing::Urgency::kUrgent: return Tag("orange", Words(u));
    case sharing::Urgency::kRoutine: break;
  }
  return Tag("grey", Words(u));
}

std::string Approvals(uint32_t mask) {
  std::string h;
  for (size_t i = 0; i < sharing::Count<sharing::Approval>(); ++i) {
    const auto a = static_cast<sharing::Approval>(i);
    if (mask & sharing::Bit(a)) h += (h.empty() ? "" : "<br>") + Escape(Words(a));
  }
  return h;
}

std::string Row(const sharing::SharingPolicy& policy, const service::AwaitingApproval& a) {
  const std::string id = std::to_string(a.request_id);
  std::string what = Escape(Words(a.direction)) + ": " + Escape(PurposeWords(policy, a.purpose));
  if (a.sent) what += "<br><strong class=\"govuk-!-font-weight-bold\">Already shared in an emergency: your backing is recorded afterwards</strong>";
  return "<tr class=\"govuk-table__row\">" +
         TableCell("<a class=\"govuk-link\" href=\"/sharing/" + id + "\">Request " + id + "</a>") +
         TableCell(Escape(a.person_name.value_or("Child " + std::to_string(a.person_id)))) + TableCell(UrgencyTag(a.urgency)) + TableCell(what) +
         TableCell(Approvals(a.yours)) + TableCell(Escape(domain::FormatUkDateTime(a.received_at))) + "</tr>";
}

}  // namespace

http::Response AwaitingApprovalPage(const WebOptions& options, const SignedIn& who, const sharing::SharingPolicy& policy,
                                    const service::ApprovalQueue& queue) {
  std::string m = "<h1 class=\"govuk-heading-l\">Waiting for your approval</h1>";
  if (!queue.approver) {
    m += "<p class=\"govuk-body\">Your role does not back decisions to share. Designated safeguarding leads and their "
         "deputies, managers and the data protection officer do.</p>";
  } else if (queue.items.empty()) {
    m += "<p class=\"govuk-body\">Nothing is waiting for your approval.</p>";
  } else {
    m += "<p class=\"govuk-body\">These requests and proposals to share wait for a backing your role gives. The most urgent "
         "are first. Open one to read the decision and its reasons before you approve it. Requests you recorded yourself are "
         "not listed: someone else must back them.</p>";
    m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">" +
         std::to_string(queue.items.size()) + (queue.items.size() == 1 ? " request" : " requests") +
         "</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
    for (const char* h : {"Request", "Child", "Urgency", "What", "Yours to give", "Received"}) {
      m += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(h) + "</th>";
    }
    m += "</tr></thead><tbody class=\"govuk-table__body\">";
    for (const service::AwaitingApproval& a : queue.items) m += Row(policy, a);
    m += "</tbody></table>";
  }
  return Page(200, SignedInOptions(options, "Waiting for your approval", who), m);
}

}  // namespace confide::web
