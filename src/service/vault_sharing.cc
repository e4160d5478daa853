// Vault use cases for the sharing register: a request (incoming, outgoing or advice) about a child,
// decided on facts Confide finds for itself — consent from the registry, the recipient's
// verification, contact restrictions, the agreement, the approvals recorded — with every decision,
// approval and disclosure kept, sealed with the child's data key.
#include <algorithm>

#include "domain/civil_date.h"
#include "service/sharing_approvers.h"
#include "service/vault_tx.h"
#include "disclosure/disclosure_package.h"
#include "sharing/facts_json.h"
#include "sharing/minimum_dataset.h"
#include "sharing/register_json.h"
#include "sharing/sharing_explanation.h"
#include "sharing/sharing_policy.h"

namespace confide::service {
namespace {

using sharing::Approval;
using Table = store::SharingRepository::Table;

Status NoSuchRequest(int64_t id) { return Status::NotFound("no sharing request with id " + std::to_string(id)); }

// Every entry of the register is sealed as one JSON document under the person's key, its
// associated data naming the entry, its id and the person.
VersionHeader RegisterHeader(std::string_view entity, int64_t id, const store::PersonRow& person, UnixMicros at, int64_t author) {
  VersionHeader h;
  h.entity = std::string(entity);
  h.id = id;
  h.version = 1;
  h.subject_id = person.subject_id;
  h.person_id = person.id;
  h.kind = std::string(entity);
  h.recorded_at = at;
  h.author_id = author;
  return h;
}

Status SealEntry(Vault::Tx& tx, Table table, std::string_view entity, int64_t id, const store::PersonRow& person, UnixMicros at,
                 int64_t author, const nlohmann::json& j) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(Bytes sealed, SealFields(*key, RegisterHeader(entity, id, person, at, author), {{"entry", j.dump()}}));
  return tx.uow().sharing().UpdateSealed(table, id, sealed);
}

Result<nlohmann::json> OpenEntry(Vault::Tx& tx, std::string_view entity, int64_t id, const store::PersonRow& person, UnixMicros at,
                                 int64_t author, ByteView sealed) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, RegisterHeader(entity, id, person, at, author), sealed));
  nlohmann::json j = nlohmann::json::parse(fields["entry"], nullptr, false);
  if (j.is_discarded()) return Status::Corruption(std::string(entity) + " " + std::to_string(id) + " is malformed");
  return j;
}

// The package a disclosure sent, kept so it can be fetched again (schema v5): sealed under the
// child's key like the register's entries (shredding the child destroys the copy), with the
// disclosure's id, time and sender in the associated data so it cannot be moved to another.
Status KeepPackage(Vault::Tx& tx, const store::PersonRow& person, int64_t disclosure_id, UnixMicros sent_at, int64_t sent_by,
                   const std::string& text) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(Bytes sealed, SealFields(*key, RegisterHeader("disclosure_package", disclosure_id, person, sent_at, sent_by),
                                                    {{"package", text}}));
  return tx.uow().sharing().InsertDisclosurePackage(disclosure_id, sealed);
}

Result<std::string> OpenKeptPackage(Vault::Tx& tx, const store::PersonRow& person, const store::DisclosureRow& d, ByteView sealed) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(*key, RegisterHeader("disclosure_package", d.id, person, d.sent_at, d.sent_by), sealed));
  auto it = fields.find("package");
  if (it == fields.end()) return Status::Corruption("the package of disclosure " + std::to_string(d.id) + " is malformed");
  return it->second;
}

// What a caller is told when a disclosure of the request has no package they may fetch — word
// for word whether the request is missing or hidden, the disclosure is another request's, or it
// was recorded by another route.
Status NoSuchPackage(int64_t request_id, int64_t disclosure_id) {
  return Status::NotFound("no disclosure package for disclosure " + std::to_string(disclosure_id) + " of sharing request " +
                          std::to_string(request_id));
}

Result<sharing::SharingRequest> OpenRequest(Vault::Tx& tx, const store::SharingRequestRow& row, const store::PersonRow& person) {
  CONFIDE_ASSIGN_OR_RETURN(nlohmann::json j, OpenEntry(tx, "sharing_request", row.id, person, row.recorded_at, row.recorded_by, row.sealed));
  // Leniently: a request stays readable after the organisation removes or renames its purpose.
  auto r = sharing::StoredRequestFromJson(j);
  if (!r.ok()) return Status::Corruption("sharing request " + std::to_string(row.id) + " is malformed");
  r->id = row.id;
  r->recorded_by = row.recorded_by;
  r->recorded_at = row.recorded_at;
  return r;
}

// A stored request may name a purpose or category the organisation has since taken out of its
// policy: it stays readable, but the policy in force cannot decide it again.
Status NotInPolicy(const sharing::SharingPolicy& policy, int64_t request_id, const std::string& what) {
  return Status::FailedPrecondition("request " + std::to_string(request_id) + " names the " + what +
                                    ", which the sharing policy in force (\"" + std::string(policy.name()) + "\" version " +
                                    std::string(policy.version()) + ") does not have: it cannot be decided again; record a new request");
}

