// Subject access requests: intake, steps, the search, redaction, approval and release
// (service/subject_access.h).
#include "service/subject_access.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "common/bytes.h"
#include "crypto/hash.h"
#include "crypto/sodium_init.h"
#include "domain/uk_time.h"
#include "service/field_codec.h"
#include "service/chained_steps.h"
#include "service/governance_policy_file.h"
#include "service/sealed_fields.h"
#include "service/text_checks.h"
#include "service/vault_tx.h"
#include "sharing/consent_json.h"
#include "sharing/register_json.h"

namespace confide::service {
namespace {

using domain::CivilDate;
using governance::BundleItem;
using governance::Redaction;

constexpr char kRequestEntity[] = "subject_access_request";
constexpr char kStepEntity[] = "subject_access_step";
constexpr char kReleaseEntity[] = "subject_access_release";

Status NoSuchRequest(int64_t id) { return Status::NotFound("no subject access request with id " + std::to_string(id)); }


// What a sealed request, step or release is bound to: the person, the moment, the author, the
// clear day (received, or the day of the step) and, for a step, its request, its kind and the step
// before it (so a step deleted from the middle of the history breaks the one after it). A clear
// column changed in the database no longer opens.
VersionHeader Header(const char* entity, const store::PersonRow& person, UnixMicros at, domain::StaffId by, std::string_view day,
                     int64_t request_id = 0, std::string_view kind = {}, int64_t previous_step = 0) {
  VersionHeader h;
  h.entity = entity;
  h.id = previous_step;
  h.version = 1;
  h.subject_id = person.subject_id;
  h.person_id = person.id;
  h.related_id = request_id;
  h.kind = std::string(kind);
  h.tier = std::string(day);
  h.recorded_at = at;
  h.author_id = by;
  return h;
}

std::string FieldOf(const FieldMap& f, const char* name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}



// ---- the items: everything held about the subject --------------------------------------------

void AddFlattened(std::vector<std::pair<std::string, std::string>>& fields, const std::string& name, const nlohmann::json& j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) AddFlattened(fields, name + "." + it.key(), it.value());
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) AddFlattened(fields, name + "." + std::to_string(i), j[i]);
  } else if (j.is_string()) {
    if (!j.get<std::string>().empty()) fields.emplace_back(name, j.get<std::string>());
  } else if (j.is_boolean()) {
    fields.emplace_back(name, j.get<bool>() ? "yes" : "no");
  } else if (!j.is_null()) {
    fields.emplace_back(name, j.dump());
  }
}

// A sealed field map as readable fields: values Confide itself stores as JSON (a child's status, a
// concern's statements, restrictions) are spelled out field by field.
std::vector<std::pair<std::string, std::string>> Readable(const FieldMap& f, const std::set<std::string>& json_fields) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : f) {
    if (value.empty()) continue;
    if (json_fields.count(name)) {
      nlohmann::json j = nlohmann::json::parse(value, nullptr, false);
      if (!j.is_discarded()) {
        AddFlattened(out, name, j);
        continue;
      }
    }
    out.emplace_back(name, value);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> JsonFields(const nlohmann::json& j) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = j.begin(); it != j.end(); ++it) AddFlattened(out, it.key(), it.value());
  return out;
}

std::string Day(UnixMicros t) { return domain::ToUkLocal(t).date.FormatUk(); }

