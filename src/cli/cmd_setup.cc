// confide init | demo | staff add|list | key rotate
#include <filesystem>

#include "cli/commands.h"
#include "domain/uk_time.h"
#include "service/demo_confidentiality_policy.h"
#include "codec/domain_json.h"
#include "crypto/key_file.h"
#include "service/demo_organisation.h"
#include "service/demo_sharing.h"
#include "service/demo_sign_ins.h"

namespace confide::cli {
namespace {

struct InitArgs {
  std::string org_name, org_kind = "local_authority", admin_name, admin_email;
};
struct StaffArgs {
  std::string role, team, name, email;
};


int RunInit(const CliContext& ctx, const InitArgs& a) {
  if (ctx.data_dir.empty()) return ctx.Fail(Status::InvalidArgument("no data directory: pass --data DIR or set CONFIDE_DATA"));
  auto kind = domain::ParseOrganisationKind(a.org_kind);
  if (!kind) return ctx.Fail(Status::InvalidArgument("unknown organisation kind (local_authority, fostering_agency, nursery, school, other)"));
  service::InitOptions opts{a.org_name, *kind, {a.admin_name, a.admin_email}};
  auto vault = service::Vault::Init(ctx.data_dir, opts);
  if (!vault.ok()) return ctx.Fail(vault.status());
  const auto& cfg = (*vault)->config();
  const std::string pk = HexEncode((*vault)->organisation_public_key());
  return ctx.Ok({{"data_dir", ctx.data_dir}, {"key_file", cfg.kek_path}, {"database", cfg.database_path},
                 {"organisation_public_key", pk}, {"administrator_id", 1}},
                [&](std::ostream& o) {
                  o << "Initialised Confide in " << ctx.data_dir << "\n"
                    << "  database:        " << cfg.database_path << "\n"
                    << "  key file:        " << cfg.kek_path << " (mode 0600; back it up separately from the database)\n"
                    << "  organisation key: " << pk << "\n"
                    << "  administrator:   staff id 1 (use --as 1)\n";
                });
}

int RunDemo(const CliContext& ctx, uint64_t seed) {
  if (ctx.data_dir.empty()) return ctx.Fail(Status::InvalidArgument("no data directory: pass --data DIR or set CONFIDE_DATA"));
  std::error_code ec;
  const bool fresh = !std::filesystem::exists(std::filesystem::path(ctx.data_dir) / "confide.db", ec);
  Result<std::unique_ptr<service::Vault>> vault =
      fresh ? service::Vault::Init(ctx.data_dir, {"Northshire Council Children's Services and Little Acorns Nursery (DEMO)",
                                                  domain::OrganisationKind::kLocalAuthority,
                                                  {"Demo Administrator", "admin@northshire.example.org"}})
            : service::Vault::Open(ctx.data_dir);
  if (!vault.ok()) return ctx.Fail(vault.status());
  // Synthetic children must never be mixed into an organisation's real records.
  auto people = (*vault)->CountPeople();
  if (!people.ok()) return ctx.Fail(people.status());
  if (*people > 0) {
    return ctx.Fail(Status::Conflict("the data directory already holds people: the demo loads only into a new or empty one"));
  }
  // The demo's own confidentiality policy, in force for two weeks (so staff who have not yet
  // acknowledged it are still in time); the vault reads the governance policy when it opens.
  if (Status added = service::AddDemoConfidentialityPolicy(
          (*vault)->config(), domain::AddDays(domain::ToUkLocal((*vault)->clock().NowMicros()).date, -14));
      added.ok()) {
    vault = Status::Internal("closing");  // the vault closes before it is opened again
    vault = service::Vault::Open(ctx.data_dir);
    if (!vault.ok()) return ctx.Fail(vault.status());
  } else if (added.code() != StatusCode::kFailedPrecondition) {
    return ctx.Fail(added);
  }
  service::DemoSummary summary;
  Status loaded;
  {
    ProgressBar bar(*ctx.err, "Loading demo organisation");
    loaded = service::LoadDemoOrganisation(**vault, seed, &summary, nullptr,
                                           [&bar](size_t done, size_t total) { bar.Update(done, total); });
  }
  if (!loaded.ok()) return ctx.Fail(loaded);
  service::Identity identity(**vault);
  auto sign_ins = service::SetDemoPasswords(**vault, identity, seed);
  if (!sign_ins.ok()) return ctx.Fail(sign_ins.status());
  nlohmann::json accounts = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : *sign_ins) {
    accounts.push_back({{"staff_id", s.staff_id}, {"role", domain::ToString(s.role)}, {"team", s.team},
                        {"email", s.email}, {"password", s.password}});
    rows.push_back({std::to_string(s.staff_id), std::string(domain::ToString(s.role)), s.team, s.email, s.password});
  }
  nlohmann::json j{{"staff", summary.staff},           {"children", summary.children}, {"adults", summary.adults},
                   {"relationships", summary.relationships}, {"allocations", summary.allocations},
                   {"records", summary.records},       {"concerns", summary.concerns}, {"amendments", summary.amendments},
                   {"attachments", summary.attachments}, {"consents", summary.consents},
                   {"recipients", summary.recipients}, {"sharing_requests", summary.sharing_requests}};
  // The demo MASH's key file, so what is sent to it in the demo can be opened (confide package open).
  const std::string mash_key = (std::filesystem::path(ctx.data_dir) / "demo-mash-recipient.key").string();
  if (!std::filesystem::exists(mash_key, ec)) {
    if (Status written = crypto::WriteKeyFile(mash_key, service::DemoMashRecipientKey(seed).seed(), crypto::kRecipientKeyFileTag);
        !written.ok()) {
      return ctx.Fail(written);
    }
  }
  const std::string organisation_key = HexEncode((*vault)->organisation_public_key());
  nlohmann::json out = j;
  out["sign_ins"] = accounts;
  out["organisation_public_key"] = organisation_key;
  out["mash_recipient_key_file"] = mash_key;
  return ctx.Ok(out, [&](std::ostream& o) {
    o << "Loaded the demo organisation (synthetic data only) into " << ctx.data_dir << ":\n";
    for (auto it = j.begin(); it != j.end(); ++it) o << "  " << it.key() << ": " << it.value() << "\n";
    o << "\nDemo sign-ins (DEMO DATA ONLY; each sets up an authenticator app at first sign-in):\n";
    PrintTable(o, {"STAFF", "ROLE", "TEAM", "EMAIL", "PASSWORD"}, rows);
    o << "\nThe demo MASH's recipient key (to open disclosure packages sent to it): " << mash_key << "\n"
      << "The organisation's public key (the sender key): " << organisation_key << "\n";
    o << "Try: confide --data " << ctx.data_dir << " --as 1 staff list\n";
  });
}

}  // namespace