// The categories a recorded decision released, by id. Its masks number the categories of the
// policy it was made under, which may since have changed: the ids it recorded are what count.
Result<std::vector<std::string>> ReleasedIds(const sharing::RecordedDecision& d) {
  try {
    return d.explanation.at("released").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    return Status::Corruption("sharing decision " + std::to_string(d.id) + " does not say what it released");
  }
}

// The decision's released categories as the policy in force numbers them.
Result<sharing::CategorySet> ReleasedUnder(const sharing::SharingPolicy& policy, const sharing::RecordedDecision& d) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<std::string> ids, ReleasedIds(d));
  sharing::CategorySet set = 0;
  for (const std::string& id : ids) {
    const std::optional<size_t> i = policy.FindCategory(id);
    if (!i) {
      return Status::FailedPrecondition("decision " + std::to_string(d.id) + " released the category \"" + id +
                                        "\", which the sharing policy in force does not have: nothing leaves under it; decide the request again "
                                        "or record a new one");
    }
    set |= sharing::CategorySet{1} << *i;
  }
  return set;
}

uint32_t ApprovalBits(const std::vector<sharing::RecordedApproval>& approvals) {
  uint32_t bits = 0;
  for (const sharing::RecordedApproval& a : approvals) bits |= sharing::Bit(a.approval);
  return bits;
}

// The restrictions of the child's relationships that bar this recipient from this request: a
// recipient who is a registered person the child is protected from.
std::vector<std::string> RestrictionsBarring(const std::vector<domain::Relationship>& family, int64_t recipient_person,
                                             const std::vector<std::string>& categories) {
  auto asks = [&](std::string_view c) { return std::find(categories.begin(), categories.end(), c) != categories.end(); };
  std::vector<std::string> out;
  for (const domain::Relationship& r : family) {
    if (r.person_id != recipient_person) continue;
    for (domain::Restriction restriction : r.details.restrictions) {
      const bool bars = restriction == domain::Restriction::kNoInformationSharing ||
                        (restriction == domain::Restriction::kMustNotKnowAddress && (asks("address") || asks("contact_details"))) ||
                        (restriction == domain::Restriction::kMustNotKnowSchool && (asks("education") || asks("placement")));
      if (bars) out.push_back(std::string(domain::ToString(restriction)));
    }
  }
  return out;
}

// The facts of the request as the policy reads them, and how Confide found those it worked out.
Result<sharing::SharingFacts> GatherFacts(Vault::Tx& tx, const store::PersonRow& row, const sharing::SharingRequest& req,
                                          const std::vector<sharing::RecordedApproval>& approvals,
                                          std::vector<std::string>& findings) {
  const sharing::SharingPolicy& policy = tx.sharing_policy();
  sharing::SharingFacts f;
  f.direction = req.direction;
  f.recipient = req.recipient_kind;
  const std::optional<sharing::PurposeIndex> purpose = policy.FindPurpose(req.purpose);
  if (!purpose) return NotInPolicy(policy, req.id, "purpose \"" + req.purpose + "\"");
  f.purpose = *purpose;
  for (const std::string& c : req.categories) {
    if (!policy.FindCategory(c)) return NotInPolicy(policy, req.id, "category \"" + c + "\"");
  }
  CONFIDE_ASSIGN_OR_RETURN(f.categories, policy.Categories(req.categories));
  f.channel = req.channel;
  f.urgency = req.urgency;
  f.facts = 0;
  for (const std::string& a : req.answers) f.Set(*sharing::ParseName<sharing::Fact>(a), true);
  f.Set(sharing::Fact::kPersonalData, req.personal_data);
  for (const sharing::SupportingDocument& d : req.documents) f.documents |= sharing::Bit(d.kind);
  f.approvals = ApprovalBits(approvals);

  std::optional<sharing::Recipient> recipient;
  if (req.recipient_id) {
    CONFIDE_ASSIGN_OR_RETURN(recipient, LoadRecipient(tx, *req.recipient_id));
    if (recipient->verified_at) {
      f.Set(sharing::Fact::kVerified, true);
      findings.push_back("The recipient's identity and entitlement were verified on " +
                         domain::FormatTimestampIso(*recipient->verified_at) + " (" + recipient->verification_method + ").");
    } else {
      findings.push_back("The recipient's identity and entitlement have not been verified.");
    }
  } else {
    findings.push_back("The requester is not in the directory: their identity and entitlement are not verified.");
  }

  CONFIDE_ASSIGN_OR_RETURN(domain::Person person, ReadPerson(tx, row));
  if (person.details.status.looked_after) {
    f.Set(sharing::Fact::kLookedAfter, true);
    findings.push_back("The child is looked after: the local authority is their corporate parent.");
  }
  std::vector<domain::Relationship> family;
  if (person.kind == domain::PersonKind::kChild) {
    CONFIDE_ASSIGN_OR_RETURN(family, ReadRelationshipsOfChild(tx, row));
  }
  if (recipient && recipient->person_id) {
    const std::vector<std::string> bars = RestrictionsBarring(family, *recipient->person_id, req.categories);
    if (!bars.empty()) {
      f.Set(sharing::Fact::kContactRestriction, true);
      std::string list;
      for (const std::string& b : bars) list += (list.empty() ? "" : ", ") + b;
      findings.push_back("A restriction protects the child from this recipient (" + list + ").");
    }
  }

  CONFIDE_ASSIGN_OR_RETURN(sharing::ConsentFinding consent,
                           FindConsent(tx, row, person, req.purpose, req.recipient_kind, req.categories, tx.now()));
  sharing::ApplyConsent(consent, f);
  findings.push_back("Consent: " + std::string(sharing::Name(consent.state)) +
                     (consent.relied_on ? " (consent record " + std::to_string(consent.relied_on) + ")" : std::string()) + ".");
  for (const std::string& reason : consent.reasons) findings.push_back("Consent: " + reason);

  if (req.agreement_id) {
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::AgreementRow> arow, tx.uow().sharing().GetAgreement(*req.agreement_id));
    if (!arow) return Status::InvalidArgument("agreement " + std::to_string(*req.agreement_id) + " is not recorded");
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingAgreement agreement, OpenAgreement(*arow));
    sharing::ProposedShare share{req.recipient_id.value_or(0), req.recipient_kind, req.purpose, req.categories,
                                 sharing::LawfulBasis::kNone, tx.now()};
    const sharing::AgreementFinding fit = sharing::CheckAgreement(agreement, share);
    f.agreement = fit.fit;
    findings.push_back("Agreement \"" + agreement.name + "\": " + std::string(sharing::Name(fit.fit)) + ".");
    for (const std::string& reason : fit.reasons) findings.push_back("Agreement: " + reason);
  }
  return f;
}