std::string Words(std::string_view id) {
  std::string s(id);
  std::replace(s.begin(), s.end(), '_', ' ');
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

Result<std::vector<BundleItem>> GatherItems(Vault::Tx& tx, const store::PersonRow& person) {
  std::vector<BundleItem> items;
  CONFIDE_ASSIGN_OR_RETURN(std::vector<domain::Person> versions, ReadPersonHistory(tx, person));
  for (const domain::Person& p : versions) {
    BundleItem item{"person/" + std::to_string(person.id) + "/v" + std::to_string(p.version), "details",
                    "Details, version " + std::to_string(p.version) + " of " + std::to_string(versions.size()) +
                        " (recorded " + Day(p.updated_at) + ")",
                    Readable(PersonToFields(p.details), {"child_status"})};
    items.push_back(std::move(item));
  }
  if (person.kind == domain::ToString(domain::PersonKind::kChild)) {
    CONFIDE_ASSIGN_OR_RETURN(std::vector<domain::Relationship> links, ReadRelationshipsOfChild(tx, person));
    for (const domain::Relationship& r : links) {
      BundleItem item{"relationship/" + std::to_string(r.id), "relationships",
                      Words(domain::ToString(r.details.kind)) + " (recorded " + Day(r.created_at) + ")",
                      Readable(RelationshipToFields(r.details), {"restrictions"})};
      // Who the other person is, by id only: their details are theirs, not the subject's.
      item.fields.insert(item.fields.begin(), {"related_person", "person " + std::to_string(r.person_id)});
      items.push_back(std::move(item));
    }
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<domain::RecordVersion> records, ReadAllRecordVersions(tx, person));
  std::map<domain::RecordId, domain::VersionNumber> latest;
  for (const domain::RecordVersion& v : records) latest[v.record_id] = std::max(latest[v.record_id], v.version);
  for (const domain::RecordVersion& v : records) {
    FieldMap f = RecordToFields(v.content, v.amendment_reason);
    // A file's bytes are the subject's information too, but not readable here: text files are
    // shown, other files are named with their size (supplied with the bundle on request).
    if (auto it = f.find("attachment_content"); it != f.end()) {
      if (v.content.attachment && v.content.attachment->media_type.rfind("text/", 0) == 0) {
        f["attachment_text"] = it->second;
      } else {
        f["attachment_size"] = std::to_string(it->second.size()) + " bytes (the file is supplied with this bundle on request)";
      }
      f.erase(it);
    }
    // An informant who asked not to be named is never identified in a bundle (domain/record.h),
    // whatever the DPO redacts: their name and relationship are left out before anything else.
    if (v.content.source.kind == domain::SourceKind::kAnonymousThirdParty) {
      f.erase("source_name");
      f.erase("source_relationship");
    }
    f["source"] = std::string(domain::ToString(v.content.source.kind));
    f["sensitivity"] = std::string(domain::ToString(v.tier));
    f["occurred_at"] = domain::FormatTimestampIso(v.occurred_at);
    f["recorded_at"] = domain::FormatTimestampIso(v.recorded_at);
    f["recorded_by"] = "staff member " + std::to_string(v.author_id);
    BundleItem item{"record/" + std::to_string(v.record_id) + "/v" + std::to_string(v.version), "records",
                    Words(domain::ToString(v.kind)) + ", " + Day(v.occurred_at) + " (record " + std::to_string(v.record_id) +
                        ", version " + std::to_string(v.version) + " of " + std::to_string(latest[v.record_id]) + ")",
                    Readable(f, {"concern"})};
    items.push_back(std::move(item));
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<sharing::ConsentRecord> consents, ReadConsentsOf(tx, person));
  for (const sharing::ConsentRecord& c : consents) {
    BundleItem item{"consent/" + std::to_string(c.id), "consents",
                    std::string(c.refused ? "Refusal" : "Consent") + " given " + Day(c.given_at) +
                        (c.withdrawn_at ? ", withdrawn " + Day(*c.withdrawn_at) : std::string()),
                    JsonFields(sharing::ConsentToJson(c))};
    items.push_back(std::move(item));
  }
  CONFIDE_ASSIGN_OR_RETURN(std::vector<sharing::SharingCase> cases, ReadSharingCasesOf(tx, person));
  std::reverse(cases.begin(), cases.end());  // oldest first, like everything else in the bundle
  for (const sharing::SharingCase& c : cases) {
    BundleItem item{"sharing/" + std::to_string(c.request.id), "sharing",
                    "Sharing register entry " + std::to_string(c.request.id) + ": " + Words(c.request.purpose) + " (received " +
                        Day(c.request.received_at) + ")",
                    JsonFields(sharing::CaseToJson(c))};
    items.push_back(std::move(item));
  }
  return items;
}

// ---- requests and their steps ------------------------------------------------------------------

struct Loaded {
  store::SubjectAccessRequestRow row;
  store::PersonRow person;
  const policy::Decision* decision = nullptr;
};

// The request, authorized for the DPO on its person at every tier (the search reads restricted
// records): a request about someone hidden from the actor reads as absent.
Result<Loaded> LoadAuthorized(Vault::Tx& tx, int64_t request_id) {
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SubjectAccessRequestRow> row, tx.uow().subject_access().GetRequest(request_id));
  CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d,
                           tx.Authorize(policy::Action::kSubjectAccessManage, row ? row->person_id : 0,
                                        domain::SensitivityTier::kRestricted, NoSuchRequest(request_id)));
  if (!row) return NoSuchRequest(request_id);
  CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, row->person_id));
  return Loaded{*row, person, d};
}

Result<SubjectAccessIntake> OpenIntake(Vault::Tx& tx, const Loaded& l) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(l.person.subject_id));
  CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, Header(kRequestEntity, l.person, l.row.recorded_at, l.row.recorded_by,
                                                               l.row.received_on), l.row.sealed));
  SubjectAccessIntake in;
  in.person_id = l.row.person_id;
  CONFIDE_ASSIGN_OR_RETURN(in.received_on, CivilDate::Parse(l.row.received_on));
  auto requester = ParseSarRequester(FieldOf(f, "requester"));
  if (!requester) return Status::Corruption("subject access request " + std::to_string(l.row.id) + " names an unknown requester");
  in.requester = *requester;
  in.requester_name = FieldOf(f, "requester_name");
  if (std::string id = FieldOf(f, "requester_person_id"); !id.empty()) in.requester_person_id = std::stoll(id);
  in.contact = FieldOf(f, "contact");
  in.request_text = FieldOf(f, "request_text");
  in.identity_confirmed = FieldOf(f, "identity_confirmed") == "yes";
  in.identity_method = FieldOf(f, "identity_method");
  return in;
}

Result<std::vector<SarStep>> OpenSteps(Vault::Tx& tx, const Loaded& l) {
  CONFIDE_ASSIGN_OR_RETURN(std::vector<store::SubjectAccessEventRow> rows, tx.uow().subject_access().ListEvents(l.row.id));
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(l.person.subject_id));
  // A copied row (to replay an approval or a withdrawal) is refused, and so is a gap in the chain.
  CONFIDE_ASSIGN_OR_RETURN(std::vector<FieldMap> opened, OpenChainedSteps(*key, rows, "subject access step",
                                                                          [&](const store::SubjectAccessEventRow& row, int64_t previous) {
    return Header(kStepEntity, l.person, row.recorded_at, row.recorded_by, row.on_date, l.row.id, row.kind, previous);
  }));
  std::vector<SarStep> steps;
  for (size_t i = 0; i < rows.size(); ++i) {
    const store::SubjectAccessEventRow& row = rows[i];
    SarStep s;
    s.id = row.id;
    auto kind = ParseSarStepKind(row.kind);
    if (!kind) return Status::Corruption("subject access step " + std::to_string(row.id) + " has an unknown kind");
    s.kind = *kind;
    CONFIDE_ASSIGN_OR_RETURN(s.on, CivilDate::Parse(row.on_date));
    s.recorded_by = row.recorded_by;
    s.recorded_at = row.recorded_at;
    s.details = std::move(opened[i]);
    steps.push_back(std::move(s));
  }
  return steps;
}

