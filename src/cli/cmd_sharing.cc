// confide sharing decide | check-policy: asking the sharing policy what it would decide for a
// request's facts (kinds, names and yes/no answers, no personal data), and checking a sharing
// policy file before an organisation adopts it. Neither needs a data directory.
#include "cli/commands.h"
#include "cli/json_input.h"
#include "sharing/facts_json.h"
#include "sharing/sharing_explanation.h"

namespace confide::cli {
namespace {

struct Args {
  std::string input, policy;
};

Result<sharing::SharingPolicy> PolicyFor(const std::string& path) {
  if (path.empty()) return sharing::SharingPolicy::Default();
  return sharing::SharingPolicy::LoadFile(path);
}

int RunDecide(const CliContext& ctx, const Args& a) {
  auto policy = PolicyFor(a.policy);
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
  auto policy = sharing::SharingPolicy::LoadFile(path);
  if (!policy.ok()) return ctx.Fail(policy.status());
  return ctx.Ok({{"name", policy->name()}, {"version", policy->version()}, {"rules", policy->rules().size()},
                 {"purposes", policy->purposes().size()}, {"categories", policy->categories().size()}},
                [&](std::ostream& o) {
                  o << path << ": " << policy->name() << " (version " << policy->version() << "), " << policy->rules().size()
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
  decide->add_option("--policy", a->policy, "A sharing policy file (default: the shipped one)");
  decide->callback([&ctx, &run, a] { run = [&ctx, a] { return RunDecide(ctx, *a); }; });

  auto path = std::make_shared<std::string>();
  CLI::App* check = sharing_cmd->add_subcommand("check-policy", "Check a sharing policy file (every mistake with its line)");
  check->add_option("file", *path, "The policy file")->required();
  check->callback([&ctx, &run, path] { run = [&ctx, path] { return RunCheckPolicy(ctx, *path); }; });
}

}  // namespace confide::cli