Result<sharing::RecordedDecision> DecideIn(Vault::Tx& tx, const store::PersonRow& row, const sharing::SharingRequest& req,
                                           const std::vector<sharing::RecordedApproval>& approvals) {
  const sharing::SharingPolicy& policy = tx.sharing_policy();
  sharing::RecordedDecision d;
  d.request_id = req.id;
  CONFIDE_ASSIGN_OR_RETURN(sharing::SharingFacts facts, GatherFacts(tx, row, req, approvals, d.findings));
  d.decision = policy.Decide(facts);
  d.facts = sharing::FactsToJson(facts, policy);
  d.explanation = sharing::ExplainDecision(policy, d.decision);
  d.decided_by = tx.actor();
  d.decided_at = tx.now();
  store::SharingDecisionRow drow{0,
                                 req.id,
                                 std::string(sharing::Name(d.decision.outcome)),
                                 std::string(sharing::Name(d.decision.basis)),
                                 d.decision.approvals_missing,
                                 Bytes{0},
                                 tx.actor(),
                                 tx.now()};
  CONFIDE_ASSIGN_OR_RETURN(d.id, tx.uow().sharing().InsertDecision(drow));
  CONFIDE_RETURN_IF_ERROR(SealEntry(tx, Table::kDecisions, "sharing_decision", d.id, row, d.decided_at, d.decided_by,
                                    sharing::DecisionToJson(d)));
  CONFIDE_RETURN_IF_ERROR(tx.Audit("sharing.decide", req.person_id, 0, 0,
                                   "request " + std::to_string(req.id) + " decision " + std::to_string(d.id) + ": " + drow.outcome +
                                       " on " + drow.basis));
  return d;
}