Result<governance::SubjectAccessDeadline> DeadlineOf(const SubjectAccessIntake& intake, const std::vector<SarStep>& steps,
                                                     const governance::BankHolidayCalendar& holidays) {
  governance::SubjectAccessRequest r;
  r.received_on = intake.received_on;
  if (!intake.identity_confirmed) r.identity_evidence = governance::AwaitedInformation{intake.received_on};
  for (const SarStep& s : steps) {
    switch (s.kind) {
      case SarStepKind::kIdentityReceived:
        if (r.identity_evidence) r.identity_evidence->received_on = s.on;
        break;
      case SarStepKind::kClarificationRequested:
        r.clarifications.push_back({s.on});
        break;
      case SarStepKind::kClarificationReceived:
        if (!r.clarifications.empty()) r.clarifications.back().received_on = s.on;
        break;
      case SarStepKind::kExtended:
        r.extension_months += std::atoi(FieldOf(s.details, "months").c_str());
        break;
      default:
        break;
    }
  }
  return governance::SubjectAccessDeadlineFor(r, holidays);
}

std::vector<Redaction> RedactionsInForce(const std::vector<SarStep>& steps) {
  std::vector<Redaction> out;
  for (const SarStep& s : steps) {
    if (s.kind == SarStepKind::kRedaction) {
      Redaction r;
      r.id = s.id;
      r.ref = FieldOf(s.details, "ref");
      r.field = FieldOf(s.details, "field");
      r.text = FieldOf(s.details, "text");
      r.ground = governance::ParseRedactionGround(FieldOf(s.details, "ground")).value_or(governance::RedactionGround::kOtherExemption);
      r.reason = FieldOf(s.details, "reason");
      out.push_back(std::move(r));
    } else if (s.kind == SarStepKind::kRedactionWithdrawn) {
      const int64_t id = std::atoll(FieldOf(s.details, "redaction").c_str());
      out.erase(std::remove_if(out.begin(), out.end(), [&](const Redaction& r) { return r.id == id; }), out.end());
    }
  }
  return out;
}

// The digest the latest approval is bound to, if nothing that changes redactions came after it.
std::optional<std::string> ApprovedDigest(const std::vector<SarStep>& steps) {
  std::optional<std::string> digest;
  for (const SarStep& s : steps) {
    if (s.kind == SarStepKind::kApproved) digest = FieldOf(s.details, "content_sha256");
    if (s.kind == SarStepKind::kRedaction || s.kind == SarStepKind::kRedactionWithdrawn) digest.reset();
  }
  return digest;
}

bool Has(const std::vector<SarStep>& steps, SarStepKind kind) {
  return std::any_of(steps.begin(), steps.end(), [&](const SarStep& s) { return s.kind == kind; });
}

// Things a DPO checks before releasing to this requester (ICO guidance on children's requests and
// on requests made on someone's behalf).
Result<std::vector<std::string>> Checks(Vault::Tx& tx, const Loaded& l, const SubjectAccessIntake& in) {
  std::vector<std::string> out;
  CONFIDE_ASSIGN_OR_RETURN(domain::Person subject, ReadPerson(tx, l.person));
  std::optional<int> age;
  if (subject.details.date_of_birth) {
    const int years = domain::AgeInYearsOn(*subject.details.date_of_birth, in.received_on);
    if (years >= 0) age = years;
  }
  switch (in.requester) {
    case SarRequester::kParent: {
      bool responsibility = false;
      if (in.requester_person_id) {
        CONFIDE_ASSIGN_OR_RETURN(std::vector<domain::Relationship> links, ReadRelationshipsOfChild(tx, l.person));
        for (const domain::Relationship& r : links) {
          if (r.person_id == *in.requester_person_id && r.details.parental_responsibility) responsibility = true;
        }
        if (!responsibility) {
          out.push_back("Confide does not record the requester (person " + std::to_string(*in.requester_person_id) +
                        ") as having parental responsibility for this child: confirm it before releasing anything.");
        }
      } else {
        out.push_back("The requester is not linked to a person in Confide: see evidence of parental responsibility "
                      "(a birth certificate, a court order) before releasing anything.");
      }
      if (age && *age >= 12) {
        out.push_back("The child was " + std::to_string(*age) +
                      " when the request arrived: the ICO treats 12 as a reasonable age from which a child may understand "
                      "their own right of access. Consider whether they are competent; if so, seek their view, and "
                      "release to the parent only if the child consents or it is evidently in the child's best interests.");
      }
      break;
    }
    case SarRequester::kSubject:
      if (subject.kind == domain::PersonKind::kChild && age && *age < 12) {
        out.push_back("The child was " + std::to_string(*age) +
                      " when the request arrived: consider whether they understand what they are asking for and what "
                      "the information means (competence), and how to give it to them.");
      }
      break;
    case SarRequester::kRepresentative:
      out.push_back("Check the written authority to act for the person (or, for a young child, from someone with "
                    "parental responsibility) before releasing anything.");
      break;
  }
  if (!age) {
    out.push_back("Confide has no date of birth for the person: their age, and so who may ask for their information, "
                  "cannot be checked.");
  }
  return out;
}

