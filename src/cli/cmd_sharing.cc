// confide sharing decide | check-policy: asking the sharing policy what it would decide for a
// request's facts (kinds, names and yes/no answers, no personal data), and checking a sharing
// policy file before an organisation adopts it. Without --policy or a file they use the policy in
// force in the data directory (--data) if there is one, else the shipped default; neither opens
// the vault.
#include "cli/commands.h"
#include "cli/json_input.h"
#include "service/sharing_policy_file.h"
#include "sharing/facts_json.h"
#include "sharing/sharing_explanation.h"

namespace confide::cli {
namespace {

struct Args {
  std::string input, policy;
};

// The policy a command means: `path` if given; else the data directory's policy in force (`source`
// says which file, empty for the shipped default).
Result<sharing::SharingPolicy> PolicyFor(const CliContext& ctx, const std::string& path, std::string* source = nullptr) {
  if (!path.empty()) {
    if (source) *source = path;
    return sharing::SharingPolicy::LoadFile(path);
  }
  if (ctx.data_dir.empty()) return sharing::SharingPolicy::Default();
  CONFIDE_ASSIGN_OR_RETURN(service::DataDirConfig cfg, service::LoadDataDirConfig(ctx.data_dir));
  if (source) *source = service::SharingPolicyFileInForce(cfg);
  return service::LoadSharingPolicy(cfg);
}

int RunDecide(const CliContext& ctx, const Args& a) {
  auto policy = PolicyFor(ctx, a.policy);
  if (!policy.ok()) return ctx.Fail(policy.status());
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  auto facts = sharing::FactsFromJson(*body, *policy);
  if (!facts.ok()) return ctx.Fail(facts.status());
  const nlohmann::json j = sharing::ExplainDecision(*policy, policy->Decide(*facts));
  return ctx.Ok(j, [&](std::ostream& o) {
    o << "Outcome: " << j["outcome"].get<std::string>();
    if (j.contains("redirect_to")) o << " (to " << j["redirect_to"].get<std::string>() << ")";
    o << "\nLawful basis: " << j["basis"].get<std::string>() << "\n";
    auto list = [&](const char* label, const char* key) {
      if (j[key].empty()) return;
      o << label;
      for (const auto& v : j[key]) o << " " << v.get<std::string>();
      o << "\n";
    };
    list("Approvals needed:", "approvals_required");
    list("One of:", "approvals_one_of");
    list("Still to approve:", "approvals_missing");
    if (j["approvals_after"].get<bool>()) o << "Emergency: share now, record the approvals afterwards.\n";
    list("Released:", "released");
    list("Withheld:", "withheld");
    list("Alert:", "alert");
    o << "Tell the person: " << (j["tell_subject"].get<bool>() ? "yes" : "no") << "; seek consent: "
      << (j["seek_consent"].get<bool>() ? "yes" : "no") << "\nWhy:\n";
    for (const auto& r : j["reasons"]) o << "  - [" << r["rule"].get<std::string>() << "] " << r["says"].get<std::string>() << "\n";
  });
}

int RunCheckPolicy(const CliContext& ctx, const std::string& path) {
  std::string source;
  auto policy = PolicyFor(ctx, path, &source);
  if (!policy.ok()) return ctx.Fail(policy.status());
  const std::string shown = source.empty() ? "the shipped default (built in)" : source;
  return ctx.Ok({{"file", source.empty() ? nlohmann::json(nullptr) : nlohmann::json(source)},
                 {"name", policy->name()}, {"version", policy->version()}, {"rules", policy->rules().size()},
                 {"purposes", policy->purposes().size()}, {"categories", policy->categories().size()}},
                [&](std::ostream& o) {
                  o << shown << ": " << policy->name() << " (version " << policy->version() << "), " << policy->rules().size()
                    << " rules, " << policy->purposes().size() << " purposes, " << policy->categories().size()
                    << " categories: no problems.\n";
                });
}

}  // namespace

void AddSharingCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* sharing_cmd = app.add_subcommand("sharing", "The information-sharing policy")->require_subcommand(1);
  auto a = std::make_shared<Args>();
  CLI::App* decide = sharing_cmd->add_subcommand("decide", "What the sharing policy decides for a request's facts, and why");
  AddJsonInputOption(decide, a->input, "SharingFacts")->required();
  decide->add_option("--policy", a->policy, "A sharing policy file (default: the data directory's, else the shipped one)");
  decide->callback([&ctx, &run, a] { run = [&ctx, a] { return RunDecide(ctx, *a); }; });

  auto path = std::make_shared<std::string>();
  CLI::App* check = sharing_cmd->add_subcommand("check-policy", "Check a sharing policy file (every mistake with its line)");
  check->add_option("file", *path, "The policy file (default: the one in force in the data directory)");
  check->callback([&ctx, &run, path] { run = [&ctx, path] { return RunCheckPolicy(ctx, *path); }; });
}

}  // namespace confide::cli