Result<sharing::SharingCase> LoadCase(Vault::Tx& tx, const store::SharingRequestRow& row, const store::PersonRow& person) {
  sharing::SharingCase c;
  CONFIDE_ASSIGN_OR_RETURN(c.request, OpenRequest(tx, row, person));
  if (c.request.recipient_id) {
    auto recipient = LoadRecipient(tx, *c.request.recipient_id);
    // A shredded recipient leaves the register readable: the decisions still stand.
    if (recipient.ok()) c.recipient = std::move(*recipient);
    else if (recipient.status().code() != StatusCode::kFailedPrecondition) return recipient.status();
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::SharingDecisionRow> decisions, tx.uow().sharing().ListDecisions(row.id));
  for (const store::SharingDecisionRow& d : decisions) {
    CONFIDE_ASSIGN_OR_RETURN(nlohmann::json j, OpenEntry(tx, "sharing_decision", d.id, person, d.decided_at, d.decided_by, d.sealed));
    CONFIDE_ASSIGN_OR_RETURN(sharing::RecordedDecision rd, sharing::DecisionFromJson(j));
    rd.id = d.id;
    rd.request_id = row.id;
    rd.decided_by = d.decided_by;
    rd.decided_at = d.decided_at;
    c.decisions.push_back(std::move(rd));
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::SharingApprovalRow> approvals, tx.uow().sharing().ListApprovals(row.id));
  for (const store::SharingApprovalRow& a : approvals) {
    CONFIDE_ASSIGN_OR_RETURN(nlohmann::json j, OpenEntry(tx, "sharing_approval", a.id, person, a.recorded_at, a.approved_by, a.sealed));
    sharing::RecordedApproval ra;
    ra.id = a.id;
    ra.request_id = row.id;
    auto kind = sharing::ParseName<Approval>(a.approval);
    if (!kind) return Status::Corruption("approval " + std::to_string(a.id) + " names an unknown kind");
    ra.approval = *kind;
    ra.approved_by = a.approved_by;
    ra.approved_at = a.approved_at;
    ra.recorded_at = a.recorded_at;
    ra.afterwards = j.value("afterwards", false);
    ra.reason = j.value("reason", std::string());
    c.approvals.push_back(std::move(ra));
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::DisclosureRow> disclosures, tx.uow().sharing().ListDisclosures(row.id));
  for (const store::DisclosureRow& d : disclosures) {
    CONFIDE_ASSIGN_OR_RETURN(nlohmann::json j, OpenEntry(tx, "disclosure", d.id, person, d.sent_at, d.sent_by, d.sealed));
    CONFIDE_ASSIGN_OR_RETURN(sharing::RecordedDisclosure rd, sharing::DisclosureFromJson(j));
    rd.id = d.id;
    rd.request_id = row.id;
    rd.decision_id = d.decision_id;
    rd.recipient_id = d.recipient_id;
    rd.sent_by = d.sent_by;
    rd.sent_at = d.sent_at;
    c.disclosures.push_back(std::move(rd));
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::InvestigationRow> investigations, tx.uow().sharing().ListInvestigations(row.id));
  for (const store::InvestigationRow& i : investigations) {
    c.investigations.push_back({i.id, i.request_id, i.disclosure_id, i.reason, i.opened_at, i.closed_at});
  }
  return c;
}

// The request, authorized for `action` on its person (a hidden person's request reads as absent).
struct Loaded {
  store::SharingRequestRow row;
  store::PersonRow person;
  const policy::Decision* decision;
};

Result<Loaded> LoadAuthorized(Vault::Tx& tx, int64_t request_id, policy::Action action) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SharingRequestRow> row, tx.uow().sharing().GetRequest(request_id));
  CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                           tx.Authorize(action, row ? row->person_id : 0, domain::SensitivityTier::kGeneral, NoSuchRequest(request_id)));
  if (!row) return NoSuchRequest(request_id);
  CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, row->person_id));
  return Loaded{*row, person, d};
}