Result<SubjectAccessCase> BuildCase(Vault::Tx& tx, const Loaded& l, const governance::BankHolidayCalendar& holidays,
                                    bool with_checks) {
  SubjectAccessCase c;
  c.id = l.row.id;
  c.person_id = l.row.person_id;
  c.person_kind = domain::ParsePersonKind(l.person.kind).value_or(domain::PersonKind::kAdult);
  c.recorded_by = l.row.recorded_by;
  c.recorded_at = l.row.recorded_at;
  CONFIDE_ASSIGN_OR_RETURN(c.intake, OpenIntake(tx, l));
  c.received_on = c.intake.received_on;
  CONFIDE_ASSIGN_OR_RETURN(c.steps, OpenSteps(tx, l));
  c.redactions = RedactionsInForce(c.steps);
  CONFIDE_ASSIGN_OR_RETURN(c.deadline, DeadlineOf(c.intake, c.steps, holidays));
  CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SubjectAccessReleaseRow> release, tx.uow().subject_access().GetRelease(l.row.id));
  if (release) {
    c.release = SarRelease{release->bundle_id, release->sha256, release->released_by, release->released_at, {}};
    for (const SarStep& s : c.steps) {
      if (s.kind == SarStepKind::kReleased) c.release->channel = FieldOf(s.details, "channel");
    }
  }
  // The release step and the release row are written together: one without the other is tampering.
  if (Has(c.steps, SarStepKind::kReleased) != release.has_value()) {
    return Status::Corruption("subject access request " + std::to_string(l.row.id) + " has a release step and release row that "
                              "do not match");
  }
  if (Has(c.steps, SarStepKind::kClosed)) c.state = "closed";
  else if (c.release) c.state = "released";
  else if (c.deadline.clock == governance::SubjectAccessClock::kNotStarted) c.state = "awaiting_identity";
  else if (c.deadline.clock == governance::SubjectAccessClock::kStopped) c.state = "clock_stopped";
  else if (ApprovedDigest(c.steps)) c.state = "approved";
  else c.state = "open";
  c.overdue = c.state != "closed" && c.state != "released" && c.deadline.due_on && UkToday(tx.now()) > *c.deadline.due_on;
  if (with_checks) {
    CONFIDE_ASSIGN_OR_RETURN(c.checks, Checks(tx, l, c.intake));
  }
  return c;
}

Status RequireOpen(const SubjectAccessCase& c) {
  if (c.state == "closed" || c.state == "released") {
    return Status::FailedPrecondition("subject access request " + std::to_string(c.id) + " is " + c.state +
                                      ": nothing more can be added");
  }
  return Status::Ok();
}

Result<int64_t> AppendStep(Vault::Tx& tx, const Loaded& l, const SubjectAccessCase& c, SarStepKind kind, CivilDate on,
                           const FieldMap& details) {
  CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(l.person.subject_id));
  store::SubjectAccessEventRow row{0, l.row.id, std::string(ToString(kind)), on.ToIso(), tx.actor(), tx.now(), {}};
  const int64_t previous = c.steps.empty() ? 0 : c.steps.back().id;
  CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*key, Header(kStepEntity, l.person, row.recorded_at, row.recorded_by, row.on_date,
                                                               l.row.id, row.kind, previous), details));
  return tx.uow().subject_access().InsertEvent(row);
}

// The bundle as it stands: the items, the redactions in force, the digest and the renderings.
struct Assembled {
  SubjectAccessBundle bundle;
  std::string digest;
};

Result<Assembled> Assemble(Vault::Tx& tx, const Loaded& l, const SubjectAccessCase& c,
                           Result<domain::Organisation> organisation) {
  CONFIDE_RETURN_IF_ERROR(organisation.status());
  CONFIDE_ASSIGN_OR_RETURN(std::vector<BundleItem> items, GatherItems(tx, l.person));
  const governance::RedactedBundle redacted = governance::ApplyRedactions(items, c.redactions);
  CONFIDE_ASSIGN_OR_RETURN(domain::Person subject, ReadPerson(tx, l.person));
  const std::string name = governance::RedactedSubjectName(domain::DisplayName(subject.details), c.person_id, c.redactions);
  Assembled a;
  a.digest = HexEncode(crypto::Sha256(AsBytes(governance::CanonicalContent(redacted.items, name))));
  uint8_t random[4];
  crypto::RandomBytes(random, sizeof random);
  std::string day = UkToday(tx.now()).ToIso();
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  governance::BundleHeader& h = a.bundle.header;
  h.bundle_id = "SAR-" + std::to_string(c.id) + "-" + day + "-" + HexEncode(ByteView(random, sizeof random));
  h.request_id = c.id;
  h.organisation = organisation->name;
  h.person_id = c.person_id;
  h.subject_name = name;
  h.prepared_on = UkToday(tx.now()).ToIso();
  h.content_sha256 = a.digest;
  a.bundle.json = governance::BundleJson(h, redacted);
  a.bundle.document = governance::BundleDocument(h, redacted);
  a.bundle.items = redacted.items.size();
  a.bundle.items_withheld = redacted.items_withheld;
  a.bundle.fields_redacted = redacted.fields_redacted;
  a.bundle.approved = ApprovedDigest(c.steps) == a.digest;
  return a;
}

}  // namespace

std::string_view ToString(SarRequester r) {
  switch (r) {
    case SarRequester::kSubject: return "subject";
    case SarRequester::kParent: return "parent";
    case SarRequester::kRepresentative: return "representative";
  }
  return "unknown";
}

std::optional<SarRequester> ParseSarRequester(std::string_view s) {
  for (SarRequester r : {SarRequester::kSubject, SarRequester::kParent, SarRequester::kRepresentative}) {
    if (s == ToString(r)) return r;
  }
  return std::nullopt;
}

std::string_view ToString(SarStepKind k) {
  switch (k) {
    case SarStepKind::kIdentityReceived: return "identity_received";
    case SarStepKind::kClarificationRequested: return "clarification_requested";
    case SarStepKind::kClarificationReceived: return "clarification_received";
    case SarStepKind::kExtended: return "extended";
    case SarStepKind::kRedaction: return "redaction";
    case SarStepKind::kRedactionWithdrawn: return "redaction_withdrawn";
    case SarStepKind::kApproved: return "approved";
    case SarStepKind::kReleased: return "released";
    case SarStepKind::kClosed: return "closed";
  }
  return "unknown";
}

std::optional<SarStepKind> ParseSarStepKind(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(SarStepKind::kClosed); ++i) {
    if (s == ToString(static_cast<SarStepKind>(i))) return static_cast<SarStepKind>(i);
  }
  return std::nullopt;
}

