// confide consent add | withdraw | list | check: the consent registry. A consent record holds
// personal data (who gave it, the evidence), so `consent add` takes it only from a JSON file or
// standard input (`--input`), never from options that shell history would keep.
#include "cli/commands.h"
#include "cli/json_input.h"
#include "sharing/consent_json.h"
#include "sharing/sharing_policy.h"

namespace confide::cli {
namespace {

std::string Recipients(const sharing::ConsentRecord& r) {
  std::string out;
  for (sharing::RecipientKind k : r.recipients) out += (out.empty() ? "" : ",") + std::string(sharing::Name(k));
  return out;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

// --at, when given.
Result<std::optional<UnixMicros>> OptionalAt(const std::string& text) {
  if (text.empty()) return std::optional<UnixMicros>();
  CONFIDE_ASSIGN_OR_RETURN(UnixMicros t, ParseTimeArg(text, "--at"));
  return std::optional<UnixMicros>(t);
}

struct Args {
  int64_t person = 0, id = 0, by = 0;
  std::string input, at, purpose, recipient;
  std::vector<std::string> categories;
};

int RunAdd(const CliContext& ctx, const Args& a) {
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  CONFIDE_CLI_OPEN(ctx, vault);  // first: its sharing policy names the purposes and categories
  auto record = sharing::ConsentFromJson(*body, &vault.sharing_policy());
  if (!record.ok()) return ctx.Fail(record.status());
  record->subject_id = a.person;
  auto id = vault.RecordConsent(ctx.actor, *record);
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"id", *id}}, [&](std::ostream& o) {
    o << "Recorded " << (record->refused ? "refusal " : "consent ") << *id << " about person " << a.person << "\n";
  });
}

int RunWithdraw(const CliContext& ctx, const Args& a) {
  auto at = OptionalAt(a.at);
  if (!at.ok()) return ctx.Fail(at.status());
  CONFIDE_CLI_OPEN(ctx, vault);
  Status s = vault.WithdrawConsent(ctx.actor, a.id, a.by, *at);
  if (!s.ok()) return ctx.Fail(s);
  return ctx.Ok({{"id", a.id}}, [&](std::ostream& o) { o << "Withdrew consent " << a.id << "\n"; });
}

int RunList(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto records = vault.ListConsents(ctx.actor, a.person);
  if (!records.ok()) return ctx.Fail(records.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const sharing::ConsentRecord& r : *records) {
    j.push_back(sharing::ConsentToJson(r));
    table.push_back({std::to_string(r.id), r.refused ? "refusal" : "consent", std::to_string(r.given_by_id),
                     std::string(sharing::Name(r.capacity)), Joined(r.purposes), Recipients(r), FormatTime(r.given_at),
                     r.withdrawn_at ? "withdrawn " + FormatTime(*r.withdrawn_at) : "in force"});
  }
  return ctx.Ok(j, [&](std::ostream& o) {
    PrintTable(o, {"ID", "KIND", "GIVEN BY", "CAPACITY", "PURPOSES", "RECIPIENTS", "GIVEN", "STATE"}, table);
  });
}

int RunCheck(const CliContext& ctx, const Args& a) {
  const auto recipient = sharing::ParseName<sharing::RecipientKind>(a.recipient);
  if (!recipient) return ctx.Fail(Status::InvalidArgument("--recipient: unknown kind of recipient (docs/sharing.md lists them)"));
  auto at = OptionalAt(a.at);
  if (!at.ok()) return ctx.Fail(at.status());
  CONFIDE_CLI_OPEN(ctx, vault);
  auto finding = vault.CheckConsent(ctx.actor, a.person, a.purpose, *recipient, a.categories, *at);
  if (!finding.ok()) return ctx.Fail(finding.status());
  return ctx.Ok(sharing::FindingToJson(*finding), [&](std::ostream& o) {
    o << "Consent: " << sharing::Name(finding->state) << (finding->in_writing ? " (in writing)" : "")
      << (finding->parents_dispute ? "; the parents disagree: the designated person decides" : "") << "\n";
    for (const std::string& r : finding->reasons) o << "  - " << r << "\n";
  });
}

}  // namespace

void AddConsentCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* consent = app.add_subcommand("consent", "The consent registry: consent, refusals and withdrawals")->require_subcommand(1);
  auto a = std::make_shared<Args>();

  CLI::App* add = consent->add_subcommand("add", "Record a consent or a refusal about a person (from a JSON file)");
  add->add_option("--person", a->person, "The person it is about")->required();
  AddJsonInputOption(add, a->input, "ConsentRecord")->required();
  add->callback([&ctx, &run, a] { run = [&ctx, a] { return RunAdd(ctx, *a); }; });

  CLI::App* withdraw = consent->add_subcommand("withdraw", "Record that a consent (or a refusal) was withdrawn");
  withdraw->add_option("id", a->id, "Consent record id")->required();
  withdraw->add_option("--by", a->by, "The person who withdrew it (the person it is about, or a parent)")->required();
  withdraw->add_option("--at", a->at, "When (default now; never in the future)");
  withdraw->callback([&ctx, &run, a] { run = [&ctx, a] { return RunWithdraw(ctx, *a); }; });

  CLI::App* list = consent->add_subcommand("list", "A person's consent records, withdrawn ones included");
  list->add_option("person", a->person, "Person id")->required();
  list->callback([&ctx, &run, a] { run = [&ctx, a] { return RunList(ctx, *a); }; });

  CLI::App* check = consent->add_subcommand("check", "Whether there is valid consent for a share, and why");
  check->add_option("person", a->person, "Person id")->required();
  check->add_option("--purpose", a->purpose, "The purpose (a purpose id of the sharing policy)")->required();
  check->add_option("--recipient", a->recipient, "The kind of recipient (health, school, police, ...)")->required();
  check->add_option("--category", a->categories, "A category of information to share (repeat)");
  check->add_option("--at", a->at, "When the share would happen (default now)");
  check->callback([&ctx, &run, a] { run = [&ctx, a] { return RunCheck(ctx, *a); }; });
}

}  // namespace confide::cli