std::string ApprovalList(uint32_t mask) {
  std::string out;
  for (const std::string& n : sharing::ApprovalNames(mask)) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Records what left under the case's current decision (Vault::RecordDisclosure says the rules);
// returns the disclosure's id.
Result<int64_t> DiscloseIn(Vault::Tx& tx, const Loaded& l, const sharing::SharingCase& c, const Vault::DisclosureInput& in) {
  const int64_t request_id = l.row.id;
  const sharing::RecordedDecision* current = c.Current();
  if (current == nullptr) return Status::FailedPrecondition("request " + std::to_string(request_id) + " has not been decided");
  if (!c.disclosures.empty()) return Status::Conflict("request " + std::to_string(request_id) + " has already been answered");
  const sharing::SharingDecision& d = current->decision;
  const bool allowed = d.Shares() && (d.approvals_missing == 0 || d.approvals_after);
  if (!allowed && !in.already_sent) {
    return Status::FailedPrecondition("the decision does not allow sending: " + std::string(sharing::Name(d.outcome)) +
                                      (d.approvals_missing ? ", waiting for the backing of: " + ApprovalList(d.approvals_missing) : ""));
  }
  if (in.fields.empty()) return Status::InvalidArgument("a disclosure must list the fields that left");
  if (d.tell_subject && !in.subject_told && in.not_told_reason.empty()) {
    return Status::InvalidArgument("the decision says the person is told what was shared: record that they were, or why not");
  }
  if (!d.tell_subject && in.subject_told) {
    return Status::InvalidArgument("the decision says the person is not told (it would prejudice the purpose or put someone at risk)");
  }
  const UnixMicros when = in.sent_at.value_or(tx.now());
  if (when > tx.now()) return Status::InvalidArgument("a disclosure cannot be recorded for the future");
  if (when < c.request.received_at) return Status::InvalidArgument("a disclosure cannot come before the request");

  sharing::RecordedDisclosure rd;
  rd.request_id = request_id;
  rd.decision_id = current->id;
  rd.recipient_id = c.request.recipient_id;
  rd.channel = in.channel.value_or(c.request.channel);
  if (allowed) {
    CONFIDE_ASSIGN_OR_RETURN(rd.categories, ReleasedIds(*current));
  } else {
    rd.categories = c.request.categories;
  }
  rd.fields = in.fields;
  rd.withheld = in.withheld;
  rd.package_id = in.package_id;
  rd.subject_told = in.subject_told;
  rd.not_told_reason = in.not_told_reason;
  rd.sent_by = tx.actor();
  rd.sent_at = when;
  store::DisclosureRow row{0, request_id, current->id, c.request.recipient_id, Bytes{}, Bytes{0}, tx.actor(), when};
  if (!in.package_id.empty()) {
    auto package = HexDecode(in.package_id);
    if (!package.ok()) return Status::InvalidArgument("the package id must be hexadecimal");
    row.package_id = *package;
  }
  CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().sharing().InsertDisclosure(row));
  CONFIDE_RETURN_IF_ERROR(
      SealEntry(tx, Table::kDisclosures, "disclosure", row.id, l.person, row.sent_at, row.sent_by, sharing::DisclosureToJson(rd)));
  CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("sharing.disclose", *l.decision, l.row.person_id, 0, 0,
                                         "request " + std::to_string(request_id) + " disclosure " + std::to_string(row.id) + ", " +
                                             std::to_string(rd.fields.size()) + " fields"));
  if (!allowed) {
    // It happened without a decision that allowed it: kept, and opened for investigation (the
    // breach register's candidate).
    const std::string why = d.basis == sharing::LawfulBasis::kNone
                                ? "shared without consent or a lawful basis (decision: " + std::string(sharing::Name(d.outcome)) + ")"
                                : "shared before the backing the decision needed: " + ApprovalList(d.approvals_missing);
    store::InvestigationRow inv{0, request_id, row.id, why, tx.now(), std::nullopt, 0};
    CONFIDE_ASSIGN_OR_RETURN(inv.id, tx.uow().sharing().InsertInvestigation(inv));
    CONFIDE_RETURN_IF_ERROR(tx.Audit("sharing.investigation", l.row.person_id, 0, 0,
                                     "investigation " + std::to_string(inv.id) + " opened for disclosure " + std::to_string(row.id),
                                     "flagged"));
  }
  return row.id;
}

// The current decision, if it allows sending now (an emergency may send before the backing).
Result<const sharing::RecordedDecision*> SendableDecision(const sharing::SharingCase& c) {
  const sharing::RecordedDecision* current = c.Current();
  if (current == nullptr) return Status::FailedPrecondition("request " + std::to_string(c.request.id) + " has not been decided");
  if (!c.disclosures.empty()) return Status::Conflict("request " + std::to_string(c.request.id) + " has already been answered");
  const sharing::SharingDecision& d = current->decision;
  if (!d.Shares() || (d.approvals_missing != 0 && !d.approvals_after)) {
    return Status::FailedPrecondition("the decision does not allow sending: " + std::string(sharing::Name(d.outcome)) +
                                      (d.approvals_missing ? ", waiting for the backing of: " + ApprovalList(d.approvals_missing) : ""));
  }
  return current;
}

// The minimum dataset the decision released: the child, their family links and their records at
// the current versions — restricted records only when the sender may read them.
Result<sharing::MinimumDataset> BuildDataset(Vault::Tx& tx, const Loaded& l, const sharing::SharingCase& c,
                                             const sharing::RecordedDecision& current) {
  sharing::DatasetSource source;
  CONFIDE_ASSIGN_OR_RETURN(source.child, ReadPerson(tx, l.person));
  if (source.child.kind == domain::PersonKind::kChild) {
    CONFIDE_ASSIGN_OR_RETURN(source.relationships, ReadRelationshipsOfChild(tx, l.person));
    for (const domain::Relationship& r : source.relationships) {
      CONFIDE_ASSIGN_OR_RETURN(store::PersonRow related, LoadPersonRow(tx, r.person_id));
      auto person = ReadPerson(tx, related);
      if (person.status().code() == StatusCode::kFailedPrecondition) continue;  // shredded: nothing to send
      CONFIDE_RETURN_IF_ERROR(person.status());
      source.related_people.push_back(std::move(*person));
    }
  }
  CONFIDE_ASSIGN_OR_RETURN(source.records, ReadCurrentRecords(tx, l.person, [&](domain::SensitivityTier tier) {
                             return tx.Decide(policy::Action::kRecordRead, l.row.person_id, tier).allowed;
                           }));
  const std::string recipient = c.recipient ? c.recipient->name : std::string(sharing::Name(c.request.recipient_kind));
  CONFIDE_ASSIGN_OR_RETURN(sharing::CategorySet released, ReleasedUnder(tx.sharing_policy(), current));
  return sharing::BuildMinimumDataset(source, tx.sharing_policy(), released,
                                      {c.request.purpose, recipient});
}

}  // namespace

