// A whole Confide behind its JSON API, for the cross-cutting API suites: a real vault (SQLite, in a
// temporary directory), the real identity service, the real router and HTTP server on a loopback
// port, and cpp-httplib as the client. Nothing is mocked.
//
// The organisation (World::Create) has one staff member of every role, each with current
// confidentiality training, plus a practitioner whose training has lapsed and one who never did
// it. Every one of them ("actors") has been signed in over HTTP (password, TOTP enrolment with the
// secret the API returned, confirmation, re-authentication) and holds a Bearer token.
//
// Children, each with a parent (an adult related to them) and one record at each tier:
//   - for every actor: one they are allocated to (Rel::kAllocated) and one they are allocated to
//     but restricted from (Rel::kRestricted);
//   - for the roles that may start it: one they have opened with break-glass (Rel::kBreakGlass);
//   - one allocated to the "Rainbow Room" team, every actor's team (Rel::kTeam);
//   - one nobody is allocated to (Rel::kNone).
//
// The World keeps its own model of those facts (who is allocated to, restricted from, or has
// broken glass on whom), written as it builds them, and asks the access policy file itself
// (config/policy/access-policy.toml, parsed here) what each request should get. That model is
// independent of the vault's access directory and of every handler, so a handler that forgets a
// check, or checks the wrong action, shows up as a difference.
//
// The data directory is on tmpfs (/dev/shm) when there is one: every commit is fsynced, which
// costs milliseconds on a disk and nothing there, and durability is test/fault's subject, not this
// suite's. Elsewhere it is an ordinary temporary directory.
//
// The clock is a FakeClock (atomic, so safe to read from the server's threads): it stands still
// unless a test advances it, so sessions never go idle and each TOTP step is under the test's
// control.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/api.h"
#include "common/clock.h"
#include "domain/person.h"
#include "domain/record.h"
#include "domain/staff.h"
#include "http/http_test_util.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "policy/access_policy.h"
#include "service/identity.h"
#include "service/vault.h"
#include "testing/test_util.h"

namespace confide::api_http {

inline constexpr UnixMicros kStart = 1'795'514'400'000'000;  // 2026-11-24T10:00:00Z, a Tuesday morning
inline constexpr int64_t kSecond = 1'000'000;
inline constexpr int64_t kDay = 86'400 * kSecond;
inline constexpr const char* kPassword = "violet harbour lantern 4821";
inline constexpr const char* kTeam = "Rainbow Room";
inline constexpr const char* kSessionCookie = "__Host-confide_session";

// How an actor stands to a child in the fixture.
enum class Rel { kAllocated, kTeam, kNone, kRestricted, kBreakGlass };
const char* RelName(Rel r);
inline constexpr Rel kAllRels[] = {Rel::kAllocated, Rel::kTeam, Rel::kNone, Rel::kRestricted, Rel::kBreakGlass};
inline constexpr domain::SensitivityTier kAllTiers[] = {domain::SensitivityTier::kGeneral, domain::SensitivityTier::kSensitive,
                                                        domain::SensitivityTier::kRestricted};

// One HTTP response, as the client saw it.
struct Reply {
  int status = 0;  // 0: no response (connection failed)
  std::string body;
  httplib::Headers headers;
  nlohmann::json json;  // the body parsed, or discarded

  std::string Header(const std::string& name) const;
  bool Has(const std::string& name) const { return headers.find(name) != headers.end(); }
  std::string Describe() const;  // "404 {...}" for assertion messages
};

// A signed-in staff member who makes requests in the matrix.
struct Actor {
  std::string name;  // "practitioner", "practitioner_lapsed", ...
  domain::StaffRole role = domain::StaffRole::kPractitioner;
  policy::TrainingState training = policy::TrainingState::kCurrent;
  domain::StaffId id = 0;
  std::string email;
  std::string token;  // fully signed in, re-authenticated at set-up
  std::string csrf;
  Bytes totp_secret;  // decoded from the base32 secret the API returned at enrolment
  std::vector<std::string> recovery_codes;  // from the enrolment; SignInFully uses them up
};

struct ChildInfo {
  domain::PersonId id = 0;
  domain::PersonId parent = 0;
  domain::PersonDetails details;
  std::map<domain::SensitivityTier, domain::RecordId> records;  // made at set-up, one per tier
};

// A session made over HTTP.
struct Session {
  Reply sign_in;  // the POST /api/session reply
  std::string token;
  std::string csrf;
};

class World {
 public:
  // Builds everything; on any failure records a gtest failure and returns null.
  static std::unique_ptr<World> Create();
  ~World();

