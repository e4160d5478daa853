#include "web/sharing_words.h"

#include "web/html.h"

namespace confide::web {

using namespace sharing;

std::string Words(Direction d) {
  switch (d) {
    case Direction::kIncoming: return "Someone asks us to share";
    case Direction::kOutgoing: return "We propose to share";
    case Direction::kAdvice: return "Advice without naming the child";
  }
  return std::string(Name(d));
}

std::string Words(RecipientKind k) {
  switch (k) {
    case RecipientKind::kChildrensSocialCare: return "Children's social care";
    case RecipientKind::kPolice: return "Police";
    case RecipientKind::kHealth: return "Health professionals";
    case RecipientKind::kSchool: return "A school or setting";
    case RecipientKind::kOtherLocalAuthority: return "Another local authority";
    case RecipientKind::kCourt: return "A court";
    case RecipientKind::kChildrensGuardian: return "The Children's Guardian appointed by the court";
    case RecipientKind::kInspector: return "Inspectors with statutory powers";
    case RecipientKind::kSolicitor: return "A solicitor";
    case RecipientKind::kAdvocate: return "An advocate";
    case RecipientKind::kResearcher: return "An external researcher";
    case RecipientKind::kPress: return "The press";
    case RecipientKind::kParent: return "A parent";
    case RecipientKind::kChild: return "The child";
    case RecipientKind::kPublic: return "A member of the public";
  }
  return std::string(Name(k));
}

std::string Words(Channel c) {
  switch (c) {
    case Channel::kPhone: return "Phone";
    case Channel::kEmail: return "Ordinary email";
    case Channel::kSecureEmail: return "Secure email";
    case Channel::kLetter: return "Letter";
    case Channel::kPortal: return "Secure portal";
    case Channel::kInPerson: return "In person";
  }
  return std::string(Name(c));
}

std::string Words(Urgency u) {
  switch (u) {
    case Urgency::kRoutine: return "Routine";
    case Urgency::kUrgent: return "Urgent";
    case Urgency::kEmergency: return "Emergency: a child is in immediate danger";
  }
  return std::string(Name(u));
}

std::string Words(Document d) {
  switch (d) {
    case Document::kCourtOrder: return "Court order";
    case Document::kSection47Request: return "Section 47 enquiry request";
    case Document::kPoliceRequestForm: return "Police data protection request form";
    case Document::kStatutoryAuthority: return "Statutory authority (inspection, review or inquiry)";
    case Document::kResearchApproval: return "Research approval";
  }
  return std::string(Name(d));
}

std::string Words(Approval a) {
  switch (a) {
    case Approval::kDesignatedPerson: return "Designated safeguarding lead or deputy";
    case Approval::kManager: return "Manager";
    case Approval::kDataProtectionOfficer: return "Data protection officer";
    case Approval::kLegalServices: return "Legal services";
    case Approval::kLocalAuthority: return "The local authority as corporate parent";
  }
  return std::string(Name(a));
}

std::string Words(LawfulBasis b) {
  switch (b) {
    case LawfulBasis::kNone: return "No lawful basis";
    case LawfulBasis::kConsent: return "Consent";
    case LawfulBasis::kSafeguarding: return "Safeguarding a child at risk";
    case LawfulBasis::kLegalObligation: return "Legal obligation (a court order or duty)";
    case LawfulBasis::kStatutoryAccess: return "Statutory right of access";
    case LawfulBasis::kCrimePrevention: return "Prevention or detection of crime";
    case LawfulBasis::kPublicTask: return "Public task";
    case LawfulBasis::kNoPersonalData: return "No personal data (anonymised)";
  }
  return std::string(Name(b));
}

std::string Words(Outcome o) {
  switch (o) {
    case Outcome::kShare: return "Share";
    case Outcome::kShareInPart: return "Share in part";
    case Outcome::kDecline: return "Do not share";
    case Outcome::kEscalate: return "Approval needed before anything is shared";
    case Outcome::kRedirect: return "Another route";
  }
  return std::string(Name(o));
}

std::string Words(Route r) {
  switch (r) {
    case Route::kNone: return "None";
    case Route::kPressOffice: return "The press office";
    case Route::kSubjectAccess: return "A subject access request";
    case Route::kFoiOfficer: return "The Freedom of Information officer";
    case Route::kLegalServices: return "Legal services";
    case Route::kResearchApproval: return "The research approval route";
  }
  return std::string(Name(r));
}

std::string Words(ConsentState c) {
  switch (c) {
    case ConsentState::kValid: return "Valid consent for this purpose and recipient";
    case ConsentState::kNone: return "No consent recorded for this purpose and recipient";
    case ConsentState::kRefused: return "Consent was refused";
    case ConsentState::kWithdrawn: return "Consent was withdrawn";
    case ConsentState::kExpired: return "Consent has expired";
  }
  return std::string(Name(c));
}

std::string Question(Fact f) {
  switch (f) {
    case Fact::kSignificantHarm: return "A child is suffering, or is likely to suffer, significant harm";
    case Fact::kSomeoneHurt: return "Someone has been hurt and seeking consent would delay help";
    case Fact::kConsentWouldIncreaseRisk: return "Seeking consent would put the child or someone else at greater risk";
    case Fact::kConsentWouldPrejudiceInvestigation: return "Seeking consent would prejudice a criminal investigation";
    case Fact::kDisclosureRequired: return "The law requires the disclosure anyway";
    case Fact::kRequesterIsSubject: return "The person asking is the person the information is about";
    case Fact::kTellingWouldPrejudice: return "Telling the person what was shared would prejudice the purpose";
    case Fact::kTellingWouldPutAtRisk: return "Telling the person what was shared would put someone at risk";
    default: return std::string(Name(f));
  }
}

std::string CategoryWords(const SharingPolicy& policy, std::string_view id) {
  for (const Category& c : policy.categories()) {
    if (c.id == id) return c.says;
  }
  return std::string(id);
}

std::string PurposeWords(const SharingPolicy& policy, std::string_view id) {
  for (const Purpose& p : policy.purposes()) {
    if (p.id == id) return p.says;
  }
  return std::string(id);
}

std::string Tag(std::string_view colour, std::string_view text) {
  return "<strong class=\"govuk-tag" + std::string(colour.empty() ? "" : " govuk-tag--") + std::string(colour) + "\">" +
         Escape(text) + "</strong>";
}

std::string StageTag(CaseStage s) {
  switch (s) {
    case CaseStage::kToDecide: return Tag("blue", "To decide");
    case CaseStage::kAwaitingApproval: return Tag("yellow", "Awaiting approval");
    case CaseStage::kReadyToSend: return Tag("light-blue", "Ready to send");
    case CaseStage::kSent: return Tag("green", "Sent");
    case CaseStage::kClosed: return Tag("grey", "Closed");
  }
  return Tag("grey", Name(s));
}

std::string OutcomeTag(Outcome o) {
  switch (o) {
    case Outcome::kShare: return Tag("green", Words(o));
    case Outcome::kShareInPart: return Tag("turquoise", Words(o));
    case Outcome::kDecline: return Tag("red", Words(o));
    case Outcome::kEscalate: return Tag("yellow", Words(o));
    case Outcome::kRedirect: return Tag("purple", Words(o));
  }
  return Tag("grey", Words(o));
}

}  // namespace confide::web
