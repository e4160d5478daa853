#include "sharing/register_json.h"

#include "common/bytes.h"
#include "domain/civil_date.h"
#include "sharing/json_fields.h"

namespace confide::sharing {
namespace {

using nlohmann::json;

std::string Iso(UnixMicros t) { return domain::FormatTimestampIso(t); }

template <typename E>
bool IsName(const std::string& s) { return ParseName<E>(s).has_value(); }

template <typename E>
std::optional<E> Parse(const std::string& s) { return ParseName<E>(s); }

// The decision's masks as numbers: the explanation has them by name, for people.
json DecisionMasks(const SharingDecision& d) {
  return {{"outcome", Name(d.outcome)},         {"basis", Name(d.basis)},
          {"redirect_to", Name(d.redirect_to)}, {"approvals_required", d.approvals_required},
          {"approvals_one_of", d.approvals_one_of}, {"approvals_missing", d.approvals_missing},
          {"approvals_after", d.approvals_after},   {"released", d.released},
          {"withheld", d.withheld},             {"tell_subject", d.tell_subject},
          {"seek_consent", d.seek_consent},     {"alerts", d.alerts}};
}

Result<SharingDecision> DecisionFromMasks(const json& j) {
  SharingDecision d;
  try {
    auto outcome = ParseName<Outcome>(j.at("outcome").get<std::string>());
    auto basis = ParseName<LawfulBasis>(j.at("basis").get<std::string>());
    auto route = ParseName<Route>(j.at("redirect_to").get<std::string>());
    if (!outcome || !basis || !route) return Status::Corruption("a recorded sharing decision names an unknown outcome, basis or route");
    d.outcome = *outcome;
    d.basis = *basis;
    d.redirect_to = *route;
    d.approvals_required = j.at("approvals_required").get<uint32_t>();
    d.approvals_one_of = j.at("approvals_one_of").get<uint32_t>();
    d.approvals_missing = j.at("approvals_missing").get<uint32_t>();
    d.approvals_after = j.at("approvals_after").get<bool>();
    d.released = j.at("released").get<CategorySet>();
    d.withheld = j.at("withheld").get<CategorySet>();
    d.tell_subject = j.at("tell_subject").get<bool>();
    d.seek_consent = j.at("seek_consent").get<bool>();
    d.alerts = j.at("alerts").get<uint32_t>();
  } catch (const json::exception&) {
    return Status::Corruption("a recorded sharing decision is malformed");
  }
  return d;
}

}  // namespace

json RecipientSealedJson(const Recipient& r) {
  return {{"name", r.name},
          {"organisation", r.organisation},
          {"contact", r.contact},
          {"secure_channel", r.secure_channel},
          {"verification_method", r.verification_method},
          {"verification_notes", r.verification_notes}};
}

Status ApplyRecipientSealed(const json& j, Recipient& r) {
  try {
    r.name = j.at("name").get<std::string>();
    r.organisation = j.at("organisation").get<std::string>();
    r.contact = j.at("contact").get<std::string>();
    r.secure_channel = j.at("secure_channel").get<std::string>();
    r.verification_method = j.at("verification_method").get<std::string>();
    r.verification_notes = j.at("verification_notes").get<std::string>();
  } catch (const json::exception&) {
    return Status::Corruption("a recipient's sealed details are malformed");
  }
  return Status::Ok();
}

json RecipientToJson(const Recipient& r) {
  json j = RecipientSealedJson(r);
  j["id"] = r.id;
  j["kind"] = Name(r.kind);
  j["verified"] = r.Verified();
  if (r.verified_at) j["verified_at"] = Iso(*r.verified_at);
  if (r.verified_by) j["verified_by"] = r.verified_by;
  if (r.person_id) j["person_id"] = *r.person_id;
  if (!r.public_key.empty()) j["public_key"] = HexEncode(r.public_key);
  j["created_at"] = Iso(r.created_at);
  j["created_by"] = r.created_by;
  return j;
}

Result<Recipient> RecipientFromJson(const json& j) {
  JsonFields f(j, "recipient");
  CONFIDE_RETURN_IF_ERROR(
      f.Check({"kind", "name", "organisation", "contact", "secure_channel", "person_id", "public_key"}, {"kind", "name"}));
  Recipient r;
  CONFIDE_ASSIGN_OR_RETURN(r.kind, f.Enum<RecipientKind>("kind", Parse<RecipientKind>, "is not a kind of recipient (docs/sharing.md lists them)"));
  CONFIDE_ASSIGN_OR_RETURN(r.name, f.Text("name"));
  if (r.name.empty()) return f.Bad("name", "must not be empty");
  for (auto [key, field] : {std::pair{"organisation", &r.organisation}, std::pair{"contact", &r.contact},
                            std::pair{"secure_channel", &r.secure_channel}}) {
    if (f.Has(key)) {
      CONFIDE_ASSIGN_OR_RETURN(*field, f.Text(key));
    }
  }
  if (f.Has("person_id")) {
    CONFIDE_ASSIGN_OR_RETURN(r.person_id, f.Id("person_id"));
  }
  if (f.Has("public_key")) {
    CONFIDE_ASSIGN_OR_RETURN(r.public_key, f.Hex("public_key"));
    if (r.public_key.size() != 32) return f.Bad("public_key", "must be an Ed25519 public key (64 hex digits)");
  }
  return r;
}

json AgreementToJson(const SharingAgreement& a) {
  json kinds = json::array();
  for (RecipientKind k : a.party_kinds) kinds.push_back(Name(k));
  json bases = json::array();
  for (LawfulBasis b : a.lawful_bases) bases.push_back(Name(b));
  json j{{"name", a.name},
         {"party_recipient_ids", a.party_recipient_ids},
         {"party_kinds", kinds},
         {"purposes", a.purposes},
         {"categories", a.categories},
         {"lawful_bases", bases},
         {"who_may_access", a.who_may_access},
         {"storage", a.storage},
         {"retention", a.retention},
         {"consent_handling", a.consent_handling},
         {"starts_at", Iso(a.starts_at)},
         {"review_at", Iso(a.review_at)}};
  if (a.ended_at) j["ended_at"] = Iso(*a.ended_at);
  if (a.id) j["id"] = a.id;
  return j;
}

namespace {

// `policy` null: the names are not checked against a policy (a stored entry).
Result<SharingAgreement> ReadAgreement(const json& j, const SharingPolicy* policy) {
  JsonFields f(j, "agreement");
  CONFIDE_RETURN_IF_ERROR(f.Check({"id", "name", "party_recipient_ids", "party_kinds", "purposes", "categories", "lawful_bases",
                                   "who_may_access", "storage", "retention", "consent_handling", "starts_at", "review_at", "ended_at"},
                                  {"name", "purposes", "categories", "lawful_bases", "who_may_access", "storage", "retention",
                                   "consent_handling", "starts_at", "review_at"}));
  SharingAgreement a;
  if (f.Has("id")) {
    CONFIDE_ASSIGN_OR_RETURN(a.id, f.Id("id"));
  }
  CONFIDE_ASSIGN_OR_RETURN(a.name, f.Text("name"));
  if (f.Has("party_recipient_ids")) {
    const json& ids = j["party_recipient_ids"];
    if (!ids.is_array()) return f.Bad("party_recipient_ids", "must be a list of recipient ids");
    for (const json& id : ids) {
      if (!id.is_number_integer() || id.get<int64_t>() <= 0) return f.Bad("party_recipient_ids", "must be a list of recipient ids");
      a.party_recipient_ids.push_back(id.get<int64_t>());
    }
  }
  if (f.Has("party_kinds")) {
    CONFIDE_ASSIGN_OR_RETURN(std::vector<std::string> kinds, f.Names("party_kinds", IsName<RecipientKind>));
    for (const std::string& k : kinds) a.party_kinds.push_back(*ParseName<RecipientKind>(k));
  }
  CONFIDE_ASSIGN_OR_RETURN(a.purposes, f.Names("purposes", [&](const std::string& s) { return !policy || policy->FindPurpose(s).has_value(); }));
  CONFIDE_ASSIGN_OR_RETURN(a.categories,
                           f.Names("categories", [&](const std::string& s) { return !policy || policy->FindCategory(s).has_value(); }));
  CONFIDE_ASSIGN_OR_RETURN(std::vector<std::string> bases, f.Names("lawful_bases", IsName<LawfulBasis>));
  for (const std::string& b : bases) a.lawful_bases.push_back(*ParseName<LawfulBasis>(b));
  CONFIDE_ASSIGN_OR_RETURN(a.who_may_access, f.Text("who_may_access"));
  CONFIDE_ASSIGN_OR_RETURN(a.storage, f.Text("storage"));
  CONFIDE_ASSIGN_OR_RETURN(a.retention, f.Text("retention"));
  CONFIDE_ASSIGN_OR_RETURN(a.consent_handling, f.Text("consent_handling"));
  CONFIDE_ASSIGN_OR_RETURN(a.starts_at, f.Time("starts_at"));
  CONFIDE_ASSIGN_OR_RETURN(a.review_at, f.Time("review_at"));
  if (f.Has("ended_at")) {
    CONFIDE_ASSIGN_OR_RETURN(a.ended_at, f.Time("ended_at"));
  }
  CONFIDE_RETURN_IF_ERROR(ValidateAgreement(a));
  return a;
}

}  // namespace

Result<SharingAgreement> AgreementFromJson(const json& j, const SharingPolicy& policy) { return ReadAgreement(j, &policy); }
Result<SharingAgreement> StoredAgreementFromJson(const json& j) { return ReadAgreement(j, nullptr); }

json RequestToJson(const SharingRequest& r) {
  json documents = json::array();
  for (const SupportingDocument& d : r.documents) documents.push_back({{"kind", Name(d.kind)}, {"reference", d.reference}});
  json j{{"person_id", r.person_id},
         {"direction", Name(r.direction)},
         {"recipient_kind", Name(r.recipient_kind)},
         {"purpose", r.purpose},
         {"categories", r.categories},
         {"channel", Name(r.channel)},
         {"urgency", Name(r.urgency)},
         {"documents", documents},
         {"answers", r.answers},
         {"personal_data", r.personal_data},
         {"details", r.details},
         {"reasons", r.reasons},
         {"received_at", Iso(r.received_at)}};
  if (r.id) j["id"] = r.id;
  if (r.recipient_id) j["recipient_id"] = *r.recipient_id;
  if (r.agreement_id) j["agreement_id"] = *r.agreement_id;
  if (r.recorded_by) j["recorded_by"] = r.recorded_by;
  if (r.recorded_at) j["recorded_at"] = Iso(r.recorded_at);
  return j;
}

namespace {

// `policy` null: the purpose and categories are not checked against a policy (a stored entry).
Result<SharingRequest> ReadRequest(const json& j, const SharingPolicy* policy) {
  JsonFields f(j, "request");
  CONFIDE_RETURN_IF_ERROR(f.Check({"id", "person_id", "direction", "recipient_id", "recipient_kind", "purpose", "categories", "channel",
                                   "urgency", "documents", "agreement_id", "answers", "personal_data", "details", "reasons",
                                   "received_at", "recorded_by", "recorded_at"},
                                  {"person_id", "direction", "purpose", "categories", "channel", "reasons"}));
  SharingRequest r;
  if (f.Has("id")) {
    CONFIDE_ASSIGN_OR_RETURN(r.id, f.Id("id"));
  }
  CONFIDE_ASSIGN_OR_RETURN(r.person_id, f.Id("person_id"));
  CONFIDE_ASSIGN_OR_RETURN(r.direction, f.Enum<Direction>("direction", Parse<Direction>, "must be incoming, outgoing or advice"));
  if (f.Has("recipient_id")) {
    CONFIDE_ASSIGN_OR_RETURN(r.recipient_id, f.Id("recipient_id"));
  }
  if (f.Has("recipient_kind")) {
    CONFIDE_ASSIGN_OR_RETURN(r.recipient_kind,
                             f.Enum<RecipientKind>("recipient_kind", Parse<RecipientKind>, "is not a kind of recipient (docs/sharing.md lists them)"));
  } else if (!r.recipient_id) {
    return f.Bad("recipient_id", "or recipient_kind is needed: who is asking, or who would receive it");
  }
  CONFIDE_ASSIGN_OR_RETURN(r.purpose, f.Text("purpose"));
  if (policy && !policy->FindPurpose(r.purpose)) return f.Bad("purpose", "is not a purpose of the sharing policy");
  CONFIDE_ASSIGN_OR_RETURN(r.categories,
                           f.Names("categories", [&](const std::string& s) { return !policy || policy->FindCategory(s).has_value(); }));
  if (r.categories.empty()) return f.Bad("categories", "must name at least one category of information");
  CONFIDE_ASSIGN_OR_RETURN(r.channel, f.Enum<Channel>("channel", Parse<Channel>, "is not a channel (phone, email, secure_email, letter, portal, in_person)"));
  if (f.Has("urgency")) {
    CONFIDE_ASSIGN_OR_RETURN(r.urgency, f.Enum<Urgency>("urgency", Parse<Urgency>, "must be routine, urgent or emergency"));
  }
  if (f.Has("documents")) {
    const json& docs = j["documents"];
    if (!docs.is_array()) return f.Bad("documents", "must be a list of {kind, reference}");
    for (const json& d : docs) {
      JsonFields df(d, "request document");
      CONFIDE_RETURN_IF_ERROR(df.Check({"kind", "reference"}, {"kind", "reference"}));
      SupportingDocument doc;
      CONFIDE_ASSIGN_OR_RETURN(doc.kind, df.Enum<Document>("kind", Parse<Document>, "is not a kind of supporting document"));
      CONFIDE_ASSIGN_OR_RETURN(doc.reference, df.Text("reference"));
      if (doc.reference.empty()) return df.Bad("reference", "must say which document (its reference or date)");
      r.documents.push_back(std::move(doc));
    }
  }
  if (f.Has("agreement_id")) {
    CONFIDE_ASSIGN_OR_RETURN(r.agreement_id, f.Id("agreement_id"));
  }
  if (f.Has("answers")) {
    CONFIDE_ASSIGN_OR_RETURN(r.answers, f.Names("answers", [](const std::string& s) {
      auto fact = ParseName<Fact>(s);
      return fact && IsAnswerableFact(*fact);
    }));
  }
  if (f.Has("personal_data")) {
    CONFIDE_ASSIGN_OR_RETURN(r.personal_data, f.Flag("personal_data"));
  }
  if (f.Has("details")) {
    CONFIDE_ASSIGN_OR_RETURN(r.details, f.Text("details"));
  }
  CONFIDE_ASSIGN_OR_RETURN(r.reasons, f.Text("reasons"));
  if (r.reasons.empty()) return f.Bad("reasons", "must say why sharing is asked for or proposed");
  if (f.Has("received_at")) {
    CONFIDE_ASSIGN_OR_RETURN(r.received_at, f.Time("received_at"));
  }
  return r;
}

}  // namespace

Result<SharingRequest> RequestFromJson(const json& j, const SharingPolicy& policy) { return ReadRequest(j, &policy); }
Result<SharingRequest> StoredRequestFromJson(const json& j) { return ReadRequest(j, nullptr); }

json DecisionToJson(const RecordedDecision& d) {
  return {{"id", d.id},
          {"request_id", d.request_id},
          {"decision", DecisionMasks(d.decision)},
          {"facts", d.facts},
          {"explanation", d.explanation},
          {"findings", d.findings},
          {"decided_by", d.decided_by},
          {"decided_at", Iso(d.decided_at)}};
}

Result<RecordedDecision> DecisionFromJson(const json& j) {
  RecordedDecision d;
  try {
    CONFIDE_ASSIGN_OR_RETURN(d.decision, DecisionFromMasks(j.at("decision")));
    d.facts = j.at("facts");
    d.explanation = j.at("explanation");
    d.findings = j.at("findings").get<std::vector<std::string>>();
  } catch (const json::exception&) {
    return Status::Corruption("a recorded sharing decision is malformed");
  }
  return d;
}

json ApprovalToJson(const RecordedApproval& a) {
  return {{"id", a.id},
          {"request_id", a.request_id},
          {"approval", Name(a.approval)},
          {"approved_by", a.approved_by},
          {"approved_at", Iso(a.approved_at)},
          {"recorded_at", Iso(a.recorded_at)},
          {"afterwards", a.afterwards},
          {"reason", a.reason}};
}

json DisclosureToJson(const RecordedDisclosure& d) {
  json j{{"id", d.id},
         {"request_id", d.request_id},
         {"decision_id", d.decision_id},
         {"channel", Name(d.channel)},
         {"categories", d.categories},
         {"fields", d.fields},
         {"withheld", d.withheld},
         {"package_id", d.package_id},
         {"subject_told", d.subject_told},
         {"not_told_reason", d.not_told_reason},
         {"sent_by", d.sent_by},
         {"sent_at", Iso(d.sent_at)}};
  if (d.recipient_id) j["recipient_id"] = *d.recipient_id;
  return j;
}

Result<RecordedDisclosure> DisclosureFromJson(const json& j) {
  RecordedDisclosure d;
  try {
    auto channel = ParseName<Channel>(j.at("channel").get<std::string>());
    if (!channel) return Status::Corruption("a recorded disclosure names an unknown channel");
    d.channel = *channel;
    d.categories = j.at("categories").get<std::vector<std::string>>();
    d.fields = j.at("fields").get<std::vector<std::string>>();
    d.withheld = j.at("withheld").get<std::vector<std::string>>();
    d.package_id = j.at("package_id").get<std::string>();
    d.subject_told = j.at("subject_told").get<bool>();
    d.not_told_reason = j.at("not_told_reason").get<std::string>();
  } catch (const json::exception&) {
    return Status::Corruption("a recorded disclosure is malformed");
  }
  return d;
}

json CaseToJson(const SharingCase& c) {
  json decisions = json::array();
  for (const RecordedDecision& d : c.decisions) decisions.push_back(DecisionToJson(d));
  json approvals = json::array();
  for (const RecordedApproval& a : c.approvals) approvals.push_back(ApprovalToJson(a));
  json disclosures = json::array();
  for (const RecordedDisclosure& d : c.disclosures) disclosures.push_back(DisclosureToJson(d));
  json investigations = json::array();
  for (const Investigation& i : c.investigations) {
    json inv{{"id", i.id}, {"reason", i.reason}, {"opened_at", Iso(i.opened_at)}};
    if (i.disclosure_id) inv["disclosure_id"] = *i.disclosure_id;
    if (i.closed_at) inv["closed_at"] = Iso(*i.closed_at);
    investigations.push_back(std::move(inv));
  }
  json j{{"request", RequestToJson(c.request)},
         {"stage", Name(StageOf(c))},
         {"decisions", decisions},
         {"approvals", approvals},
         {"disclosures", disclosures},
         {"investigations", investigations}};
  if (c.recipient) j["recipient"] = RecipientToJson(*c.recipient);
  return j;
}

}  // namespace confide::sharing