Result<sharing::SharingCase> Vault::RecordSharingRequest(domain::StaffId actor, sharing::SharingRequest req) {
  return Transact<sharing::SharingCase>(actor, {"sharing.request", req.person_id}, [&](Tx& tx) -> Result<sharing::SharingCase> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                             tx.Authorize(policy::Action::kSharingRequest, req.person_id, domain::SensitivityTier::kGeneral,
                                          NoSuchPerson(req.person_id)));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, req.person_id));
    const sharing::SharingPolicy& policy = tx.sharing_policy();
    if (!policy.FindPurpose(req.purpose)) return Status::InvalidArgument("the purpose is not one of the sharing policy's purposes");
    CONFIDE_RETURN_IF_ERROR(policy.Categories(req.categories).status());
    if (req.categories.empty()) return Status::InvalidArgument("a request must name at least one category of information");
    for (const std::string& a : req.answers) {
      auto fact = sharing::ParseName<sharing::Fact>(a);
      if (!fact || !sharing::IsAnswerableFact(*fact)) return Status::InvalidArgument("an answer names something that is not a question a request answers (Confide finds the rest itself)");
    }
    if (req.reasons.empty()) return Status::InvalidArgument("a request must say why sharing is asked for or proposed");
    if (req.recipient_id) {
      CONFIDE_ASSIGN_OR_RETURN(std::optional<store::RecipientRow> recipient, tx.uow().sharing().GetRecipient(*req.recipient_id));
      if (!recipient) return Status::InvalidArgument("recipient " + std::to_string(*req.recipient_id) + " is not in the directory");
      req.recipient_kind = *sharing::ParseName<sharing::RecipientKind>(recipient->kind);
    }
    if (req.agreement_id) {
      CONFIDE_ASSIGN_OR_RETURN(std::optional<store::AgreementRow> agreement, tx.uow().sharing().GetAgreement(*req.agreement_id));
      if (!agreement) return Status::InvalidArgument("agreement " + std::to_string(*req.agreement_id) + " is not recorded");
    }
    if (req.received_at == 0) req.received_at = tx.now();
    if (req.received_at > tx.now()) return Status::InvalidArgument("a request cannot be received in the future");
    req.recorded_by = tx.actor();
    req.recorded_at = tx.now();
    store::SharingRequestRow row{0,
                                 req.person_id,
                                 std::string(sharing::Name(req.direction)),
                                 req.purpose,
                                 std::string(sharing::Name(req.urgency)),
                                 req.recipient_id,
                                 Bytes{0},
                                 req.received_at,
                                 tx.actor(),
                                 tx.now()};
    CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().sharing().InsertRequest(row));
    req.id = row.id;
    CONFIDE_RETURN_IF_ERROR(SealEntry(tx, Table::kRequests, "sharing_request", row.id, person, row.recorded_at, row.recorded_by,
                                      sharing::RequestToJson(req)));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("sharing.request", *d, req.person_id, 0, 0,
                                           "request " + std::to_string(row.id) + ": " + row.direction + ", " + req.purpose));
    CONFIDE_RETURN_IF_ERROR(DecideIn(tx, person, req, {}).status());
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SharingRequestRow> stored, tx.uow().sharing().GetRequest(row.id));
    if (!stored) return Status::Internal("the request just recorded cannot be read back");
    return LoadCase(tx, *stored, person);
  });
}

Result<sharing::SharingCase> Vault::DecideSharingRequest(domain::StaffId actor, int64_t request_id) {
  return Transact<sharing::SharingCase>(actor, {"sharing.decide"}, [&](Tx& tx) -> Result<sharing::SharingCase> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id, policy::Action::kSharingRequest));
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase c, LoadCase(tx, l.row, l.person));
    if (!c.disclosures.empty()) return Status::Conflict("request " + std::to_string(request_id) + " has been answered: it is not decided again");
    CONFIDE_RETURN_IF_ERROR(DecideIn(tx, l.person, c.request, c.approvals).status());
    return LoadCase(tx, l.row, l.person);
  });
}

