#include "api_http/api_fixture.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <csignal>
#include <random>

#include "auth/password_hash.h"
#include "auth/totp.h"
#include "domain/civil_date.h"
#include "domain/nhs_number.h"

namespace confide::api_http {
namespace {

using domain::SensitivityTier;
using domain::StaffRole;
using policy::TrainingState;

// In World::Build: a failed step records the failure and gives up.
#define W_REQUIRE_OK(expr)                                                      \
  do {                                                                          \
    auto w_s_ = ::confide::testing::ToStatus(expr);                             \
    if (!w_s_.ok()) {                                                           \
      ADD_FAILURE() << "world set-up: " << #expr << ": " << w_s_.ToString();     \
      return false;                                                             \
    }                                                                           \
  } while (false)
#define W_ASSIGN(lhs, rexpr) W_ASSIGN_IMPL_(CONFIDE_CONCAT_(w_r_, __LINE__), lhs, rexpr)
#define W_ASSIGN_IMPL_(tmp, lhs, rexpr)                                              \
  auto tmp = (rexpr);                                                                \
  if (!tmp.ok()) {                                                                   \
    ADD_FAILURE() << "world set-up: " << #rexpr << ": " << tmp.status().ToString();  \
    return false;                                                                    \
  }                                                                                  \
  lhs = std::move(tmp).value()

struct ActorSpec {
  const char* name;
  StaffRole role;
  TrainingState training;
  const char* full_name;
};

constexpr ActorSpec kActors[] = {
    {"practitioner", StaffRole::kPractitioner, TrainingState::kCurrent, "Pat Practitioner"},
    {"key_person", StaffRole::kKeyPerson, TrainingState::kCurrent, "Kim Keyperson"},
    {"social_worker", StaffRole::kSocialWorker, TrainingState::kCurrent, "Sol Worker"},
    {"designated_safeguarding_lead", StaffRole::kDesignatedSafeguardingLead, TrainingState::kCurrent, "Dee Lead"},
    {"deputy_safeguarding_lead", StaffRole::kDeputySafeguardingLead, TrainingState::kCurrent, "Dep Lead"},
    {"manager", StaffRole::kManager, TrainingState::kCurrent, "Mo Manager"},
    {"data_protection_officer", StaffRole::kDataProtectionOfficer, TrainingState::kCurrent, "Dot Officer"},
    {"administrator", StaffRole::kAdministrator, TrainingState::kCurrent, "Ash Admin"},
    {"auditor", StaffRole::kAuditor, TrainingState::kCurrent, "Aud Checker"},
    {"volunteer", StaffRole::kVolunteer, TrainingState::kCurrent, "Val Helper"},
    {"practitioner_lapsed", StaffRole::kPractitioner, TrainingState::kLapsed, "Lex Lapsed"},
    {"practitioner_untrained", StaffRole::kPractitioner, TrainingState::kMissing, "Una Untrained"},
};

bool CanBreakGlass(const Actor& a) {
  return a.training == TrainingState::kCurrent &&
         (a.role == StaffRole::kPractitioner || a.role == StaffRole::kKeyPerson || a.role == StaffRole::kSocialWorker ||
          a.role == StaffRole::kManager);
}

std::string EmailFor(const std::string& name) {
  std::string local = name;
  std::replace(local.begin(), local.end(), '_', '.');
  return local + "@example.org";
}

}  // namespace

const char* RelName(Rel r) {
  switch (r) {
    case Rel::kAllocated: return "allocated";
    case Rel::kTeam: return "team";
    case Rel::kNone: return "none";
    case Rel::kRestricted: return "restricted";
    case Rel::kBreakGlass: return "break_glass";
  }
  return "?";
}

std::string Reply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Reply::Describe() const {
  std::string b = body.size() > 600 ? body.substr(0, 600) + "..." : body;
  return std::to_string(status) + " " + b;
}

Bytes Base32Decode(const std::string& text) {
  Bytes out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') {
      v = c - 'A';
    } else if (c >= '2' && c <= '7') {
      v = c - '2' + 26;
    } else {
      continue;  // padding or spaces
    }
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<uint8_t>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::string NormaliseIds(const std::string& text, const std::vector<int64_t>& ids) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      size_t j = i;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
      const std::string number = text.substr(i, j - i);
      const bool is_id = std::any_of(ids.begin(), ids.end(), [&](int64_t id) { return std::to_string(id) == number; });
      out += is_id ? std::string("{id}") : number;
      i = j;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

void ExpectProblem(const Reply& r) {
  EXPECT_EQ(r.Header("Content-Type"), "application/problem+json") << r.Describe();
  ASSERT_TRUE(r.json.is_object()) << r.Describe();
  for (const char* f : {"type", "title", "status", "detail"}) EXPECT_TRUE(r.json.contains(f)) << f << " missing: " << r.Describe();
  EXPECT_EQ(r.json.value("status", 0), r.status) << r.Describe();
  for (const char* f : {"type", "title", "detail"}) EXPECT_TRUE(r.json.contains(f) && r.json.at(f).is_string()) << f << ": " << r.Describe();
}

// ---- building the world ----

World::ScratchDir::ScratchDir() {
  std::error_code ec;
  const std::filesystem::path shm = "/dev/shm";
  if (std::filesystem::is_directory(shm, ec)) {
    std::random_device rd;
    for (int attempt = 0; attempt < 100 && path_.empty(); ++attempt) {
      std::filesystem::path candidate = shm / ("confide-api-test-" + std::to_string(rd()) + std::to_string(rd()));
      if (std::filesystem::create_directory(candidate, ec)) path_ = candidate;
    }
  }
  if (path_.empty()) {
    fallback_ = std::make_unique<confide::testing::TempDir>();
    path_ = fallback_->path();
  }
}

World::ScratchDir::~ScratchDir() {
  if (fallback_) return;  // removes itself
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<World> World::Create() {
  // A client still writing a body the server has refused must get EPIPE, not die of SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  std::unique_ptr<World> w(new World());
  if (!w->Build()) return nullptr;
  return w;
}

World::~World() {
  client_.reset();
  if (server_) server_->Stop();
}

domain::PersonDetails World::ChildDetails(const std::string& given) {
  const int n = ++next_child_;
  domain::PersonDetails d;
  d.given_names = given;
  // Distinct made-up family names, far apart, so name searches do not blur them together.
  static const char* const kFamilies[] = {"Abernethy", "Blackwood", "Cartwright", "Dunmore", "Ellingham", "Fairweather",
                                          "Goldsworth", "Hollingsworth", "Ironside", "Jarrow", "Kettlewell", "Lindqvist"};
  d.family_name = std::string(kFamilies[n % 12]) + "-" + std::to_string(n);
  d.date_of_birth = domain::CivilDate{2018 + n % 5, 1 + n % 12, 1 + n % 28};
  d.address = "12 Larch Close, Northtown";
  d.postcode = "NT1 2AB";
  d.nhs_number = domain::NhsNumber::Parse(domain::GenerateTestNhsNumber(static_cast<uint64_t>(1000 + n))).value();
  return d;
}

bool World::Build() {
  W_ASSIGN(policy::AccessPolicy parsed,
           policy::AccessPolicy::LoadFile((confide::testing::SourceDir() / "config/policy/access-policy.toml").string()));
  policy_ = std::make_unique<policy::AccessPolicy>(std::move(parsed));

  service::InitOptions opts{"Northtown Council", domain::OrganisationKind::kLocalAuthority,
                            {"Rhian Root", "rhian.root@example.org"}};
  W_ASSIGN(vault_, service::Vault::Init(dir_.Str("data"), opts, clock_));
  {
    // A confidentiality policy in force from 20 November with 30 days to acknowledge it: everyone
    // is still in time at kStart, so the gate is as the actors' training makes it.
    std::ofstream out(dir_.Str("data/governance-policy.toml"), std::ios::app);
    out << "\n[confidentiality_policy]\nversion = \"2026.1\"\ntitle = \"Confidentiality policy\"\n"
           "in_force_from = \"2026-11-20\"\nacknowledge_within_days = 30\n"
           "text = \"Keep what children and families tell you safe; share it only to protect a child or as the law requires.\"\n";
  }
  vault_.reset();
  W_ASSIGN(vault_, service::Vault::Open(dir_.Str("data"), clock_));
  database_path_ = vault_->config().database_path;
  service::IdentityOptions id_opts;
  id_opts.hash_params = auth::TestPasswordHashParams();  // fast hashing: the tests sign in often
  identity_ = std::make_unique<service::Identity>(*vault_, id_opts);
  root_ = 1;
  W_ASSIGN(domain::StaffMember root_member, vault_->GetStaff(root_, root_));
  if (root_member.role != StaffRole::kAdministrator) {
    ADD_FAILURE() << "staff 1 is not the first administrator";
    return false;
  }
  staff_team_[root_] = root_member.team;

  for (const ActorSpec& s : kActors) {
    Actor a;
    a.name = s.name;
    a.role = s.role;
    a.training = s.training;
    a.email = EmailFor(s.name);
    actors_.push_back(std::move(a));
  }

  // Staff, training, children, parents, records and allocations in one transaction, as the system.
  W_REQUIRE_OK(vault_->Batch(domain::kSystemActor, [&](service::BatchWriter& b) -> Status {
    auto train = [&](domain::StaffId staff, TrainingState t) -> Status {
      if (t == TrainingState::kMissing) return Status::Ok();
      domain::TrainingRecord r{0, staff, "confidentiality", kStart - 30 * kDay, std::nullopt, 0, 0};
      if (t == TrainingState::kLapsed) {
        r.completed_at = kStart - 400 * kDay;
        r.expires_at = kStart - 35 * kDay;
      }
      return b.RecordTraining(r).status();
    };
    CONFIDE_RETURN_IF_ERROR(train(root_, TrainingState::kCurrent));
    CONFIDE_ASSIGN_OR_RETURN(teamholder_, b.AddStaff(StaffRole::kPractitioner, kTeam, {"Tess Holder", "tess.holder@example.org"}));
    CONFIDE_RETURN_IF_ERROR(train(teamholder_, TrainingState::kCurrent));
    staff_team_[teamholder_] = kTeam;
    CONFIDE_ASSIGN_OR_RETURN(spare_, b.AddStaff(StaffRole::kPractitioner, "Spare Team", {"Sid Spare", "sid.spare@example.org"}));
    CONFIDE_RETURN_IF_ERROR(train(spare_, TrainingState::kCurrent));
    staff_team_[spare_] = "Spare Team";
    for (size_t i = 0; i < actors_.size(); ++i) {
      Actor& a = actors_[i];
      CONFIDE_ASSIGN_OR_RETURN(a.id, b.AddStaff(a.role, kTeam, {kActors[i].full_name, a.email}));
      CONFIDE_RETURN_IF_ERROR(train(a.id, a.training));
      staff_team_[a.id] = kTeam;
    }

    auto make_child = [&](const std::string& given, ChildInfo& out) -> Status {
      out.details = ChildDetails(given);
      CONFIDE_ASSIGN_OR_RETURN(out.id, b.AddPerson(domain::PersonKind::kChild, out.details));
      domain::PersonDetails parent;
      parent.given_names = "Morgan";
      parent.family_name = out.details.family_name;
      parent.address = out.details.address;
      CONFIDE_ASSIGN_OR_RETURN(out.parent, b.AddPerson(domain::PersonKind::kAdult, parent));
      domain::RelationshipDetails rel;
      rel.kind = domain::RelationshipKind::kMother;
      rel.parental_responsibility = true;
      rel.lives_with = true;
      CONFIDE_RETURN_IF_ERROR(b.AddRelationship(out.id, out.parent, rel).status());
      facts_[out.id];
      facts_[out.parent].adult = true;
      facts_[out.parent].children.push_back(out.id);
      for (SensitivityTier tier : kAllTiers) {
        service::RecordDraft d;
        d.person_id = out.id;
        d.kind = domain::RecordKind::kCaseNote;
        d.tier = tier;
        d.occurred_at = kStart - kDay;
        d.content.summary = std::string(domain::ToString(tier)) + " note about " + given;
        d.content.text = "Observed in the room; settled well after lunch.";
        CONFIDE_ASSIGN_OR_RETURN(out.records[tier], b.AddRecord(d));
      }
      return Status::Ok();
    };
    auto allocate = [&](domain::PersonId child, domain::StaffId staff, bool team) -> Status {
      domain::Allocation a;
      a.child_id = child;
      a.staff_id = staff;
      a.role = team ? domain::AllocationRole::kTeam : domain::AllocationRole::kKeyPerson;
      a.team = team ? kTeam : "";
      CONFIDE_RETURN_IF_ERROR(b.Allocate(a).status());
      facts_[child].allocated.insert(staff);
      if (team) facts_[child].team = kTeam;
      return Status::Ok();
    };

    CONFIDE_RETURN_IF_ERROR(make_child("Tamsin", team_child_));
    CONFIDE_RETURN_IF_ERROR(allocate(team_child_.id, teamholder_, /*team=*/true));
    CONFIDE_RETURN_IF_ERROR(make_child("Nobody", none_child_));
    for (const Actor& a : actors_) {
      ChildInfo& allocated = own_children_[a.id][Rel::kAllocated];
      CONFIDE_RETURN_IF_ERROR(make_child("Ally", allocated));
      CONFIDE_RETURN_IF_ERROR(allocate(allocated.id, a.id, false));
      // Allocated too, so that only the restriction can be what hides the child.
      ChildInfo& restricted = own_children_[a.id][Rel::kRestricted];
      CONFIDE_RETURN_IF_ERROR(make_child("Rhys", restricted));
      CONFIDE_RETURN_IF_ERROR(allocate(restricted.id, a.id, false));
      if (CanBreakGlass(a)) CONFIDE_RETURN_IF_ERROR(make_child("Bryn", own_children_[a.id][Rel::kBreakGlass]));
    }
    return Status::Ok();
  }));

  for (const Actor& a : actors_) {
    const domain::PersonId restricted = own_children_[a.id][Rel::kRestricted].id;
    W_REQUIRE_OK(vault_->RestrictPerson(root_, restricted, a.id, "A relative of this member of staff"));
    facts_[restricted].restricted.insert(a.id);
    if (CanBreakGlass(a)) {
      const domain::PersonId child = own_children_[a.id][Rel::kBreakGlass].id;
      W_REQUIRE_OK(vault_->BreakGlass(a.id, child, "Emergency cover: the allocated worker is off sick"));
      facts_[child].break_glass.insert(a.id);
    }
    W_REQUIRE_OK(identity_->SetPassword(root_, a.id, kPassword, /*must_change=*/false));
  }
  W_REQUIRE_OK(identity_->SetPassword(root_, spare_, kPassword, /*must_change=*/false));

  W_ASSIGN(api_, api::Api::Register(router_, *vault_, *identity_, metrics_));
  http::ServerOptions options = http::testing::TestOptions();
  http::Hooks hooks;
  hooks.metrics = &metrics_;
  W_ASSIGN(server_, http::Server::Start(router_, options, hooks));
  client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  client_->set_keep_alive(true);
  client_->set_read_timeout(20, 0);
  client_->set_url_encode(false);  // paths are sent exactly as written
  client_->set_tcp_nodelay(true);  // header and body go in separate writes: no Nagle delay

  for (Actor& a : actors_) {
    if (!SignInActor(a)) return false;
  }
  return true;
}

bool World::SignInActor(Actor& a) {
  Reply s = Call("POST", "/api/session", "", nlohmann::json{{"email", a.email}, {"password", kPassword}});
  if (s.status != 201 || s.json.value("next", "") != "enrol_totp") {
    ADD_FAILURE() << a.name << " sign-in: " << s.Describe();
    return false;
  }
  a.token = s.json.at("token").get<std::string>();
  a.csrf = s.json.at("csrf_token").get<std::string>();
  Reply e = Call("POST", "/api/session/totp-enrolment", a.token);
  if (e.status != 201 || !e.json.contains("secret")) {
    ADD_FAILURE() << a.name << " enrolment: " << e.Describe();
    return false;
  }
  a.totp_secret = Base32Decode(e.json.at("secret").get<std::string>());
  Reply c = Call("POST", "/api/session/totp-enrolment/confirm", a.token, nlohmann::json{{"code", Code(a.totp_secret)}});
  if (c.status != 200 || c.json.at("recovery_codes").size() != 10 || c.json.value("next", "") != "done") {
    ADD_FAILURE() << a.name << " confirmation: " << c.Describe();
    return false;
  }
  a.recovery_codes = c.json.at("recovery_codes").get<std::vector<std::string>>();
  // Exports need a recent re-authentication: done once here (the clock then stands still). The
  // enrolment used this step's code; the next step's is within the accepted window.
  Reply r = Call("POST", "/api/session/reauth", a.token, nlohmann::json{{"password", kPassword}, {"code", Code(a.totp_secret, 30)}});
  if (r.status != 204) {
    ADD_FAILURE() << a.name << " re-authentication: " << r.Describe();
    return false;
  }
  return true;
}

const Actor& World::actor(const std::string& name) const {
  for (const Actor& a : actors_) {
    if (a.name == name) return a;
  }
  ADD_FAILURE() << "no actor " << name;
  return actors_.front();
}

const ChildInfo* World::ChildFor(const Actor& a, Rel rel) const {
  if (rel == Rel::kTeam) return &team_child_;
  if (rel == Rel::kNone) return &none_child_;
  auto it = own_children_.find(a.id);
  if (it == own_children_.end()) return nullptr;
  auto c = it->second.find(rel);
  return c == it->second.end() ? nullptr : &c->second;
}

domain::PersonId World::FreshChild(const Actor& a, Rel rel) {
  if (rel == Rel::kBreakGlass) {
    const ChildInfo* c = ChildFor(a, rel);
    return c ? c->id : 0;
  }
  domain::PersonId id = 0;
  const domain::PersonDetails details = ChildDetails("Fresh");
  Status s = vault_->Batch(domain::kSystemActor, [&](service::BatchWriter& b) -> Status {
    CONFIDE_ASSIGN_OR_RETURN(id, b.AddPerson(domain::PersonKind::kChild, details));
    if (rel == Rel::kAllocated || rel == Rel::kRestricted || rel == Rel::kTeam) {
      domain::Allocation al;
      al.child_id = id;
      al.staff_id = rel == Rel::kTeam ? teamholder_ : a.id;
      al.role = rel == Rel::kTeam ? domain::AllocationRole::kTeam : domain::AllocationRole::kKeyPerson;
      al.team = rel == Rel::kTeam ? kTeam : "";
      CONFIDE_RETURN_IF_ERROR(b.Allocate(al).status());
    }
    return Status::Ok();
  });
  EXPECT_OK(s);
  if (!s.ok()) return 0;
  Facts& f = facts_[id];
  if (rel == Rel::kAllocated || rel == Rel::kRestricted) f.allocated.insert(a.id);
  if (rel == Rel::kTeam) {
    f.allocated.insert(teamholder_);
    f.team = kTeam;
  }
  if (rel == Rel::kRestricted) {
    EXPECT_OK(vault_->RestrictPerson(root_, id, a.id, "Hidden from this member of staff"));
    f.restricted.insert(a.id);
  }
  return id;
}

domain::PersonId World::FreshAdult() {
  domain::PersonId id = 0;
  domain::PersonDetails d;
  d.given_names = "Stranger";
  d.family_name = "Unrelated-" + std::to_string(++next_child_);
  EXPECT_OK(vault_->Batch(domain::kSystemActor, [&](service::BatchWriter& b) -> Status {
    CONFIDE_ASSIGN_OR_RETURN(id, b.AddPerson(domain::PersonKind::kAdult, d));
    return Status::Ok();
  }));
  facts_[id].adult = true;
  return id;
}

void World::NoteRelationship(domain::PersonId child, domain::PersonId person) {
  Facts& f = facts_[person];
  if (std::find(f.children.begin(), f.children.end(), child) == f.children.end()) f.children.push_back(child);
}

// ---- the model ----

policy::Relation World::RelationOf(domain::StaffId staff, domain::PersonId person) const {
  auto it = facts_.find(person);
  if (it == facts_.end()) return policy::Relation::kNone;
  const Facts& f = it->second;
  auto direct = [&](const Facts& x) {
    if (x.allocated.count(staff)) return policy::Relation::kAllocated;
    if (x.break_glass.count(staff)) return policy::Relation::kBreakGlass;
    auto team = staff_team_.find(staff);
    if (!x.team.empty() && team != staff_team_.end() && team->second == x.team) return policy::Relation::kTeam;
    return policy::Relation::kNone;
  };
  policy::Relation best = direct(f);
  for (domain::PersonId child : f.children) {  // an adult: the best relation to their children
    auto c = facts_.find(child);
    if (c == facts_.end()) continue;
    const policy::Relation r = direct(c->second);
    if (policy::AtLeast(r, best)) best = r;
  }
  return best;
}

std::vector<domain::PersonId> World::AllocatedTo(domain::StaffId staff) const {
  std::vector<domain::PersonId> out;
  for (const auto& [id, f] : facts_) {
    if (f.allocated.count(staff)) out.push_back(id);
  }
  return out;
}

void World::UpdateActorSecrets(const std::string& name, Bytes secret, std::vector<std::string> recovery_codes) {
  for (Actor& a : actors_) {
    if (a.name != name) continue;
    a.totp_secret = std::move(secret);
    a.recovery_codes = std::move(recovery_codes);
    return;
  }
  ADD_FAILURE() << "no actor " << name;
}

bool World::RestrictedFor(domain::StaffId staff, domain::PersonId person) const {
  auto it = facts_.find(person);
  return it != facts_.end() && it->second.restricted.count(staff) > 0;
}

bool World::Allowed(const Actor& a, policy::Action action, domain::PersonId person, domain::SensitivityTier tier) const {
  return Decide(a, action, person, tier).allowed;
}

bool World::Flagged(const Actor& a, policy::Action action, domain::PersonId person, domain::SensitivityTier tier) const {
  const policy::Decision& d = Decide(a, action, person, tier);
  return d.allowed && d.flagged;
}

const policy::Decision& World::Decide(const Actor& a, policy::Action action, domain::PersonId person,
                                      domain::SensitivityTier tier) const {
  policy::AccessRequest r;
  r.role = a.role;
  r.active = true;
  r.training = a.training;
  r.action = action;
  r.about_person = person != 0;
  r.relation = person != 0 ? RelationOf(a.id, person) : policy::Relation::kNone;
  r.restricted = person != 0 && RestrictedFor(a.id, person);
  r.tier = tier;
  return policy_->Decide(r);
}

// ---- disposable state ----

domain::AllocationId World::DisposableAllocation(domain::PersonId child) {
  domain::Allocation a;
  a.child_id = child;
  a.staff_id = spare_;
  a.role = domain::AllocationRole::kOther;
  a.starts_at = clock_.NowMicros() - kDay;  // so that ending it now is after it started
  auto id = vault_->Allocate(root_, a);
  EXPECT_OK(id);
  if (!id.ok()) return 0;
  facts_[child].allocated.insert(spare_);
  return *id;
}

int64_t World::DisposableRestriction(domain::PersonId child) {
  auto id = vault_->RestrictPerson(root_, child, spare_, "Lives next door to the family");
  EXPECT_OK(id);
  if (!id.ok()) return 0;
  facts_[child].restricted.insert(spare_);
  return *id;
}

domain::RecordId World::AddRecord(domain::PersonId child, domain::SensitivityTier tier) {
  domain::RecordId id = 0;
  EXPECT_OK(vault_->Batch(domain::kSystemActor, [&](service::BatchWriter& b) -> Status {
    service::RecordDraft d;
    d.person_id = child;
    d.tier = tier;
    d.occurred_at = clock_.NowMicros() - kDay;
    d.content.summary = "Extra note";
    CONFIDE_ASSIGN_OR_RETURN(id, b.AddRecord(d));
    return Status::Ok();
  }));
  return id;
}

// ---- ground truth ----

int32_t World::PersonVersion(domain::PersonId id) {
  auto uow = vault_->StoreForTest().Begin(store::TransactionMode::kRead);
  EXPECT_OK(uow);
  if (!uow.ok()) return 0;
  auto row = (*uow)->persons().Get(id);
  return row.ok() && *row ? (*row)->current_version : 0;
}

int32_t World::RecordVersion(domain::RecordId id) {
  auto uow = vault_->StoreForTest().Begin(store::TransactionMode::kRead);
  EXPECT_OK(uow);
  if (!uow.ok()) return 0;
  auto row = (*uow)->records().Get(id);
  return row.ok() && *row ? (*row)->current_version : 0;
}

std::vector<std::pair<domain::RecordId, domain::SensitivityTier>> World::RecordsOf(domain::PersonId id) {
  std::vector<std::pair<domain::RecordId, domain::SensitivityTier>> out;
  auto uow = vault_->StoreForTest().Begin(store::TransactionMode::kRead);
  EXPECT_OK(uow);
  if (!uow.ok()) return out;
  auto rows = (*uow)->records().ListForPerson(id);
  EXPECT_OK(rows);
  if (!rows.ok()) return out;
  for (const auto& r : *rows) {
    out.emplace_back(r.record.id, domain::ParseSensitivityTier(r.record.tier).value_or(SensitivityTier::kRestricted));
  }
  return out;
}

std::map<std::string, int64_t> World::RowCounts() {
  std::map<std::string, int64_t> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database_path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open the database: " << (db ? sqlite3_errmsg(db) : "?");
    sqlite3_close(db);
    return out;
  }
  sqlite3_busy_timeout(db, 5000);
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", -1, &st, nullptr);
  while (st && sqlite3_step(st) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  for (const std::string& t : tables) {
    sqlite3_stmt* c = nullptr;
    if (sqlite3_prepare_v2(db, ("SELECT count(*) FROM \"" + t + "\"").c_str(), -1, &c, nullptr) == SQLITE_OK &&
        sqlite3_step(c) == SQLITE_ROW) {
      out[t] = sqlite3_column_int64(c, 0);
    } else {
      ADD_FAILURE() << "cannot count " << t << ": " << sqlite3_errmsg(db);
    }
    sqlite3_finalize(c);
  }
  sqlite3_close(db);
  return out;
}

uint64_t World::AuditSize() {
  auto head = vault_->LatestAuditHead();
  EXPECT_OK(head);
  return head.ok() ? head->tree_size : 0;
}

std::vector<audit::AuditEvent> World::AuditSince(uint64_t size) {
  std::vector<audit::AuditEvent> out;
  const uint64_t now = AuditSize();
  for (uint64_t seq = size; seq < now; ++seq) {
    auto e = vault_->GetAuditEntry(seq);
    EXPECT_OK(e);
    if (e.ok()) out.push_back(e->event);
  }
  return out;
}

// ---- HTTP ----

Reply World::Send(const std::string& method, const std::string& path, const httplib::Headers& headers, const std::string& body) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.headers = headers;
  req.body = body;
  httplib::Result res = client_->send(req);
  if (!res) {
    // The server closes a connection after refusing a request it did not read: reconnect once.
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_keep_alive(true);
    client_->set_read_timeout(20, 0);
    client_->set_url_encode(false);
    client_->set_tcp_nodelay(true);
    res = client_->send(req);
  }
  Reply r;
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.headers = res->headers;
  r.json = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  return r;
}

Reply World::Call(const std::string& method, const std::string& path, const std::string& token,
                  const std::optional<nlohmann::json>& body, const httplib::Headers& extra) {
  httplib::Headers headers = extra;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  std::string text;
  if (body) {
    headers.emplace("Content-Type", "application/json");
    text = body->dump();
  }
  return Send(method, path, headers, text);
}

std::string World::Code(const Bytes& secret, int64_t offset_seconds) const {
  auto code = auth::Totp(secret, clock_.NowMicros() / kSecond + offset_seconds, auth::TotpParams{});
  EXPECT_OK(code);
  return code.ok() ? *code : std::string();
}

Session World::SignInPasswordOnly(const Actor& a) {
  Session s;
  s.sign_in = Call("POST", "/api/session", "", nlohmann::json{{"email", a.email}, {"password", kPassword}});
  EXPECT_EQ(s.sign_in.status, 201) << s.sign_in.Describe();
  if (s.sign_in.status == 201) {
    s.token = s.sign_in.json.at("token").get<std::string>();
    s.csrf = s.sign_in.json.at("csrf_token").get<std::string>();
  }
  return s;
}

Session World::SignInFully(const Actor& a) {
  Session s = SignInPasswordOnly(a);
  if (s.token.empty()) return s;
  auto mine = std::find_if(actors_.begin(), actors_.end(), [&](const Actor& x) { return x.id == a.id; });
  if (mine == actors_.end() || mine->recovery_codes.empty()) {
    ADD_FAILURE() << a.name << " has no recovery codes left";
    return s;
  }
  const std::string code = mine->recovery_codes.back();
  mine->recovery_codes.pop_back();
  Reply m = Call("POST", "/api/session/mfa", s.token, nlohmann::json{{"code", code}});
  EXPECT_EQ(m.status, 200) << m.Describe();
  EXPECT_EQ(m.json.value("next", ""), "done") << m.Describe();
  return s;
}

Session World::SignInFullyWithTotp(const Actor& a) {
  Session s = SignInPasswordOnly(a);
  if (s.token.empty()) return s;
  // A code for a step no earlier code used: move the clock on one step first.
  clock_.Advance(30 * kSecond);
  Reply m = Call("POST", "/api/session/mfa", s.token, nlohmann::json{{"code", Code(a.totp_secret, 30)}});
  EXPECT_EQ(m.status, 200) << m.Describe();
  EXPECT_EQ(m.json.value("next", ""), "done") << m.Describe();
  return s;
}

}  // namespace confide::api_http
