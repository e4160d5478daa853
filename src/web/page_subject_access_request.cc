// One subject access request, the search with the redaction form, and the bundle with the approval
// and release forms (web/subject_access_pages.h).
#include "domain/uk_time.h"
#include "web/form_html.h"
#include "web/html.h"
#include "web/subject_access_pages.h"

namespace confide::web {
namespace {

std::string Breadcrumbs(int64_t request_id) {
  std::string m = "<nav class=\"govuk-breadcrumbs\" aria-label=\"Breadcrumb\"><ol class=\"govuk-breadcrumbs__list\"><li "
                  "class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/subject-access\">Subject "
                  "access requests</a></li>";
  if (request_id) {
    m += "<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"/subject-access/" +
         std::to_string(request_id) + "\">Request " + std::to_string(request_id) + "</a></li>";
  }
  return m + "</ol></nav>";
}

bool Finished(const service::SubjectAccessCase& c) { return c.state == "released" || c.state == "closed"; }

std::string StepDetails(const service::SarStep& s) {
  std::string out;
  auto add = [&](const char* key, const char* words) {
    auto it = s.details.find(key);
    if (it == s.details.end() || it->second.empty()) return;
    out += (out.empty() ? "" : "; ") + std::string(words) + ": " + it->second;
  };
  add("months", "further months");
  add("note", "note");
  add("reason", "reason");
  add("ground", "ground");
  add("ref", "covers");
  add("field", "field");
  add("redaction", "redaction");
  add("channel", "sent by");
  add("bundle", "bundle");
  return out;
}

std::string Steps(const service::SubjectAccessCase& c) {
  std::string m = "<h2 class=\"govuk-heading-m\">Steps</h2>";
  if (c.steps.empty()) return m + "<p class=\"govuk-body\">No steps yet.</p>";
  m += "<table class=\"govuk-table\" id=\"sar-steps\"><caption class=\"govuk-table__caption govuk-visually-hidden\">Steps</caption>"
       "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (const char* h : {"Step", "On", "By", "Details"}) m += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(h) + "</th>";
  m += "</tr></thead><tbody class=\"govuk-table__body\">";
  for (const service::SarStep& s : c.steps) {
    // A redaction's words are shown to the DPO here (they decided them), never in the bundle.
    std::string details = StepDetails(s);
    if (s.kind == service::SarStepKind::kRedaction) {
      auto text = s.details.find("text");
      if (text != s.details.end() && !text->second.empty()) details += "; words: " + text->second;
    }
    m += "<tr class=\"govuk-table__row\">" + TableCell(Escape(SarStepWords(s.kind))) + TableCell(Escape(s.on.FormatUk())) +
         TableCell("Staff " + std::to_string(s.recorded_by)) + TableCell(Escape(details)) + "</tr>";
  }
  return m + "</tbody></table>";
}

// The steps that fit the request's state, in the order offered.
std::vector<RadioOption> StepKinds(const service::SubjectAccessCase& c) {
  std::vector<RadioOption> kinds;
  if (!c.intake.identity_confirmed && c.state == "awaiting_identity") {
    kinds.push_back({"identity_received", "Identity evidence received", "The clock starts on that day"});
  }
  if (c.state == "clock_stopped") {
    kinds.push_back({"clarification_received", "Clarification received", "The clock starts again"});
  } else if (c.state != "awaiting_identity") {
    kinds.push_back({"clarification_requested", "Clarification asked for",
                     "The clock stops until the answer arrives: only for information you reasonably need to find what was "
                     "asked for"});
    kinds.push_back({"extended", "Extended", "By one or two further months, for a complex request; tell the requester why, "
                                             "within the first month"});
  }
  kinds.push_back({"closed", "Closed", "Withdrawn by the requester, or refused as manifestly unfounded or excessive"});
  return kinds;
}

// The step form's errors with the one about the kind on the first option offered (where the
// error summary links and the radios show it).
std::vector<FieldError> StepErrors(const SarRequestView& v) {
  std::vector<FieldError> errors = v.step.errors;
  const std::string first = "kind-" + StepKinds(v.request).front().value;
  for (FieldError& e : errors) {
    if (e.field == "kind") e.field = first;
  }
  return errors;
}

std::string StepForm(const SarRequestView& v, const SignedIn& who) {
  const SarStepForm& f = v.step;
  const std::vector<FieldError> errors = StepErrors(v);
  std::string m = "<h2 class=\"govuk-heading-m\" id=\"add-step\">Record a step</h2>" +
                  OpenForm("/subject-access/" + std::to_string(v.request.id) + "/steps", who.csrf);
  const std::vector<RadioOption> kinds = StepKinds(v.request);
  m += RadiosGroup("kind", "What happened", kinds, f.kind, errors);
  m += DateInputGroup("on", "On", "For example, 5 11 2026", f.day, f.month, f.year, errors);
  TextInput months = PlainInput("months", "If extended: further months (1 or 2)", f.months);
  months.inputmode = "numeric";
  months.classes = "govuk-input--width-2";
  m += TextInputGroup(months, errors);
  m += TextareaGroup("note", "Note", "How identity was confirmed, what was asked, why it was extended or closed", f.note, errors, 3);
  return m + SubmitButton("Record the step") + std::string(kCloseForm);
}

std::string Redactions(const SarRequestView& v, const SignedIn& who) {
  const service::SubjectAccessCase& c = v.request;
  std::string m = "<h2 class=\"govuk-heading-m\">Redactions in force</h2>";
  if (c.redactions.empty()) {
    m += "<p class=\"govuk-body\">None.</p>";
  } else {
    m += "<table class=\"govuk-table\" id=\"sar-redactions\"><caption class=\"govuk-table__caption govuk-visually-hidden\">"
         "Redactions in force</caption><thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
    for (const char* h : {"Redaction", "Covers", "What", "Ground", "Reason"}) {
      m += "<th scope=\"col\" class=\"govuk-table__header\">" + std::string(h) + "</th>";
    }
    m += "</tr></thead><tbody class=\"govuk-table__body\">";
    for (const governance::Redaction& r : c.redactions) {
      const std::string what = r.text.empty() ? (r.field.empty() ? "The whole item" : "The whole field " + r.field)
                                              : "The words \u201c" + r.text + "\u201d" + (r.field.empty() ? "" : " in " + r.field);
      m += "<tr class=\"govuk-table__row\">" + TableCell(std::to_string(r.id)) + TableCell(Escape(r.ref == "*" ? "Everything" : r.ref)) +
           TableCell(Escape(what)) + TableCell(Escape(SarGroundWords(r.ground))) + TableCell(Escape(r.reason)) + "</tr>";
    }
    m += "</tbody></table>";
  }
  if (!Finished(c) && !c.redactions.empty()) {
    const SarWithdrawForm& f = v.withdraw;
    std::vector<SelectOption> options{{"", "Choose a redaction"}};
    for (const governance::Redaction& r : c.redactions) options.push_back({std::to_string(r.id), "Redaction " + std::to_string(r.id)});
    m += "<details class=\"govuk-details\"" + std::string(f.errors.empty() ? "" : " open") +
         "><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Withdraw a "
         "redaction</span></summary><div class=\"govuk-details__text\">" +
         OpenForm("/subject-access/" + std::to_string(c.id) + "/redactions/withdraw", who.csrf) +
         SelectGroup("redaction", "Redaction", options, f.redaction, f.errors) +
         TextareaGroup("withdraw_reason", "Why", "For example, the neighbour has agreed to be named", f.reason, f.errors, 2) +
         SubmitButton("Withdraw the redaction") + std::string(kCloseForm) + "</div></details>";
  }
  return m;
}

}  // namespace

http::Response SarRequestPage(const WebOptions& options, const SignedIn& who, const SarRequestView& v) {
  const service::SubjectAccessCase& c = v.request;
  const std::string id = std::to_string(c.id);
  const std::vector<FieldError> errors = !v.step.errors.empty() ? StepErrors(v) : v.withdraw.errors;
  std::string m = Breadcrumbs(0) + ErrorSummary(errors);
  if (!v.notice.empty()) m += SuccessBanner(v.notice);
  m += "<span class=\"govuk-caption-l\">Person " + std::to_string(c.person_id) + "</span><h1 class=\"govuk-heading-l\">Subject "
       "access request " + id + "</h1>";
  m += "<p class=\"govuk-body\">" + SarStateTag(c) + "</p>";
  m += "<dl class=\"govuk-summary-list\" id=\"sar-summary\">";
  // A child's page says who they are; adults have no page of their own.
  m += SummaryRow("About", c.person_kind == domain::PersonKind::kChild
                               ? "<a class=\"govuk-link\" href=\"/children/" + std::to_string(c.person_id) + "\">Person " +
                                     std::to_string(c.person_id) + "</a>"
                               : "Person " + std::to_string(c.person_id) + " (an adult)");
  std::string requester = Escape(c.intake.requester_name) + " (" + Escape(SarRequesterWords(c.intake.requester)) + ")";
  if (c.intake.requester_person_id) requester += ", person " + std::to_string(*c.intake.requester_person_id);
  m += SummaryRow("Requester", requester);
  if (!c.intake.contact.empty()) m += SummaryRow("Contact", Escape(c.intake.contact));
  m += SummaryRow("Asked for", Escape(c.intake.request_text));
  m += SummaryRow("Received", Escape(c.received_on.FormatUk()));
  m += SummaryRow("Identity", Escape(c.intake.identity_confirmed ? "Confirmed when it arrived: " + c.intake.identity_method
                                                          : "Evidence asked for: " + c.intake.identity_method));
  m += SummaryRow("Due", c.deadline.due_on ? "<strong id=\"sar-due\">" + Escape(c.deadline.due_on->FormatUk()) + "</strong>"
                                    : std::string("<strong id=\"sar-due\">No date yet: the clock is not running</strong>"));
  if (c.deadline.extension_notice_due_on && c.deadline.due_on) {
    m += SummaryRow("Tell the requester of an extension by", Escape(c.deadline.extension_notice_due_on->FormatUk()));
  }
  if (c.release) {
    m += SummaryRow("Released", Escape(domain::FormatUkDateTime(c.release->released_at)) + " by " + Escape(c.release->channel) +
                             " (bundle " + Escape(c.release->bundle_id) + ")");
  }
  m += "</dl>";
  if (c.overdue) m += WarningText("This request is past its deadline.");
  m += "<h2 class=\"govuk-heading-m\">How the deadline is worked out</h2><ol class=\"govuk-list govuk-list--number\" "
       "id=\"sar-explanation\">";
  for (const std::string& line : c.deadline.explanation) m += "<li>" + Escape(line) + "</li>";
  m += "</ol>";
  if (!c.checks.empty()) {
    m += "<h2 class=\"govuk-heading-m\">Before you release anything</h2>";
    for (const std::string& check : c.checks) {
      m += "<div class=\"govuk-warning-text sar-check\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>"
           "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>" +
           Escape(check) + "</strong></div>";
    }
  }
  if (!Finished(c)) {
    m += "<h2 class=\"govuk-heading-m\">The answer</h2><ul class=\"govuk-list\"><li><a class=\"govuk-link\" href=\"/subject-access/" +
         id + "/search\">Everything held about the person, and redactions</a></li><li><a class=\"govuk-link\" "
         "href=\"/subject-access/" + id + "/preview\">The bundle as it would be released: approve and release it</a></li></ul>";
  } else if (c.release) {
    m += "<h2 class=\"govuk-heading-m\">The answer</h2><ul class=\"govuk-list\"><li><a class=\"govuk-link\" href=\"/subject-access/" +
         id + "/preview\">The bundle as released, and its files</a></li></ul>";
  }
  m += Redactions(v, who);
  m += Steps(c);
  if (!Finished(c)) m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + StepForm(v, who) + "</div></div>";
  PageOptions o = SignedInOptions(options, "Subject access request " + id, who);
  o.has_error = !errors.empty();
  return Page(errors.empty() ? 200 : 400, o, m);
}

http::Response SarSearchPage(const WebOptions& options, const SignedIn& who, const SarSearchView& v) {
  const std::string id = std::to_string(v.request_id);
  const SarRedactionForm& f = v.form;
  std::string m = Breadcrumbs(v.request_id) + ErrorSummary(f.errors);
  m += "<span class=\"govuk-caption-l\">Request " + id + ", person " + std::to_string(v.person_id) +
       "</span><h1 class=\"govuk-heading-l\">Everything held about the person</h1>";
  m += "<p class=\"govuk-body\">Every version of their details, their relationships, every version of every record about them "
       "(restricted ones too), their consent records and their sharing register: " +
       std::to_string(v.items.size()) + " items. Nothing here is about anyone else. Read it, then redact what the law "
       "does not let you release: another person's information, the identity of someone who gave information in "
       "confidence, information likely to cause serious harm.</p>";
  m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h2 class=\"govuk-heading-m\" id=\"redact\">"
       "Redact</h2>" +
       OpenForm("/subject-access/" + id + "/redactions", who.csrf);
  TextInput ref = PlainInput("ref", "What it covers", f.ref);
  ref.hint = "An item's reference from the list below (record/40/v2), a record with all its versions (record/40), or * for everything";
  ref.classes = "govuk-input--width-20";
  m += TextInputGroup(ref, f.errors);
  TextInput field = PlainInput("field", "Field (optional)", f.field);
  field.hint = "One field of it, for example text; leave empty for every field";
  field.classes = "govuk-input--width-20";
  m += TextInputGroup(field, f.errors);
  m += TextareaGroup("text", "Words to black out (optional)",
                     "Every place they occur is replaced by [redacted]; leave empty to redact the whole field (or, with no field, "
                     "leave the whole item out)",
                     f.text, f.errors, 2);
  m += RadiosGroup("ground", "Why the law allows it",
                   {{"third_party", SarGroundWords(governance::RedactionGround::kThirdParty),
                     "They have not consented and it is not reasonable to disclose without their consent"},
                    {"anonymous_informant", SarGroundWords(governance::RedactionGround::kAnonymousInformant), ""},
                    {"childs_expectation", SarGroundWords(governance::RedactionGround::kChildsExpectation),
                     "When a parent asks for their child's records"},
                    {"serious_harm", SarGroundWords(governance::RedactionGround::kSeriousHarm),
                     "To the physical or mental health of the person or anyone else, prejudicing social work"},
                    {"other_exemption", SarGroundWords(governance::RedactionGround::kOtherExemption), "Name it in the reason"}},
                   f.ground, f.errors);
  m += TextareaGroup("reason", "Reason", "Kept in the register; the requester sees only [redacted]", f.reason, f.errors, 2);
  m += SubmitButton("Redact") + std::string(kCloseForm) + "</div></div>";
  m += "<h2 class=\"govuk-heading-m\">What is held</h2>";
  for (const governance::BundleItem& item : v.items) {
    m += "<h3 class=\"govuk-heading-s sar-item\" id=\"item-" + Escape(item.ref) + "\">" + Escape(item.title) +
         " <span class=\"govuk-caption-m\">" + Escape(item.ref) + "</span></h3><dl class=\"govuk-summary-list\">";
    for (const auto& [name, value] : item.fields) m += SummaryRow(name, Escape(value));
    m += "</dl>";
  }
  PageOptions o = SignedInOptions(options, "Everything held – request " + id, who);
  o.has_error = !f.errors.empty();
  return Page(f.errors.empty() ? 200 : 400, o, m);
}

http::Response SarPreviewPage(const WebOptions& options, const SignedIn& who, const SarPreviewView& v) {
  const service::SubjectAccessCase& c = v.request;
  const service::SubjectAccessBundle& b = v.bundle;
  const std::string id = std::to_string(c.id);
  std::string m = Breadcrumbs(c.id) + ErrorSummary(v.errors);
  m += "<span class=\"govuk-caption-l\">Request " + id + ", person " + std::to_string(c.person_id) + "</span><h1 "
       "class=\"govuk-heading-l\">" + std::string(c.release ? "The bundle as released" : "The bundle as it would be released") +
       "</h1>";
  m += "<dl class=\"govuk-summary-list\" id=\"sar-bundle\">";
  m += SummaryRow("Items", std::to_string(b.items) + (b.items_withheld ? ", " + std::to_string(b.items_withheld) + " left out" : ""));
  if (!c.release) m += SummaryRow("Fields redacted", std::to_string(b.fields_redacted));
  m += SummaryRow("Content digest", "<code class=\"confide-hash\" id=\"sar-digest\">" + Escape(b.header.content_sha256) + "</code>");
  m += SummaryRow("Approved", c.release ? "Yes" : (b.approved ? "Yes, exactly this content" : "No"));
  m += "</dl>";
  if (c.release) {
    m += "<p class=\"govuk-body\">Released " + Escape(domain::FormatUkDateTime(c.release->released_at)) + " by " +
         Escape(c.release->channel) + ". The files, exactly as released:</p><ul class=\"govuk-list\"><li><a class=\"govuk-link\" "
         "href=\"/subject-access/" + id + "/bundle.txt\" download>The readable document</a></li><li><a class=\"govuk-link\" "
         "href=\"/subject-access/" + id + "/bundle.json\" download>The JSON bundle</a></li></ul>";
  } else if (c.state == "closed") {
    m += "<p class=\"govuk-body\">The request is closed: nothing will be released.</p>";
  } else if (c.state == "awaiting_identity") {
    m += "<p class=\"govuk-body\">The requester's identity is not confirmed yet: nothing can be approved or released.</p>";
  } else if (!b.approved) {
    m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h2 class=\"govuk-heading-m\">Approve</h2>"
         "<p class=\"govuk-body\">Read the whole document below first. Approval is for exactly this content: a redaction, or "
         "anything new recorded about the person, needs approving again.</p>" +
         OpenForm("/subject-access/" + id + "/approve", who.csrf) +
         HiddenFields({{"content_sha256", b.header.content_sha256}}) +
         TextareaGroup("note", c.checks.empty() ? "Note (optional)" : "How the checks before release were dealt with",
                       "For example, the child agreed to their mother having the bundle; checked every page", v.note, v.errors, 2) +
         SubmitButton("Approve for release") + std::string(kCloseForm) + "</div></div>";
  } else {
    m += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h2 class=\"govuk-heading-m\">Release</h2>"
         "<p class=\"govuk-body\">Releasing records the disclosure to the requester and keeps the bundle as sent. It happens "
         "once.</p>" +
         OpenForm("/subject-access/" + id + "/release", who.csrf) +
         TextInputGroup(PlainInput("channel", "How it is sent", v.channel), v.errors) + SubmitButton("Release the bundle") +
         std::string(kCloseForm) + "</div></div>";
  }
  m += "<h2 class=\"govuk-heading-m\">The readable document</h2><pre class=\"confide-document\" id=\"sar-document\" tabindex=\"0\">" +
       Escape(b.document) + "</pre>";
  PageOptions o = SignedInOptions(options, "Bundle – request " + id, who);
  o.has_error = !v.errors.empty();
  return Page(v.errors.empty() ? 200 : 400, o, m);
}

}  // namespace confide::web