void AddSetupCommands(CLI::App& app, CliContext& ctx, Action& run) {
  auto init_args = std::make_shared<InitArgs>();
  CLI::App* init = app.add_subcommand("init", "Create a data directory: key file, database, organisation, first administrator");
  init->add_option("--org-name", init_args->org_name, "The organisation's name")->required();
  init->add_option("--org-kind", init_args->org_kind, "local_authority, fostering_agency, nursery, school or other");
  init->add_option("--admin-name", init_args->admin_name, "Name of the first administrator")->required();
  init->add_option("--admin-email", init_args->admin_email, "Email of the first administrator");
  init->callback([&ctx, &run, init_args] { run = [&ctx, init_args] { return RunInit(ctx, *init_args); }; });

  auto seed = std::make_shared<uint64_t>(1);
  CLI::App* demo = app.add_subcommand("demo", "Load a synthetic demo organisation into a new or still-empty data directory");
  demo->add_option("--seed", *seed, "Random seed; the same seed gives the same organisation");
  demo->callback([&ctx, &run, seed] { run = [&ctx, seed] { return RunDemo(ctx, *seed); }; });

  CLI::App* staff = app.add_subcommand("staff", "Staff members")->require_subcommand(1);
  auto staff_args = std::make_shared<StaffArgs>();
  CLI::App* add = staff->add_subcommand("add", "Add a staff member");
  add->add_option("--role", staff_args->role, "practitioner, key_person, social_worker, designated_safeguarding_lead, "
                                              "deputy_safeguarding_lead, manager, data_protection_officer, administrator, "
                                              "auditor, volunteer")->required();
  add->add_option("--team", staff_args->team, "Team, room or group")->required();
  add->add_option("--name", staff_args->name, "Full name")->required();
  add->add_option("--email", staff_args->email, "Work email");
  add->callback([&ctx, &run, staff_args] {
    run = [&ctx, staff_args]() -> int {
      if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
      auto role = domain::ParseStaffRole(staff_args->role);
      if (!role) return ctx.Fail(Status::InvalidArgument("unknown role; see `confide staff add --help`"));
      auto vault = ctx.OpenVault();
      if (!vault.ok()) return ctx.Fail(vault.status());
      auto id = (*vault)->AddStaff(ctx.actor, *role, staff_args->team, {staff_args->name, staff_args->email});
      if (!id.ok()) return ctx.Fail(id.status());
      return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Added staff member " << *id << "\n"; });
    };
  });
  CLI::App* list = staff->add_subcommand("list", "List staff members");
  list->callback([&ctx, &run] {
    run = [&ctx]() -> int {
      CONFIDE_CLI_OPEN(ctx, vault);
      auto staff_list = vault.ListStaff(ctx.actor);
      if (!staff_list.ok()) return ctx.Fail(staff_list.status());
      nlohmann::json j = nlohmann::json::array();
      std::vector<std::vector<std::string>> rows;
      for (const auto& m : *staff_list) {
        j.push_back(codec::StaffToJson(m));
        rows.push_back({std::to_string(m.id), m.details.full_name, std::string(domain::ToString(m.role)), m.team,
                        m.active ? "yes" : "no"});
      }
      return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "NAME", "ROLE", "TEAM", "ACTIVE"}, rows); });
    };
  });

  CLI::App* key = app.add_subcommand("key", "Key management")->require_subcommand(1);
  CLI::App* rotate = key->add_subcommand("rotate", "Rotate the key-encryption key: re-wrap every data key under a new one");
  rotate->callback([&ctx, &run] {
    run = [&ctx]() -> int {
      if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
      auto vault = ctx.OpenVault();
      if (!vault.ok()) return ctx.Fail(vault.status());
      const std::string key_path = (*vault)->config().kek_path;
      auto new_id = (*vault)->RotateKeyEncryptionKey(ctx.actor);
      if (!new_id.ok()) return ctx.Fail(new_id.status());
      return ctx.Ok({{"key_id", *new_id}}, [&](std::ostream& o) {
        o << "Rotated the key-encryption key; new key id " << *new_id << ".\n"
          << "The old key was kept beside the new one as " << key_path << ".retired-<old id>: it is needed only to\n"
          << "restore backups taken before this rotation. Move it to offline storage or destroy it.\n";
      });
    };
  });
}

}  // namespace confide::cli