Result<sharing::SharingCase> Vault::ApproveSharingRequest(domain::StaffId actor, int64_t request_id, Approval approval,
                                                          const std::string& reason, std::optional<UnixMicros> approved_at) {
  return Transact<sharing::SharingCase>(actor, {"sharing.approve"}, [&](Tx& tx) -> Result<sharing::SharingCase> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id, policy::Action::kSharingApprove));
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase c, LoadCase(tx, l.row, l.person));
    const sharing::RecordedDecision* current = c.Current();
    if (current == nullptr) return Status::FailedPrecondition("request " + std::to_string(request_id) + " has not been decided");
    const uint32_t asked = current->decision.approvals_required | current->decision.approvals_one_of;
    if (!(asked & sharing::Bit(approval))) {
      return Status::FailedPrecondition("the decision does not ask for the backing of the " + std::string(sharing::Name(approval)) +
                                        (asked ? " (it asks for: " + ApprovalList(asked) + ")" : " (it asks for none)"));
    }
    if (ApprovalBits(c.approvals) & sharing::Bit(approval)) {
      return Status::Conflict("the " + std::string(sharing::Name(approval)) + " has already backed request " + std::to_string(request_id));
    }
    // "Not made by an individual alone": the person who asked cannot also be the one who backs it.
    if (c.request.recorded_by == tx.actor()) {
      return Status::PermissionDenied("the person who recorded a request cannot also back it");
    }
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::StaffRow> me, tx.uow().staff().Get(tx.actor()));
    const auto role = me ? domain::ParseStaffRole(me->role) : std::nullopt;
    if (!role || !MayGive(*role, approval)) {
      return Status::PermissionDenied("your role does not give the backing of the " + std::string(sharing::Name(approval)));
    }
    if (reason.empty()) return Status::InvalidArgument("say why you back the decision (or, for legal services or the local authority, who confirmed it)");
    const UnixMicros when = approved_at.value_or(tx.now());
    if (when > tx.now()) return Status::InvalidArgument("an approval cannot be recorded for the future");
    if (when < c.request.received_at) return Status::InvalidArgument("an approval cannot come before the request was received");
    sharing::RecordedApproval a{0, request_id, approval, tx.actor(), when, tx.now(), !c.disclosures.empty(), reason};
    store::SharingApprovalRow row{0, request_id, std::string(sharing::Name(approval)), tx.actor(), when, tx.now(), Bytes{0}};
    CONFIDE_ASSIGN_OR_RETURN(row.id, tx.uow().sharing().InsertApproval(row));
    a.id = row.id;
    CONFIDE_RETURN_IF_ERROR(SealEntry(tx, Table::kApprovals, "sharing_approval", row.id, l.person, row.recorded_at, row.approved_by,
                                      sharing::ApprovalToJson(a)));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("sharing.approve", *l.decision, l.row.person_id, 0, 0,
                                           "request " + std::to_string(request_id) + " backed as " + row.approval +
                                               (a.afterwards ? " (afterwards)" : "")));
    c.approvals.push_back(a);
    // Once sent, the decision stands as it was made; the backing afterwards is what was missing.
    if (c.disclosures.empty()) CONFIDE_RETURN_IF_ERROR(DecideIn(tx, l.person, c.request, c.approvals).status());
    return LoadCase(tx, l.row, l.person);
  });
}

Result<sharing::SharingCase> Vault::RecordDisclosure(domain::StaffId actor, int64_t request_id, const DisclosureInput& in) {
  return Transact<sharing::SharingCase>(actor, {"sharing.disclose"}, [&](Tx& tx) -> Result<sharing::SharingCase> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id, policy::Action::kSharingDisclose));
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase c, LoadCase(tx, l.row, l.person));
    CONFIDE_RETURN_IF_ERROR(DiscloseIn(tx, l, c, in).status());
    return LoadCase(tx, l.row, l.person);
  });
}

Result<sharing::MinimumDataset> Vault::PrepareDisclosure(domain::StaffId actor, int64_t request_id) {
  return Read<sharing::MinimumDataset>(actor, {"sharing.prepare"}, [&](Tx& tx) -> Result<sharing::MinimumDataset> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id, policy::Action::kSharingDisclose));
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase c, LoadCase(tx, l.row, l.person));
    CONFIDE_ASSIGN_OR_RETURN(const sharing::RecordedDecision* current, SendableDecision(c));
    CONFIDE_ASSIGN_OR_RETURN(sharing::MinimumDataset dataset, BuildDataset(tx, l, c, *current));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("sharing.prepare", *l.decision, l.row.person_id, 0, 0,
                                           "request " + std::to_string(request_id) + ", " + std::to_string(dataset.fields.size()) + " fields"));
    return dataset;
  });
}