  // ---- the organisation ----
  const std::vector<Actor>& actors() const { return actors_; }
  const Actor& actor(const std::string& name) const;
  domain::StaffId root() const { return root_; }              // the first administrator (set-up only)
  domain::StaffId teamholder() const { return teamholder_; }  // holds the team allocation of team_child
  domain::StaffId spare() const { return spare_; }            // a staff member the matrix administers
  const ChildInfo& team_child() const { return team_child_; }
  const ChildInfo& none_child() const { return none_child_; }
  // The child standing in `rel` to `a`, if the fixture has one (break-glass only for the roles that
  // may start it).
  const ChildInfo* ChildFor(const Actor& a, Rel rel) const;
  // A new child (no records) standing in `rel` to `a`: for requests that would change the facts of
  // the shared children. For kBreakGlass, the existing break-glass child.
  domain::PersonId FreshChild(const Actor& a, Rel rel);

  // ---- the model and the policy ----
  policy::Relation RelationOf(domain::StaffId staff, domain::PersonId person) const;
  bool RestrictedFor(domain::StaffId staff, domain::PersonId person) const;
  // What the access policy decides for `a` doing `action` about `person` (0: no data subject) at
  // `tier`, from the model's facts.
  bool Allowed(const Actor& a, policy::Action action, domain::PersonId person,
               domain::SensitivityTier tier = domain::SensitivityTier::kGeneral) const;
  // Whether that decision is allowed and flagged for review.
  bool Flagged(const Actor& a, policy::Action action, domain::PersonId person,
               domain::SensitivityTier tier = domain::SensitivityTier::kGeneral) const;
  // The children the model has `staff` allocated to.
  std::vector<domain::PersonId> AllocatedTo(domain::StaffId staff) const;
  // A new adult related to nobody: relation none for every actor.
  domain::PersonId FreshAdult();
  // Records a relationship the API made (an adult's relation follows their children's).
  void NoteRelationship(domain::PersonId child, domain::PersonId person);
  // Records a break-glass grant the API made, so later expectations follow it.
  void NoteBreakGlass(domain::StaffId staff, domain::PersonId person) { facts_[person].break_glass.insert(staff); }
  const policy::AccessPolicy& policy() const { return *policy_; }
  const policy::Decision& Decide(const Actor& a, policy::Action action, domain::PersonId person,
                                 domain::SensitivityTier tier) const;

  // ---- set-up of disposable state, in process ----
  domain::AllocationId DisposableAllocation(domain::PersonId child);  // the spare staff member, from yesterday
  int64_t DisposableRestriction(domain::PersonId child);               // hides the child from the spare
  domain::RecordId AddRecord(domain::PersonId child, domain::SensitivityTier tier);

  // ---- ground truth from the store (no policy, no audit) ----
  int32_t PersonVersion(domain::PersonId id);
  int32_t RecordVersion(domain::RecordId id);
  // Every record of the person with its current tier.
  std::vector<std::pair<domain::RecordId, domain::SensitivityTier>> RecordsOf(domain::PersonId id);
  // Row counts of every table of the database, read through a separate connection.
  std::map<std::string, int64_t> RowCounts();
  uint64_t AuditSize();
  std::vector<audit::AuditEvent> AuditSince(uint64_t size);

  // ---- HTTP ----
  int port() const { return server_->port(); }
  // A request with `token` as Bearer (none if empty) and `body` as JSON (none if unset).
  Reply Call(const std::string& method, const std::string& path, const std::string& token,
             const std::optional<nlohmann::json>& body = std::nullopt, const httplib::Headers& extra = {});
  // A request with the body and headers exactly as given (Content-Type only if in `headers`).
  Reply Send(const std::string& method, const std::string& path, const httplib::Headers& headers, const std::string& body);