Result<std::unique_ptr<SubjectAccess>> SubjectAccess::Create(Vault& vault) {
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy policy, LoadGovernancePolicy(vault.config()));
  CONFIDE_ASSIGN_OR_RETURN(governance::BankHolidayCalendar holidays, governance::BankHolidayCalendar::Create(policy.bank_holidays));
  return std::make_unique<SubjectAccess>(vault, std::move(holidays));
}

Status SubjectAccess::MayManage(domain::StaffId actor) {
  return vault_.Read<bool>(actor, {"subject_access.list"}, [&](Vault::Tx& tx) -> Result<bool> {
               CONFIDE_RETURN_IF_ERROR(tx.Authorize(policy::Action::kSubjectAccessManage).status());
               return true;
             })
      .status();
}

Result<int64_t> SubjectAccess::Open(domain::StaffId actor, const SubjectAccessIntake& in) {
  CONFIDE_RETURN_IF_ERROR(CheckText(in.requester_name, "the requester's name", true));
  CONFIDE_RETURN_IF_ERROR(CheckText(in.request_text, "what was asked for (request text)", true));
  CONFIDE_RETURN_IF_ERROR(CheckText(in.contact, "the requester's contact", false));
  CONFIDE_RETURN_IF_ERROR(CheckText(in.identity_method, "how identity was confirmed", false));
  if (in.identity_confirmed && Blank(in.identity_method)) {
    return Status::InvalidArgument("say how the requester's identity was confirmed (identity method)");
  }
  if (!governance::BankHolidayCalendar::Covers(in.received_on)) {
    return Status::InvalidArgument("the day received, " + in.received_on.ToIso() + ", is outside the calendar Confide knows");
  }
  return vault_.Transact<int64_t>(actor, {"subject_access.open", in.person_id}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kSubjectAccessManage, in.person_id,
                                                                     domain::SensitivityTier::kGeneral, NoSuchPerson(in.person_id)));
    CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, in.person_id));
    if (in.received_on > UkToday(tx.now())) return Status::InvalidArgument("the day received is in the future");
    if (in.requester == SarRequester::kParent) {
      CONFIDE_ASSIGN_OR_RETURN(domain::Person subject, ReadPerson(tx, person));
      const bool adult = subject.kind != domain::PersonKind::kChild ||
                         (subject.details.date_of_birth && domain::AgeInYearsOn(*subject.details.date_of_birth, in.received_on) >= 18);
      if (adult) {
        return Status::InvalidArgument("a parent asks on behalf of a child: person " + std::to_string(in.person_id) +
                                       " is an adult (they ask for themself, or through a representative)");
      }
    }
    if (in.requester_person_id) {
      if (*in.requester_person_id == in.person_id && in.requester != SarRequester::kSubject) {
        return Status::InvalidArgument("the requester is the person themself: say so (requester \"subject\")");
      }
      CONFIDE_ASSIGN_OR_RETURN(std::optional<store::PersonRow> requester, tx.uow().persons().Get(*in.requester_person_id));
      // Someone hidden from the DPO reads exactly as someone absent.
      if (!requester || !tx.Decide(policy::Action::kSubjectAccessManage, *in.requester_person_id).allowed) {
        return Status::InvalidArgument("the requester, person " + std::to_string(*in.requester_person_id) + ", is not in Confide");
      }
    }
    FieldMap f{{"requester", std::string(ToString(in.requester))},
               {"requester_name", in.requester_name},
               {"contact", in.contact},
               {"request_text", in.request_text},
               {"identity_confirmed", in.identity_confirmed ? "yes" : "no"},
               {"identity_method", in.identity_method}};
    if (in.requester_person_id) f["requester_person_id"] = std::to_string(*in.requester_person_id);
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(person.subject_id));
    store::SubjectAccessRequestRow row{0, in.person_id, in.received_on.ToIso(), tx.actor(), tx.now(), {}};
    CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*key, Header(kRequestEntity, person, row.recorded_at, row.recorded_by, row.received_on), f));
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, tx.uow().subject_access().InsertRequest(row));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.open", *d, in.person_id, 0, 0,
                                           "request=" + std::to_string(id) + "; requester=" + std::string(ToString(in.requester))));
    return id;
  });
}

