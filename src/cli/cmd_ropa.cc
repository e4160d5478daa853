// confide ropa: the record of processing activities generated from Confide's configuration
// (docs/governance.md, "Record of processing").
#include <filesystem>

#include "cli/commands.h"
#include "service/record_of_processing.h"
#include "service/retention.h"

namespace confide::cli {
namespace {

struct Args {
  std::string out;
};

int RunRopa(const CliContext& ctx, const Args& a) {
  if (!a.out.empty() && std::filesystem::exists(a.out)) return ctx.Fail(Status::Conflict(a.out + " already exists"));
  CONFIDE_CLI_OPEN(ctx, vault);
  auto retention = service::Retention::Create(vault);
  if (!retention.ok()) return ctx.Fail(retention.status());
  auto ropa = service::BuildRecordOfProcessing(vault, ctx.actor, (*retention)->policy().retention);
  if (!ropa.ok()) return ctx.Fail(ropa.status());
  if (!a.out.empty()) {
    if (Status s = WriteNewPrivateFile(a.out, ropa->json.dump(2) + "\n"); !s.ok()) return ctx.Fail(s);
  }
  return ctx.Ok(nlohmann::json::parse(ropa->json.dump()), [&](std::ostream& o) {
    o << ropa->document;
    if (!a.out.empty()) o << "\nWrote the JSON to " << a.out << "\n";
  });
}

}  // namespace

void AddRopaCommand(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* ropa = app.add_subcommand("ropa", "The record of processing activities (UK GDPR Article 30), from the configured "
                                              "purposes, recipients, agreements and retention schedule");
  auto a = std::make_shared<Args>();
  ropa->add_option("--out", a->out, "Also write it as JSON to this new file (mode 0600)");
  ropa->callback([&ctx, &run, a] { run = [&ctx, a] { return RunRopa(ctx, *a); }; });
}

}  // namespace confide::cli