Result<Vault::SentDisclosure> Vault::SendDisclosure(domain::StaffId actor, int64_t request_id, const SendOptions& options) {
  return Transact<SentDisclosure>(actor, {"sharing.disclose"}, [&](Tx& tx) -> Result<SentDisclosure> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id, policy::Action::kSharingDisclose));
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase c, LoadCase(tx, l.row, l.person));
    CONFIDE_ASSIGN_OR_RETURN(const sharing::RecordedDecision* current, SendableDecision(c));
    if (!c.recipient || c.recipient->public_key.empty()) {
      return Status::FailedPrecondition("the recipient has no public key in the directory: send by their secure channel and record what was sent");
    }
    CONFIDE_ASSIGN_OR_RETURN(sharing::MinimumDataset dataset, BuildDataset(tx, l, c, *current));
    if (dataset.fields.empty()) return Status::FailedPrecondition("nothing Confide holds falls in the released categories: there is nothing to send");
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::OrganisationRow> org, tx.uow().organisation().Get());
    if (!org) return Status::Internal("the organisation is not set up");
    disclosure::PackageContents contents;
    contents.organisation = org->name;
    contents.recipient = c.recipient->name;
    contents.recipient_public_key = c.recipient->public_key;
    contents.decision_id = current->id;
    contents.purpose = c.request.purpose;
    contents.lawful_basis = std::string(sharing::Name(current->decision.basis));
    contents.created_at = tx.now();
    contents.expires_at = tx.now() + options.valid_for_micros;
    contents.files = {{"dataset.json", "application/json", dataset.data.dump(2)},
                      {"dataset.txt", "text/plain; charset=utf-8", dataset.document}};
    CONFIDE_ASSIGN_OR_RETURN(disclosure::SealedPackage package, disclosure::SealPackage(tx.keys().signing_key(), contents));
    DisclosureInput in;
    in.fields = dataset.fields;
    in.withheld = dataset.withheld;
    in.package_id = package.package_id;
    in.subject_told = options.subject_told;
    in.not_told_reason = options.not_told_reason;
    CONFIDE_ASSIGN_OR_RETURN(int64_t disclosure_id, DiscloseIn(tx, l, c, in));
    // In the same transaction: no disclosure is recorded without the package it sent.
    CONFIDE_RETURN_IF_ERROR(KeepPackage(tx, l.person, disclosure_id, tx.now(), tx.actor(), package.text));
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase after, LoadCase(tx, l.row, l.person));
    return SentDisclosure{std::move(after), std::move(package.package_id), std::move(package.text)};
  });
}

Result<sharing::SharingCase> Vault::GetSharingCase(domain::StaffId actor, int64_t request_id) {
  return Read<sharing::SharingCase>(actor, {"sharing.read"}, [&](Tx& tx) -> Result<sharing::SharingCase> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id, policy::Action::kSharingRead));
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase c, LoadCase(tx, l.row, l.person));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("sharing.read", *l.decision, l.row.person_id, 0, 0, "request " + std::to_string(request_id)));
    return c;
  });
}

Result<std::string> Vault::GetDisclosurePackage(domain::StaffId actor, int64_t request_id, int64_t disclosure_id) {
  return Read<std::string>(actor, {"sharing.package"}, [&](Tx& tx) -> Result<std::string> {
    // Fetching the package again is part of sending it: the sender's action. Only the recipient
    // can open it, so it tells the fetcher nothing the register does not.
    Result<Loaded> loaded = LoadAuthorized(tx, request_id, policy::Action::kSharingDisclose);
    if (loaded.status().code() == StatusCode::kNotFound) return NoSuchPackage(request_id, disclosure_id);
    CONFIDE_RETURN_IF_ERROR(loaded.status());
    const Loaded& l = *loaded;
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::DisclosureRow> disclosures, tx.uow().sharing().ListDisclosures(request_id));
    auto d = std::find_if(disclosures.begin(), disclosures.end(), [&](const store::DisclosureRow& r) { return r.id == disclosure_id; });
    if (d == disclosures.end()) return NoSuchPackage(request_id, disclosure_id);
    CONFIDE_ASSIGN_OR_RETURN(std::optional<Bytes> sealed, tx.uow().sharing().GetDisclosurePackage(disclosure_id));
    if (!sealed) return NoSuchPackage(request_id, disclosure_id);
    CONFIDE_ASSIGN_OR_RETURN(std::string text, OpenKeptPackage(tx, l.person, *d, *sealed));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("sharing.package", *l.decision, l.row.person_id, 0, 0,
                                           "request " + std::to_string(request_id) + " disclosure " + std::to_string(disclosure_id)));
    return text;
  });
}

Result<std::vector<sharing::SharingCase>> ReadSharingCasesOf(Vault::Tx& tx, const store::PersonRow& person) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::SharingRequestRow> rows, tx.uow().sharing().ListRequestsOfPerson(person.id));
  std::vector<sharing::SharingCase> out;
  for (const store::SharingRequestRow& row : rows) {
    CONFIDE_ASSIGN_OR_RETURN(sharing::SharingCase c, LoadCase(tx, row, person));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<sharing::SharingCase>> Vault::ListSharingCases(domain::StaffId actor, domain::PersonId person_id) {
  using Out = std::vector<sharing::SharingCase>;
  return Read<Out>(actor, {"sharing.list", person_id}, [&](Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kSharingRead, person_id,
                                                                     domain::SensitivityTier::kGeneral, NoSuchPerson(person_id)));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, person_id));
    CONFIDE_ASSIGN_OR_RETURN(Out out, ReadSharingCasesOf(tx, person));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("sharing.list", *d, person_id, 0, 0, "count " + std::to_string(out.size())));
    return out;
  });
}

}  // namespace confide::service