Result<int64_t> SubjectAccess::AddStep(domain::StaffId actor, int64_t request_id, const SarStepInput& step) {
  switch (step.kind) {
    case SarStepKind::kIdentityReceived:
    case SarStepKind::kClarificationRequested:
    case SarStepKind::kClarificationReceived:
    case SarStepKind::kExtended:
    case SarStepKind::kClosed:
      break;
    default:
      return Status::InvalidArgument("a " + std::string(ToString(step.kind)) + " step is recorded by its own call");
  }
  const bool reason_required = step.kind == SarStepKind::kExtended || step.kind == SarStepKind::kClosed ||
                               step.kind == SarStepKind::kIdentityReceived || step.kind == SarStepKind::kClarificationRequested;
  CONFIDE_RETURN_IF_ERROR(CheckText(step.note, "a note (how identity was confirmed, what was asked, or why)", reason_required));
  if (step.kind == SarStepKind::kExtended && (step.months < 1 || step.months > 2)) {
    return Status::InvalidArgument("an extension is by 1 or 2 further months");
  }
  if (!governance::BankHolidayCalendar::Covers(step.on)) {
    return Status::InvalidArgument("the day " + step.on.ToIso() + " is outside the calendar Confide knows");
  }
  return vault_.Transact<int64_t>(actor, {"subject_access.step"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, l, holidays_, false));
    CONFIDE_RETURN_IF_ERROR(RequireOpen(c));
    if (step.on > UkToday(tx.now())) return Status::InvalidArgument("the day of a step cannot be in the future");
    if (step.on < c.received_on) return Status::InvalidArgument("the day of a step cannot be before the request arrived");
    const bool clarification_open = c.deadline.clock == governance::SubjectAccessClock::kStopped;
    // A request already past its deadline cannot be paused or extended after the fact by a step
    // dated earlier: the law's clock is the one that ran.
    if ((step.kind == SarStepKind::kExtended || step.kind == SarStepKind::kClarificationRequested) && c.deadline.due_on &&
        UkToday(tx.now()) > *c.deadline.due_on) {
      return Status::FailedPrecondition("the request was due on " + c.deadline.due_on->ToIso() +
                                        ": it can no longer be paused or extended");
    }
    switch (step.kind) {
      case SarStepKind::kIdentityReceived:
        if (c.intake.identity_confirmed || Has(c.steps, SarStepKind::kIdentityReceived)) {
          return Status::FailedPrecondition("the requester's identity is already confirmed");
        }
        break;
      case SarStepKind::kClarificationRequested:
        if (c.deadline.clock == governance::SubjectAccessClock::kNotStarted) {
          return Status::FailedPrecondition("the clock has not started (identity evidence is awaited): nothing to stop");
        }
        if (clarification_open) return Status::FailedPrecondition("clarification is already awaited");
        break;
      case SarStepKind::kClarificationReceived:
        if (!clarification_open) return Status::FailedPrecondition("no clarification is awaited");
        break;
      case SarStepKind::kExtended:
        if (c.deadline.clock != governance::SubjectAccessClock::kRunning) {
          return Status::FailedPrecondition("an extension needs the clock running (identity confirmed, no clarification awaited)");
        }
        break;
      default:
        break;
    }
    FieldMap details{{"note", step.note}};
    if (step.kind == SarStepKind::kExtended) details["months"] = std::to_string(step.months);
    // The deadline with the step added must still be a deadline the law allows.
    std::vector<SarStep> with = c.steps;
    with.push_back(SarStep{0, step.kind, step.on, tx.actor(), tx.now(), details});
    CONFIDE_ASSIGN_OR_RETURN(governance::SubjectAccessDeadline after, DeadlineOf(c.intake, with, holidays_));
    if (step.kind == SarStepKind::kExtended) {
      if (after.clock == governance::SubjectAccessClock::kRunning && after.extension_notice_due_on &&
          step.on > *after.extension_notice_due_on) {
        return Status::FailedPrecondition("the requester must be told of an extension within the first month, by " +
                                          after.extension_notice_due_on->ToIso());
      }
    }
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, AppendStep(tx, l, c, step.kind, step.on, details));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.step", *l.decision, l.row.person_id, 0, 0,
                                           "request=" + std::to_string(request_id) + "; step=" + std::string(ToString(step.kind))));
    return id;
  });
}

Result<SubjectAccessCase> SubjectAccess::Get(domain::StaffId actor, int64_t request_id) {
  return vault_.Read<SubjectAccessCase>(actor, {"subject_access.read"}, [&](Vault::Tx& tx) -> Result<SubjectAccessCase> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, l, holidays_, true));
    CONFIDE_RETURN_IF_ERROR(
        tx.AuditAccess("subject_access.read", *l.decision, l.row.person_id, 0, 0, "request=" + std::to_string(request_id)));
    return c;
  });
}

Result<std::vector<SubjectAccessCase>> SubjectAccess::List(domain::StaffId actor, bool include_finished) {
  using Out = std::vector<SubjectAccessCase>;
  return vault_.Read<Out>(actor, {"subject_access.list"}, [&](Vault::Tx& tx) -> Result<Out> {
    CONFIDE_ASSIGN_OR_RETURN(const policy::Decision* d, tx.Authorize(policy::Action::kSubjectAccessManage));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<store::SubjectAccessRequestRow> rows, tx.uow().subject_access().ListRequests());
    Out out;
    for (const store::SubjectAccessRequestRow& row : rows) {
      const policy::Decision& item = tx.Decide(policy::Action::kSubjectAccessManage, row.person_id, domain::SensitivityTier::kRestricted);
      if (!item.allowed) continue;  // hidden from this DPO by a restriction
      CONFIDE_ASSIGN_OR_RETURN(store::PersonRow person, LoadPersonRow(tx, row.person_id));
      // A request about someone whose records were destroyed since can no longer be opened: it is
      // listed with the finished ones, by its clear columns.
      if (!tx.SubjectKey(person.subject_id).ok()) {
        if (!include_finished) continue;
        SubjectAccessCase gone;
        gone.id = row.id;
        gone.person_id = row.person_id;
        gone.person_kind = domain::ParsePersonKind(person.kind).value_or(domain::PersonKind::kAdult);
        gone.recorded_by = row.recorded_by;
        gone.recorded_at = row.recorded_at;
        CONFIDE_ASSIGN_OR_RETURN(gone.received_on, CivilDate::Parse(row.received_on));
        gone.intake.received_on = gone.received_on;
        gone.state = "destroyed";
        CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.list.item", item, row.person_id, 0, 0, "request=" + std::to_string(row.id)));
        out.push_back(std::move(gone));
        continue;
      }
      CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, Loaded{row, person, &item}, holidays_, false));
      tx.ForgetSubjectKey(person.subject_id);
      if (!include_finished && (c.state == "closed" || c.state == "released")) continue;
      CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.list.item", item, row.person_id, 0, 0, "request=" + std::to_string(row.id)));
      out.push_back(std::move(c));
    }
    // Most urgent first: overdue, then the nearest due date; a clock not running goes last.
    std::stable_sort(out.begin(), out.end(), [](const SubjectAccessCase& a, const SubjectAccessCase& b) {
      const bool fa = a.state == "closed" || a.state == "released" || a.state == "destroyed";
      const bool fb = b.state == "closed" || b.state == "released" || b.state == "destroyed";
      if (fa != fb) return fb;
      if (a.deadline.due_on.has_value() != b.deadline.due_on.has_value()) return a.deadline.due_on.has_value();
      if (a.deadline.due_on && b.deadline.due_on && *a.deadline.due_on != *b.deadline.due_on) {
        return *a.deadline.due_on < *b.deadline.due_on;
      }
      return a.id < b.id;
    });
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.list", *d, 0, 0, 0, "count=" + std::to_string(out.size())));
    return out;
  });
}