  // Password only: a half-signed-in session (the actor has enrolled).
  Session SignInPasswordOnly(const Actor& a);
  // A second, fully signed-in session for `a`, its second factor one of `a`'s recovery codes (the
  // clock does not move).
  Session SignInFully(const Actor& a);
  // The same with a TOTP code: advances the clock one step, for a code no earlier one used.
  Session SignInFullyWithTotp(const Actor& a);
  // After the actor replaced their authenticator over the API.
  void UpdateActorSecrets(const std::string& name, Bytes secret, std::vector<std::string> recovery_codes);
  // The TOTP code for `secret` at the clock's time plus `offset_seconds`.
  std::string Code(const Bytes& secret, int64_t offset_seconds = 0) const;
  // Moves the fake clock on.
  void Advance(int64_t micros) { clock_.Advance(micros); }
  UnixMicros Now() const { return clock_.NowMicros(); }

  service::Vault& vault() { return *vault_; }
  service::Identity& identity() { return *identity_; }
  const http::Router& router() const { return router_; }
  const std::string& database_path() const { return database_path_; }

 private:
  World() = default;
  bool Build();
  bool SignInActor(Actor& a);
  domain::PersonDetails ChildDetails(const std::string& given);

  struct Facts {
    std::set<domain::StaffId> allocated;
    std::string team;  // the team named by an allocation in force, if any
    std::set<domain::StaffId> restricted;
    std::set<domain::StaffId> break_glass;
    std::vector<domain::PersonId> children;  // for an adult: the children they are related to
    bool adult = false;
  };

  // A fresh directory, on tmpfs if possible, removed with the World.
  class ScratchDir {
   public:
    ScratchDir();
    ~ScratchDir();
    std::string Str(const std::string& child) const { return (path_ / child).string(); }

   private:
    std::filesystem::path path_;
    std::unique_ptr<confide::testing::TempDir> fallback_;
  };

  FakeClock clock_{kStart};
  ScratchDir dir_;
  std::string database_path_;
  std::unique_ptr<policy::AccessPolicy> policy_;
  std::unique_ptr<service::Vault> vault_;
  std::unique_ptr<service::Identity> identity_;
  http::Router router_;
  http::Metrics metrics_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<httplib::Client> client_;

  std::vector<Actor> actors_;
  domain::StaffId root_ = 0, teamholder_ = 0, spare_ = 0;
  ChildInfo team_child_, none_child_;
  std::map<domain::StaffId, std::map<Rel, ChildInfo>> own_children_;
  std::map<domain::PersonId, Facts> facts_;
  std::map<domain::StaffId, std::string> staff_team_;
  int next_child_ = 0;
};

// Decodes RFC 4648 base32 (upper case, no padding), as an authenticator app does.
Bytes Base32Decode(const std::string& text);

// Replaces every whole number in `text` equal to one of `ids` by "{id}".
std::string NormaliseIds(const std::string& text, const std::vector<int64_t>& ids);

// Checks a reply is an RFC 9457 problem: Content-Type application/problem+json; type, title,
// status (= the HTTP status) and detail present.
void ExpectProblem(const Reply& r);

// A test suite sharing one World of its own, built once for the suite: `class X : public
// WorldSuite<X>`. Tables() counts the rows of every table but the audit log's (which a refusal adds
// to), to show a refused request changed nothing.
template <typename Suite>
class WorldSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { world_ = World::Create().release(); }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(world_, nullptr) << "the world could not be built"; }
  World& w() { return *world_; }
  std::map<std::string, int64_t> Tables() {
    std::map<std::string, int64_t> out = w().RowCounts();
    std::erase_if(out, [](const auto& row) { return row.first.rfind("audit_", 0) == 0; });
    return out;
  }
  static inline World* world_ = nullptr;
};

}  // namespace confide::api_http
