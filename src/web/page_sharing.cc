// A child's sharing requests and the task list of one: request → consent check → decision with
// reasons → approval → disclosure → sent (docs/web.md). Each decision shows its reasons in the
// policy's words, so whoever backs or sends a share reads why before they act.
#include "domain/uk_time.h"
#include "sharing/sharing_explanation.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/sharing_pages.h"
#include "web/sharing_words.h"
#include "web/words.h"

namespace confide::web {
namespace {

using sharing::CaseStage;
using sharing::SharingCase;

std::string When(UnixMicros t) { return Escape(domain::FormatUkDateTime(t)); }

std::string Who(const std::map<int64_t, std::string>& names, int64_t id) {
  auto it = names.find(id);
  return Escape(it == names.end() ? "Staff " + std::to_string(id) : it->second);
}

std::string RecipientText(const SharingCase& c) {
  if (c.recipient) return c.recipient->name + (c.recipient->organisation.empty() ? "" : ", " + c.recipient->organisation);
  return Words(c.request.recipient_kind) + " (not in the directory)";
}

std::string Title(const sharing::SharingRequest& r) {
  switch (r.direction) {
    case sharing::Direction::kIncoming: return "Request to share " + std::to_string(r.id);
    case sharing::Direction::kOutgoing: return "Proposal to share " + std::to_string(r.id);
    case sharing::Direction::kAdvice: return "Request for advice " + std::to_string(r.id);
  }
  return "Sharing request " + std::to_string(r.id);
}

std::string List(const std::vector<std::string>& items_html) {
  if (items_html.empty()) return "None";
  std::string h = "<ul class=\"govuk-list govuk-list--bullet\">";
  for (const std::string& i : items_html) h += "<li>" + i + "</li>";
  return h + "</ul>";
}

std::vector<std::string> CategoryList(const sharing::SharingPolicy& policy, const nlohmann::json& ids) {
  std::vector<std::string> out;
  if (!ids.is_array()) return out;
  for (const nlohmann::json& id : ids) {
    if (id.is_string()) out.push_back(Escape(CategoryWords(policy, id.get<std::string>())));
  }
  return out;
}

std::vector<std::string> ApprovalList(uint32_t mask) {
  std::vector<std::string> out;
  for (size_t i = 0; i < sharing::Count<sharing::Approval>(); ++i) {
    const auto a = static_cast<sharing::Approval>(i);
    if (mask & sharing::Bit(a)) out.push_back(Escape(Words(a)));
  }
  return out;
}

// "designated person and manager", or "one of: manager, data protection officer".
std::string ApprovalsNeeded(const sharing::SharingDecision& d) {
  std::string h;
  if (d.approvals_required) h += "All of: " + List(ApprovalList(d.approvals_required));
  if (d.approvals_one_of) h += "One of: " + List(ApprovalList(d.approvals_one_of));
  return h.empty() ? "None" : h;
}

// One task of the GOV.UK task list: linked when there is something to read or do there.
std::string Task(std::string_view id, std::string_view name, std::string_view href, std::string_view hint,
                 std::string_view status_html, std::string_view status_class = "") {
  const std::string sid = std::string(id) + "-status", hid = std::string(id) + "-hint";
  std::string h = std::string("<li class=\"govuk-task-list__item") + (href.empty() ? "" : " govuk-task-list__item--with-link") +
                  "\"><div class=\"govuk-task-list__name-and-hint\">";
  const std::string described = (hint.empty() ? "" : hid + " ") + sid;
  if (href.empty()) {
    h += "<div>" + Escape(name) + "</div>";
  } else {
    h += "<a class=\"govuk-link govuk-task-list__link\" href=\"" + Escape(href) + "\" aria-describedby=\"" + described + "\">" +
         Escape(name) + "</a>";
  }
  if (!hint.empty()) h += "<div id=\"" + hid + "\" class=\"govuk-task-list__hint\">" + Escape(hint) + "</div>";
  h += "</div><div class=\"govuk-task-list__status" + std::string(status_class.empty() ? "" : " ") + std::string(status_class) +
       "\" id=\"" + sid + "\">" + std::string(status_html) + "</div></li>";
  return h;
}

constexpr std::string_view kCannotStart = "govuk-task-list__status--cannot-start-yet";

std::string TaskList(const SharingCase& c, const std::string& base) {
  const sharing::RecordedDecision* d = c.Current();
  const CaseStage stage = sharing::StageOf(c);
  std::string h = "<ul class=\"govuk-task-list\">";
  h += Task("task-request", "Request recorded", "#request", Words(c.request.direction), "Completed");
  h += d ? Task("task-consent", "Consent check", "#consent", "", "Completed")
         : Task("task-consent", "Consent check", "", "", "Not yet started", kCannotStart);
  h += d ? Task("task-decision", "Decision with reasons", "#decision", "", OutcomeTag(d->decision.outcome))
         : Task("task-decision", "Decision with reasons", "", "", "Not yet started", kCannotStart);
  const bool needs_approval = d && (d->decision.approvals_required || d->decision.approvals_one_of);
  if (!d) {
    h += Task("task-approval", "Approval", "", "", "Cannot start yet", kCannotStart);
  } else if (d->decision.approvals_missing && !d->decision.approvals_after) {
    h += Task("task-approval", "Approval", "#approval", "", Tag("yellow", "Waiting"));
  } else if (needs_approval || !c.approvals.empty()) {
    h += Task("task-approval", "Approval", "#approval",
              d->decision.approvals_missing ? "To be recorded afterwards (an emergency)" : "", "Completed");
  } else {
    h += Task("task-approval", "Approval", "#approval", "", "Not needed");
  }
  const bool shares = d && d->decision.Shares();
  if (stage == CaseStage::kReadyToSend) {
    h += Task("task-disclosure", "Check the minimum dataset and send it", base + "/disclosure", "", Tag("blue", "Ready"));
  } else if (stage == CaseStage::kSent) {
    h += Task("task-disclosure", "Check the minimum dataset and send it", "", "", "Completed");
  } else if (d && !shares && d->decision.outcome != sharing::Outcome::kEscalate) {
    h += Task("task-disclosure", "Check the minimum dataset and send it", "", "", "Not needed");
  } else {
    h += Task("task-disclosure", "Check the minimum dataset and send it", "", "", "Cannot start yet", kCannotStart);
  }
  if (stage == CaseStage::kSent) {
    h += Task("task-sent", "Sent", "#sent", "", "Completed");
  } else if (stage == CaseStage::kClosed) {
    h += Task("task-sent", "Sent", "", "Nothing leaves: the decision is recorded", "Not needed");
  } else {
    h += Task("task-sent", "Sent", "", "", "Cannot start yet", kCannotStart);
  }
  return h + "</ul>";
}

std::string RequestSection(const SharingCase& c, const sharing::SharingPolicy& policy, const std::map<int64_t, std::string>& names) {
  const sharing::SharingRequest& r = c.request;
  std::string h = "<h2 class=\"govuk-heading-m\" id=\"request\">The request</h2><dl class=\"govuk-summary-list\">";
  h += SummaryRow("What kind", Escape(Words(r.direction)));
  h += SummaryRow(r.direction == sharing::Direction::kIncoming ? "Who asks" : "Who would receive it", Escape(RecipientText(c)));
  if (c.recipient) {
    h += SummaryRow("Their identity and entitlement",
             c.recipient->Verified() ? "Verified on " + When(*c.recipient->verified_at) + ": " + Escape(c.recipient->verification_method)
                                     : Tag("red", "Not verified"));
    if (!c.recipient->secure_channel.empty()) h += SummaryRow("Their secure channel", Escape(c.recipient->secure_channel));
  }
  h += SummaryRow("Purpose", Escape(PurposeWords(policy, r.purpose)));
  std::vector<std::string> asked;
  for (const std::string& id : r.categories) asked.push_back(Escape(CategoryWords(policy, id)));
  h += SummaryRow("Information asked for", List(asked));
  h += SummaryRow("How", Escape(Words(r.channel)));
  h += SummaryRow("Urgency", Escape(Words(r.urgency)));
  std::vector<std::string> docs;
  for (const sharing::SupportingDocument& d : r.documents) docs.push_back(Escape(Words(d.kind) + ": " + d.reference));
  h += SummaryRow("Supporting documents", List(docs));
  std::vector<std::string> answers;
  for (const std::string& a : r.answers) {
    if (auto f = sharing::ParseName<sharing::Fact>(a)) answers.push_back(Escape(Question(*f)));
  }
  h += SummaryRow("What the practitioner knows", List(answers));
  if (!r.details.empty()) h += SummaryRow("What was asked", Escape(r.details));
  if (!r.reasons.empty()) h += SummaryRow("Why sharing is necessary and proportionate", Escape(r.reasons));
  h += SummaryRow("Recorded", When(r.recorded_at) + " by " + Who(names, r.recorded_by));
  return h + "</dl>";
}

std::string ConsentSection(const sharing::RecordedDecision& d) {
  std::string h = "<h2 class=\"govuk-heading-m\" id=\"consent\">Consent check</h2>";
  const auto state = sharing::ParseName<sharing::ConsentState>(d.facts.value("consent", std::string()));
  h += "<p class=\"govuk-body\">" + Escape(state ? Words(*state) : "Not known") + ".</p>";
  std::vector<std::string> found;
  for (const std::string& f : d.findings) {
    // The state itself ("Consent: none.") is the sentence above; the rest says which records were weighed.
    if (f.starts_with("Consent: ") && !(state && f == "Consent: " + std::string(sharing::Name(*state)) + ".")) {
      found.push_back(Escape(f.substr(9)));
    }
  }
  if (!found.empty()) h += "<p class=\"govuk-body\">What Confide found in the consent registry:</p>" + List(found);
  if (d.decision.seek_consent) {
    h += "<p class=\"govuk-body\">The policy says to seek consent first: nothing in the request says seeking it would put "
         "anyone at risk or prejudice an investigation.</p>";
  } else if (d.decision.basis != sharing::LawfulBasis::kConsent && d.decision.Shares()) {
    h += "<p class=\"govuk-body\">Consent is not the basis of this share.</p>";
  }
  return h;
}

std::string DecisionSection(const SharingCase& c, const sharing::RecordedDecision& d, const sharing::SharingPolicy& policy,
                            const std::map<int64_t, std::string>& names, const SignedIn& who, const std::string& base) {
  const sharing::SharingDecision& x = d.decision;
  std::string h = "<h2 class=\"govuk-heading-m\" id=\"decision\">Decision with reasons</h2><dl class=\"govuk-summary-list\">";
  h += SummaryRow("Outcome", OutcomeTag(x.outcome));
  h += SummaryRow("Lawful basis", Escape(Words(x.basis)));
  if (x.outcome == sharing::Outcome::kRedirect) h += SummaryRow("Send the asker to", Escape(Words(x.redirect_to)));
  h += SummaryRow("Approvals needed", ApprovalsNeeded(x));
  if (x.approvals_after) h += SummaryRow("In an emergency", "Shared now; the approvals are recorded afterwards");
  h += SummaryRow("What may leave", List(CategoryList(policy, d.explanation.value("released", nlohmann::json::array()))));
  h += SummaryRow("Withheld", List(CategoryList(policy, d.explanation.value("withheld", nlohmann::json::array()))));
  h += SummaryRow("Is the person told", x.tell_subject ? "Yes, what was shared and why" : "No: telling them would prejudice the purpose or put someone at risk");
  if (x.alerts) h += SummaryRow("Alerted at once", List(ApprovalList(x.alerts)));
  h += SummaryRow("Decided", When(d.decided_at) + " by " + Who(names, d.decided_by));
  h += "</dl><h3 class=\"govuk-heading-s\">Why: the rules that applied</h3><ol class=\"govuk-list govuk-list--number\">";
  for (const nlohmann::json& reason : d.explanation.value("reasons", nlohmann::json::array())) {
    h += "<li>" + Escape(reason.value("says", std::string())) + " <span class=\"govuk-caption-s\">(" +
         Escape(reason.value("rule", std::string())) + ")</span></li>";
  }
  h += "</ol>";
  std::vector<std::string> other;
  for (const std::string& f : d.findings) {
    if (!f.starts_with("Consent: ")) other.push_back(Escape(f));
  }
  if (!other.empty()) h += "<h3 class=\"govuk-heading-s\">What Confide found</h3>" + List(other);
  const nlohmann::json& p = d.explanation.contains("policy") ? d.explanation["policy"] : nlohmann::json::object();
  h += "<p class=\"govuk-body-s\">Decided under " + Escape(p.value("name", std::string("the sharing policy"))) + ", version " +
       Escape(p.value("version", std::string("unknown"))) + ".</p>";
  if (c.decisions.size() > 1) {
    h += "<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">"
         "Earlier decisions (" + std::to_string(c.decisions.size() - 1) + ")</span></summary><div class=\"govuk-details__text\">"
         "<ul class=\"govuk-list\">";
    for (size_t i = 0; i + 1 < c.decisions.size(); ++i) {
      const sharing::RecordedDecision& e = c.decisions[i];
      h += "<li>" + When(e.decided_at) + " by " + Who(names, e.decided_by) + ": " + Escape(Words(e.decision.outcome)) + " (" +
           Escape(Words(e.decision.basis)) + ")</li>";
    }
    h += "</ul></div></details>";
  }
  if (sharing::StageOf(c) != CaseStage::kSent) {
    h += OpenForm(base + "/decide", who.csrf) +
         "<p class=\"govuk-body\">Consent, verification or restrictions changed since? Decide again on today's facts; this "
         "decision is kept.</p><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">"
         "Decide again</button>" + std::string(kCloseForm);
  }
  return h;
}

std::string ApprovalSection(const SharingCase& c, const sharing::RecordedDecision& d, const std::map<int64_t, std::string>& names,
                            const SignedIn& who, const std::string& base, const ApprovalForm& form) {
  std::string h = "<h2 class=\"govuk-heading-m\" id=\"approval\">Approval</h2>";
  h += "<p class=\"govuk-body\">A decision to share without consent is not made by one person alone.</p><div class=\"govuk-body\">Needed: " +
       ApprovalsNeeded(d.decision) + "</div>";
  if (!c.approvals.empty()) {
    h += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--s\">Approvals given</caption>"
         "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
    for (const char* col : {"Approval", "By", "Given", "Why"}) h += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(col) + "</th>";
    h += "</tr></thead><tbody class=\"govuk-table__body\">";
    for (const sharing::RecordedApproval& a : c.approvals) {
      h += "<tr class=\"govuk-table__row\">" + TableCell(Escape(Words(a.approval))) + TableCell(Who(names, a.approved_by)) +
           TableCell(When(a.approved_at) + (a.afterwards ? " (recorded after the share)" : "")) + TableCell(Escape(a.reason)) + "</tr>";
    }
    h += "</tbody></table>";
  }
  if (d.decision.approvals_missing == 0) return h;
  std::vector<RadioOption> options;
  for (size_t i = 0; i < sharing::Count<sharing::Approval>(); ++i) {
    const auto a = static_cast<sharing::Approval>(i);
    if (d.decision.approvals_missing & sharing::Bit(a)) options.push_back({std::string(sharing::Name(a)), Words(a), ""});
  }
  h += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h3 class=\"govuk-heading-s\">Give your approval</h3>"
       "<p class=\"govuk-body\">Only someone whose role gives the approval may record it, and never the person who recorded the "
       "request. Legal services and the local authority are recorded by a designated person, a manager or the data protection "
       "officer.</p>" + OpenForm(base + "/approvals", who.csrf);
  const std::string checked = options.size() == 1 ? options[0].value : form.approval;
  h += RadiosGroup("approval", "Your approval as", options, checked, form.errors);
  h += TextareaGroup("reason", "Why you back this share", "What you considered: the risk, the proportionality, the basis",
                     form.reason, form.errors, 3);
  h += SubmitButton("Approve") + std::string(kCloseForm) + "</div></div>";
  return h;
}

std::string SentSection(const SharingCase& c, const sharing::SharingPolicy& policy, const std::map<int64_t, std::string>& names,
                        const std::string& base) {
  std::string h = "<h2 class=\"govuk-heading-m\" id=\"sent\">Sent</h2>";
  for (const sharing::RecordedDisclosure& d : c.disclosures) {
    std::vector<std::string> cats;
    for (const std::string& id : d.categories) cats.push_back(Escape(CategoryWords(policy, id)));
    h += "<dl class=\"govuk-summary-list\">";
    h += SummaryRow("Sent", When(d.sent_at) + " by " + Who(names, d.sent_by));
    h += SummaryRow("To", Escape(RecipientText(c)));
    h += SummaryRow("How", Escape(Words(d.channel)));
    h += SummaryRow("Categories", List(cats));
    h += SummaryRow("Exactly what", std::to_string(d.fields.size()) + " fields left; " + std::to_string(d.withheld.size()) +
                                 " held back or redacted");
    h += SummaryRow("The person is told", d.subject_told ? "Yes" : "No" + (d.not_told_reason.empty() ? std::string() : ": " + Escape(d.not_told_reason)));
    if (!d.package_id.empty()) {
      h += SummaryRow("Disclosure package", "<a class=\"govuk-link\" href=\"" + base + "/disclosures/" + std::to_string(d.id) +
                                         "/sent\">Package " + Escape(d.package_id.substr(0, 16)) + "</a>");
    }
    h += "</dl>";
  }
  return h;
}

}  // namespace

http::Response ChildSharingPage(const WebOptions& options, const SignedIn& who, const domain::Person& child,
                                const std::vector<SharingCase>& cases, const sharing::SharingPolicy& policy) {
  const std::string name = domain::DisplayName(child.details);
  const std::string id = std::to_string(child.id);
  std::string m = "<span class=\"govuk-caption-l\">" + Escape(name) + "</span><h1 class=\"govuk-heading-l\">Sharing information</h1>"
                  "<p class=\"govuk-body\">Every request to share information about this child, every proposal to share it, and "
                  "the decision on each, with its reasons, whether or not anything was shared.</p>"
                  "<a class=\"govuk-button\" data-module=\"govuk-button\" href=\"/children/" + id +
                  "/sharing/new\">Record a request or proposal to share</a>";
  if (cases.empty()) {
    m += "<p class=\"govuk-body\">Nothing is recorded yet.</p>";
  } else {
    m += "<table class=\"govuk-table\"><caption class=\"govuk-table__caption govuk-table__caption--m\">Requests and proposals</caption>"
         "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
    for (const char* col : {"Recorded", "Request", "With", "Purpose", "Stage"}) {
      m += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(col) + "</th>";
    }
    m += "</tr></thead><tbody class=\"govuk-table__body\">";
    for (const SharingCase& c : cases) {
      m += "<tr class=\"govuk-table__row\">" + TableCell(When(c.request.recorded_at)) +
           TableCell("<a class=\"govuk-link\" href=\"/sharing/" + std::to_string(c.request.id) + "\">" + Escape(Title(c.request)) + "</a>") +
           TableCell(Escape(RecipientText(c))) + TableCell(Escape(PurposeWords(policy, c.request.purpose))) + TableCell(StageTag(sharing::StageOf(c))) +
           "</tr>";
    }
    m += "</tbody></table>";
  }
  m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/" + id + "\">Back to " + Escape(name) + "</a></p>";
  return Page(200, SignedInOptions(options, "Sharing information about " + name, who), m);
}

http::Response SharingCasePage(const WebOptions& options, const SignedIn& who, const SharingCaseView& v) {
  const SharingCase& c = v.sharing_case;
  const sharing::SharingPolicy& policy = *v.policy;
  const std::string base = "/sharing/" + std::to_string(c.request.id);
  const std::string name = v.child.Text();
  std::string m = ErrorSummary(v.approval.errors) + SuccessBanner(v.notice);
  m += "<span class=\"govuk-caption-l\">" + Escape(name) + "</span><h1 class=\"govuk-heading-l\">" + Escape(Title(c.request)) + "</h1>";
  for (const sharing::Investigation& i : c.investigations) {
    m += "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
         "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>An investigation was opened "
         "on " + When(i.opened_at) + ": " + Escape(i.reason) + "</strong></div>";
  }
  m += "<p class=\"govuk-body\">Where this stands: " + StageTag(sharing::StageOf(c)) + "</p>";
  m += TaskList(c, base);
  m += RequestSection(c, policy, v.staff_names);
  if (const sharing::RecordedDecision* d = c.Current()) {
    m += ConsentSection(*d);
    m += DecisionSection(c, *d, policy, v.staff_names, who, base);
    m += ApprovalSection(c, *d, v.staff_names, who, base, v.approval);
  }
  if (!c.disclosures.empty()) m += SentSection(c, policy, v.staff_names, base);
  if (!v.child.name.empty()) {
    m += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/children/" + std::to_string(v.child.id) +
         "/sharing\">All sharing about " + Escape(name) + "</a></p>";
  }
  PageOptions o = SignedInOptions(options, Title(c.request), who);
  o.has_error = !v.approval.errors.empty();
  return Page(v.approval.errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