Result<std::vector<BundleItem>> SubjectAccess::Search(domain::StaffId actor, int64_t request_id) {
  return vault_.Read<std::vector<BundleItem>>(actor, {"subject_access.search"}, [&](Vault::Tx& tx) -> Result<std::vector<BundleItem>> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    // Once released or closed there is nothing left to decide: the records are not read again.
    CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, l, holidays_, false));
    CONFIDE_RETURN_IF_ERROR(RequireOpen(c));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<BundleItem> items, GatherItems(tx, l.person));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.search", *l.decision, l.row.person_id, 0, 0,
                                           "request=" + std::to_string(request_id) + "; items=" + std::to_string(items.size())));
    return items;
  });
}

Result<int64_t> SubjectAccess::Redact(domain::StaffId actor, int64_t request_id, const Redaction& redaction) {
  return vault_.Transact<int64_t>(actor, {"subject_access.redact"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, l, holidays_, false));
    CONFIDE_RETURN_IF_ERROR(RequireOpen(c));
    CONFIDE_ASSIGN_OR_RETURN(std::vector<BundleItem> items, GatherItems(tx, l.person));
    CONFIDE_RETURN_IF_ERROR(governance::CheckRedaction(items, redaction));
    FieldMap details{{"ref", redaction.ref},
                     {"field", redaction.field},
                     {"text", redaction.text},
                     {"ground", std::string(governance::ToString(redaction.ground))},
                     {"reason", redaction.reason}};
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, AppendStep(tx, l, c, SarStepKind::kRedaction, UkToday(tx.now()), details));
    // The audit log names what was covered, never the words.
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.redact", *l.decision, l.row.person_id, 0, 0,
                                           "request=" + std::to_string(request_id) + "; redaction=" + std::to_string(id) +
                                               "; ground=" + std::string(governance::ToString(redaction.ground))));
    return id;
  });
}

Status SubjectAccess::WithdrawRedaction(domain::StaffId actor, int64_t request_id, int64_t redaction_id, const std::string& reason) {
  CONFIDE_RETURN_IF_ERROR(CheckText(reason, "the reason for withdrawing a redaction", true));
  return vault_.Transact<int64_t>(actor, {"subject_access.unredact"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, l, holidays_, false));
    CONFIDE_RETURN_IF_ERROR(RequireOpen(c));
    const bool in_force = std::any_of(c.redactions.begin(), c.redactions.end(), [&](const Redaction& r) { return r.id == redaction_id; });
    if (!in_force) {
      return Status::NotFound("request " + std::to_string(request_id) + " has no redaction " + std::to_string(redaction_id) + " in force");
    }
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, AppendStep(tx, l, c, SarStepKind::kRedactionWithdrawn, UkToday(tx.now()),
                                                    FieldMap{{"redaction", std::to_string(redaction_id)}, {"reason", reason}}));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.unredact", *l.decision, l.row.person_id, 0, 0,
                                           "request=" + std::to_string(request_id) + "; redaction=" + std::to_string(redaction_id)));
    return id;
  }).status();
}

Result<SubjectAccessBundle> SubjectAccess::Preview(domain::StaffId actor, int64_t request_id) {
  return vault_.Read<SubjectAccessBundle>(actor, {"subject_access.preview"}, [&](Vault::Tx& tx) -> Result<SubjectAccessBundle> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, l, holidays_, false));
    CONFIDE_RETURN_IF_ERROR(RequireOpen(c));  // a released bundle is read as released (GetReleased)
    CONFIDE_ASSIGN_OR_RETURN(Assembled a, Assemble(tx, l, c, vault_.GetOrganisationIn(tx)));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.preview", *l.decision, l.row.person_id, 0, 0,
                                           "request=" + std::to_string(request_id) + "; sha256=" + a.digest));
    return a.bundle;
  });
}

Result<int64_t> SubjectAccess::Approve(domain::StaffId actor, int64_t request_id, const std::string& expected_sha256,
                                       const std::string& note) {
  CONFIDE_RETURN_IF_ERROR(CheckText(note, "the approval's note", false));
  return vault_.Transact<int64_t>(actor, {"subject_access.approve"}, [&](Vault::Tx& tx) -> Result<int64_t> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, l, holidays_, true));
    CONFIDE_RETURN_IF_ERROR(RequireOpen(c));
    if (c.state == "awaiting_identity") {
      return Status::FailedPrecondition("the requester's identity is not confirmed yet: nothing can be approved for release");
    }
    // The checks before release (parental responsibility, the child's competence, a
    // representative's authority) are answered, not just shown: the note says how.
    if (!c.checks.empty() && Blank(note)) {
      return Status::InvalidArgument("say in the note how the checks before release were dealt with (" +
                                     std::to_string(c.checks.size()) + " listed on the request)");
    }
    if (expected_sha256.empty()) {
      return Status::InvalidArgument("approve the bundle you previewed: give its content digest (content_sha256)");
    }
    CONFIDE_ASSIGN_OR_RETURN(Assembled a, Assemble(tx, l, c, vault_.GetOrganisationIn(tx)));
    if (expected_sha256 != a.digest) {
      return Status::Conflict("the bundle has changed since it was previewed (its content is now " + a.digest +
                              "): preview it again before approving");
    }
    CONFIDE_ASSIGN_OR_RETURN(int64_t id, AppendStep(tx, l, c, SarStepKind::kApproved, UkToday(tx.now()),
                                                    FieldMap{{"content_sha256", a.digest}, {"note", note}}));
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.approve", *l.decision, l.row.person_id, 0, 0,
                                           "request=" + std::to_string(request_id) + "; sha256=" + a.digest));
    return id;
  });
}

Result<SubjectAccessBundle> SubjectAccess::Release(domain::StaffId actor, int64_t request_id, const std::string& channel) {
  CONFIDE_RETURN_IF_ERROR(CheckText(channel, "how the bundle is sent (channel)", true));
  return vault_.Transact<SubjectAccessBundle>(actor, {"subject_access.release"}, [&](Vault::Tx& tx) -> Result<SubjectAccessBundle> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(SubjectAccessCase c, BuildCase(tx, l, holidays_, false));
    CONFIDE_RETURN_IF_ERROR(RequireOpen(c));
    if (c.state == "awaiting_identity") {
      return Status::FailedPrecondition("the requester's identity is not confirmed yet: nothing can be released");
    }
    CONFIDE_ASSIGN_OR_RETURN(Assembled a, Assemble(tx, l, c, vault_.GetOrganisationIn(tx)));
    const std::optional<std::string> approved = ApprovedDigest(c.steps);
    if (!approved) return Status::FailedPrecondition("the bundle has not been approved since its last redaction");
    if (*approved != a.digest) {
      return Status::FailedPrecondition("what Confide holds about the person has changed since the bundle was approved: "
                                        "preview it and approve again");
    }
    const std::string sha256 = HexEncode(crypto::Sha256(AsBytes(a.bundle.json)));
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(l.person.subject_id));
    store::SubjectAccessReleaseRow row{request_id, a.bundle.header.bundle_id, sha256, tx.actor(), tx.now(), {}};
    CONFIDE_ASSIGN_OR_RETURN(row.sealed, SealFields(*key, Header(kReleaseEntity, l.person, row.released_at, row.released_by,
                                                                 a.bundle.header.prepared_on, request_id, row.bundle_id),
                                                    FieldMap{{"json", a.bundle.json}, {"document", a.bundle.document}}));
    CONFIDE_RETURN_IF_ERROR(tx.uow().subject_access().InsertRelease(row));
    CONFIDE_RETURN_IF_ERROR(AppendStep(tx, l, c, SarStepKind::kReleased, UkToday(tx.now()),
                                       FieldMap{{"bundle", row.bundle_id},
                                                {"sha256", sha256},
                                                {"channel", channel},
                                                {"items", std::to_string(a.bundle.items)},
                                                {"items_withheld", std::to_string(a.bundle.items_withheld)},
                                                {"fields_redacted", std::to_string(a.bundle.fields_redacted)}})
                                .status());
    // The release is a disclosure of the person's information to the requester: recorded with
    // what left (the bundle's digest and counts), never its content.
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess(
        "subject_access.release", *l.decision, l.row.person_id, 0, 0,
        "request=" + std::to_string(request_id) + "; bundle=" + row.bundle_id + "; sha256=" + sha256 +
            "; items=" + std::to_string(a.bundle.items) + "; withheld=" + std::to_string(a.bundle.items_withheld) +
            "; redacted_fields=" + std::to_string(a.bundle.fields_redacted)));
    a.bundle.approved = true;
    return a.bundle;
  });
}

Result<SubjectAccessBundle> SubjectAccess::GetReleased(domain::StaffId actor, int64_t request_id) {
  return vault_.Read<SubjectAccessBundle>(actor, {"subject_access.bundle"}, [&](Vault::Tx& tx) -> Result<SubjectAccessBundle> {
    CONFIDE_ASSIGN_OR_RETURN(Loaded l, LoadAuthorized(tx, request_id));
    CONFIDE_ASSIGN_OR_RETURN(std::optional<store::SubjectAccessReleaseRow> row, tx.uow().subject_access().GetRelease(request_id));
    if (!row) return Status::NotFound("subject access request " + std::to_string(request_id) + " has not been released");
    CONFIDE_ASSIGN_OR_RETURN(const crypto::SecretKey* key, tx.SubjectKey(l.person.subject_id));
    SubjectAccessBundle b;
    // The day in the sealed header is the bundle's prepared_on, which only the bundle says: read it
    // from the clear step that recorded the release.
    CONFIDE_ASSIGN_OR_RETURN(std::vector<SarStep> steps, OpenSteps(tx, l));
    std::string day;
    for (const SarStep& s : steps) {
      if (s.kind != SarStepKind::kReleased) continue;
      day = s.on.ToIso();
      b.items_withheld = static_cast<size_t>(std::atoll(FieldOf(s.details, "items_withheld").c_str()));
      b.fields_redacted = static_cast<size_t>(std::atoll(FieldOf(s.details, "fields_redacted").c_str()));
    }
    CONFIDE_ASSIGN_OR_RETURN(FieldMap f, OpenFields(*key, Header(kReleaseEntity, l.person, row->released_at, row->released_by, day,
                                                                 request_id, row->bundle_id), row->sealed));
    b.json = FieldOf(f, "json");
    b.document = FieldOf(f, "document");
    if (HexEncode(crypto::Sha256(AsBytes(b.json))) != row->sha256) {
      return Status::Corruption("the released bundle of request " + std::to_string(request_id) + " does not match its digest");
    }
    const nlohmann::json j = nlohmann::json::parse(b.json, nullptr, false);
    b.header.bundle_id = row->bundle_id;
    b.header.request_id = request_id;
    b.header.person_id = l.row.person_id;
    if (j.is_object()) {
      b.header.organisation = j.value("organisation", "");
      b.header.prepared_on = j.value("prepared_on", "");
      b.header.content_sha256 = j.value("content_sha256", "");
      if (j.contains("subject")) b.header.subject_name = j["subject"].value("name", "");
      if (j.contains("items")) b.items = j["items"].size();
    }
    b.approved = true;
    CONFIDE_RETURN_IF_ERROR(tx.AuditAccess("subject_access.bundle", *l.decision, l.row.person_id, 0, 0,
                                           "request=" + std::to_string(request_id) + "; bundle=" + row->bundle_id));
    return b;
  });
}

}  // namespace confide::service
