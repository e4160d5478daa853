// The sharing register on the command line: the directory of recipients and agreements
// (`confide recipient ...`, `confide agreement ...`) and requests to share, from request to
// decision, approval, dataset and sending (`confide sharing request|show|list|decide|approve|
// dataset|send|package|record|awaiting`). Anything that may hold personal data (a request's details and reasons, a
// recipient's name, an approval's reason) comes from a JSON file or standard input (`--input`),
// the same JSON as the API's bodies, never from options.
#include "cli/commands.h"
#include "cli/json_input.h"
#include "codec/domain_json.h"
#include "sharing/json_fields.h"
#include "sharing/register_json.h"
#include "sharing/sharing_explanation.h"

namespace confide::cli {
namespace {

using nlohmann::json;
using service::Vault;

struct Args {
  int64_t id = 0, person = 0, disclosure = 0;
  std::string input, approval, out;
};

void PrintCase(std::ostream& o, const sharing::SharingCase& c) {
  const sharing::SharingRequest& r = c.request;
  o << "Request " << r.id << " about person " << r.person_id << ": " << sharing::Name(r.direction) << ", "
    << sharing::Name(r.recipient_kind) << (c.recipient ? " (" + c.recipient->name + ")" : std::string()) << ", for "
    << r.purpose << "\nStage: " << sharing::Name(sharing::StageOf(c)) << "\n";
  if (const sharing::RecordedDecision* d = c.Current()) {
    const json& e = d->explanation;
    o << "Decision " << d->id << ": " << e["outcome"].get<std::string>() << " on " << e["basis"].get<std::string>() << "\n";
    auto list = [&](const char* label, const json& v) {
      if (v.empty()) return;
      o << label;
      for (const auto& x : v) o << " " << x.get<std::string>();
      o << "\n";
    };
    list("Still to approve:", e["approvals_missing"]);
    list("Released:", e["released"]);
    list("Withheld:", e["withheld"]);
    list("Alert:", e["alert"]);
    o << "Tell the person: " << (d->decision.tell_subject ? "yes" : "no") << "\nWhy:\n";
    for (const auto& reason : e["reasons"]) o << "  - [" << reason["rule"].get<std::string>() << "] " << reason["says"].get<std::string>() << "\n";
    o << "Found:\n";
    for (const std::string& f : d->findings) o << "  - " << f << "\n";
  }
  for (const sharing::RecordedApproval& a : c.approvals) {
    o << "Backed by staff " << a.approved_by << " as " << sharing::Name(a.approval) << " at " << FormatTime(a.approved_at)
      << (a.afterwards ? " (afterwards)" : "") << "\n";
  }
  for (const sharing::RecordedDisclosure& d : c.disclosures) {
    o << "Disclosure " << d.id << " sent " << FormatTime(d.sent_at) << " by staff " << d.sent_by << ": " << d.fields.size() << " fields"
      << (d.package_id.empty() ? std::string() : ", package " + d.package_id) << "\n";
  }
  for (const sharing::Investigation& i : c.investigations) o << "Investigation " << i.id << ": " << i.reason << "\n";
}

int OkCase(const CliContext& ctx, const sharing::SharingCase& c) {
  return ctx.Ok(sharing::CaseToJson(c), [&](std::ostream& o) { PrintCase(o, c); });
}

int RunRequest(const CliContext& ctx, const Args& a) {
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  CONFIDE_CLI_OPEN(ctx, vault);  // first: its sharing policy names the purposes and categories
  auto request = sharing::RequestFromJson(*body, vault.sharing_policy());
  if (!request.ok()) return ctx.Fail(request.status());
  auto c = vault.RecordSharingRequest(ctx.actor, *request);
  if (!c.ok()) return ctx.Fail(c.status());
  return OkCase(ctx, *c);
}

int RunShow(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto c = vault.GetSharingCase(ctx.actor, a.id);
  if (!c.ok()) return ctx.Fail(c.status());
  return OkCase(ctx, *c);
}

int RunList(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto cases = vault.ListSharingCases(ctx.actor, a.person);
  if (!cases.ok()) return ctx.Fail(cases.status());
  json j = json::array();
  std::vector<std::vector<std::string>> table;
  for (const sharing::SharingCase& c : *cases) {
    j.push_back(sharing::CaseToJson(c));
    const sharing::RecordedDecision* d = c.Current();
    table.push_back({std::to_string(c.request.id), std::string(sharing::Name(c.request.direction)),
                     std::string(sharing::Name(c.request.recipient_kind)), c.request.purpose,
                     d ? std::string(sharing::Name(d->decision.outcome)) : "-", std::string(sharing::Name(sharing::StageOf(c))),
                     FormatTime(c.request.received_at)});
  }
  return ctx.Ok(j, [&](std::ostream& o) {
    PrintTable(o, {"ID", "DIRECTION", "RECIPIENT", "PURPOSE", "DECISION", "STAGE", "RECEIVED"}, table);
  });
}

// What waits for the caller's backing (Vault::ListAwaitingApproval): the most urgent first.
int RunAwaiting(const CliContext& ctx, const Args&) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto queue = vault.ListAwaitingApproval(ctx.actor);
  if (!queue.ok()) return ctx.Fail(queue.status());
  std::vector<std::vector<std::string>> table;
  for (const service::AwaitingApproval& i : queue->items) {
    std::string yours;
    for (const std::string& n : sharing::ApprovalNames(i.yours)) yours += (yours.empty() ? "" : ",") + n;
    table.push_back({std::to_string(i.request_id), i.person_name.value_or("person " + std::to_string(i.person_id)),
                     std::string(sharing::Name(i.urgency)), std::string(sharing::Name(i.direction)), i.purpose, yours,
                     i.sent ? "yes" : "no", FormatTime(i.received_at)});
  }
  return ctx.Ok(codec::ApprovalQueueToJson(*queue), [&](std::ostream& o) {
    if (!queue->approver) {
      o << "Your role backs no decisions to share: nothing waits for you.\n";
    } else if (table.empty()) {
      o << "Nothing waits for your backing.\n";
    } else {
      PrintTable(o, {"ID", "ABOUT", "URGENCY", "DIRECTION", "PURPOSE", "YOURS TO GIVE", "SENT", "RECEIVED"}, table);
    }
  });
}

int RunDecide(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto c = vault.DecideSharingRequest(ctx.actor, a.id);
  if (!c.ok()) return ctx.Fail(c.status());
  return OkCase(ctx, *c);
}

// {"reason", "approved_at"?}
int RunApprove(const CliContext& ctx, const Args& a) {
  const auto approval = sharing::ParseName<sharing::Approval>(a.approval);
  if (!approval) return ctx.Fail(Status::InvalidArgument("--approval: designated_person, manager, data_protection_officer, legal_services or local_authority"));
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  sharing::JsonFields f(*body, "approval");
  std::string reason;
  std::optional<UnixMicros> at;
  Status s = f.Check({"reason", "approved_at"}, {"reason"});
  if (s.ok()) {
    auto r = f.Text("reason");
    s = r.status();
    if (s.ok()) reason = *r;
  }
  if (s.ok() && f.Has("approved_at")) {
    auto t = f.Time("approved_at");
    s = t.status();
    if (s.ok()) at = *t;
  }
  if (!s.ok()) return ctx.Fail(s);
  CONFIDE_CLI_OPEN(ctx, vault);
  auto c = vault.ApproveSharingRequest(ctx.actor, a.id, *approval, reason, at);
  if (!c.ok()) return ctx.Fail(c.status());
  return OkCase(ctx, *c);
}

int RunDataset(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto dataset = vault.PrepareDisclosure(ctx.actor, a.id);
  if (!dataset.ok()) return ctx.Fail(dataset.status());
  return ctx.Ok({{"data", dataset->data}, {"fields", dataset->fields}, {"withheld", dataset->withheld}, {"document", dataset->document}},
                [&](std::ostream& o) { o << dataset->document; });
}

// {"subject_told", "not_told_reason"?, "valid_for_days"?}
Result<Vault::SendOptions> SendOptionsFrom(const json& j) {
  sharing::JsonFields f(j, "send");
  CONFIDE_RETURN_IF_ERROR(f.Check({"subject_told", "not_told_reason", "valid_for_days"}, {"subject_told"}));
  Vault::SendOptions options;
  CONFIDE_ASSIGN_OR_RETURN(options.subject_told, f.Flag("subject_told"));
  if (f.Has("not_told_reason")) {
    CONFIDE_ASSIGN_OR_RETURN(options.not_told_reason, f.Text("not_told_reason"));
  }
  if (f.Has("valid_for_days")) {
    CONFIDE_ASSIGN_OR_RETURN(int64_t days, f.Id("valid_for_days"));
    if (days > 366) return f.Bad("valid_for_days", "must be at most 366");
    options.valid_for_micros = days * 86'400'000'000;
  }
  return options;
}

int RunSend(const CliContext& ctx, const Args& a) {
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  auto options = SendOptionsFrom(*body);
  if (!options.ok()) return ctx.Fail(options.status());
  // Checked before anything is recorded: the disclosure must not be recorded with nowhere to put it.
  if (std::filesystem::exists(a.out)) return ctx.Fail(Status::Conflict(a.out + " already exists"));
  CONFIDE_CLI_OPEN(ctx, vault);
  auto sent = vault.SendDisclosure(ctx.actor, a.id, *options);
  if (!sent.ok()) return ctx.Fail(sent.status());
  Status written = WriteNewPrivateFile(a.out, sent->package_text);
  if (!written.ok()) {
    // The disclosure and its package are committed: sending again would record a second one.
    int64_t disclosure = 0;
    for (const sharing::RecordedDisclosure& d : sent->sharing_case.disclosures) {
      if (d.package_id == sent->package_id) disclosure = d.id;
    }
    const std::string request = std::to_string(a.id);
    return ctx.Fail(Status::IOError("the disclosure was recorded (request " + request + ", disclosure " + std::to_string(disclosure) +
                                    ", package " + sent->package_id + ") but " + written.message() +
                                    ": do not send again; fetch the same package with `confide sharing package --request " + request +
                                    " --disclosure " + std::to_string(disclosure) + " --out FILE`"));
  }
  return ctx.Ok({{"case", sharing::CaseToJson(sent->sharing_case)}, {"package_id", sent->package_id}, {"package_file", a.out}},
                [&](std::ostream& o) {
                  o << "Wrote package " << sent->package_id << " to " << a.out << " (mode 0600): send it by the recipient's secure channel.\n";
                  PrintCase(o, sent->sharing_case);
                });
}

// The package a send wrote, fetched again from the register (its file was lost, or never written).
int RunPackage(const CliContext& ctx, const Args& a) {
  // Checked first, like send: nothing is fetched (and audited) with nowhere to put it.
  if (std::filesystem::exists(a.out)) return ctx.Fail(Status::Conflict(a.out + " already exists"));
  CONFIDE_CLI_OPEN(ctx, vault);
  auto package = vault.GetDisclosurePackage(ctx.actor, a.id, a.disclosure);
  if (!package.ok()) return ctx.Fail(package.status());
  if (Status written = WriteNewPrivateFile(a.out, *package); !written.ok()) return ctx.Fail(written);
  const json outer = json::parse(*package, nullptr, false);
  const bool named = outer.is_object() && outer.contains("package_id") && outer.at("package_id").is_string();
  const std::string package_id = named ? outer.at("package_id").get<std::string>() : std::string();
  return ctx.Ok({{"request_id", a.id}, {"disclosure_id", a.disclosure}, {"package_id", package_id}, {"package_file", a.out}},
                [&](std::ostream& o) {
                  o << "Wrote package " << package_id << " (disclosure " << a.disclosure << " of request " << a.id << ") to " << a.out
                    << " (mode 0600): the package that was sent, with its original expiry.\n";
                });
}

// {"fields", "withheld"?, "channel"?, "package_id"?, "subject_told", "not_told_reason"?, "already_sent"?, "sent_at"?}
Result<Vault::DisclosureInput> DisclosureFrom(const json& j) {
  sharing::JsonFields f(j, "disclosure");
  CONFIDE_RETURN_IF_ERROR(f.Check({"fields", "withheld", "channel", "package_id", "subject_told", "not_told_reason", "already_sent", "sent_at"},
                                  {"fields", "subject_told"}));
  Vault::DisclosureInput in;
  auto any = [](const std::string& s) { return !s.empty(); };
  CONFIDE_ASSIGN_OR_RETURN(in.fields, f.Names("fields", any));
  if (f.Has("withheld")) {
    CONFIDE_ASSIGN_OR_RETURN(in.withheld, f.Names("withheld", any));
  }
  if (f.Has("channel")) {
    CONFIDE_ASSIGN_OR_RETURN(in.channel, f.Enum<sharing::Channel>("channel", [](const std::string& s) { return sharing::ParseName<sharing::Channel>(s); },
                                                                  "is not a channel (phone, email, secure_email, letter, portal, in_person)"));
  }
  if (f.Has("package_id")) {
    CONFIDE_ASSIGN_OR_RETURN(in.package_id, f.Text("package_id"));
  }
  CONFIDE_ASSIGN_OR_RETURN(in.subject_told, f.Flag("subject_told"));
  if (f.Has("not_told_reason")) {
    CONFIDE_ASSIGN_OR_RETURN(in.not_told_reason, f.Text("not_told_reason"));
  }
  if (f.Has("already_sent")) {
    CONFIDE_ASSIGN_OR_RETURN(in.already_sent, f.Flag("already_sent"));
  }
  if (f.Has("sent_at")) {
    CONFIDE_ASSIGN_OR_RETURN(in.sent_at, f.Time("sent_at"));
  }
  return in;
}

int RunRecord(const CliContext& ctx, const Args& a) {
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  auto in = DisclosureFrom(*body);
  if (!in.ok()) return ctx.Fail(in.status());
  CONFIDE_CLI_OPEN(ctx, vault);
  auto c = vault.RecordDisclosure(ctx.actor, a.id, *in);
  if (!c.ok()) return ctx.Fail(c.status());
  return OkCase(ctx, *c);
}

int RunRecipientAdd(const CliContext& ctx, const Args& a) {
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  auto recipient = sharing::RecipientFromJson(*body);
  if (!recipient.ok()) return ctx.Fail(recipient.status());
  CONFIDE_CLI_OPEN(ctx, vault);
  auto id = vault.AddRecipient(ctx.actor, *recipient);
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Added recipient " << *id << " (not yet verified)\n"; });
}

// {"method", "notes"?, "at"?}
int RunRecipientVerify(const CliContext& ctx, const Args& a) {
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  sharing::JsonFields f(*body, "verification");
  std::string method, notes;
  std::optional<UnixMicros> at;
  Status s = f.Check({"method", "notes", "at"}, {"method"});
  if (s.ok()) {
    auto m = f.Text("method");
    s = m.status();
    if (s.ok()) method = *m;
  }
  if (s.ok() && f.Has("notes")) {
    auto n = f.Text("notes");
    s = n.status();
    if (s.ok()) notes = *n;
  }
  if (s.ok() && f.Has("at")) {
    auto t = f.Time("at");
    s = t.status();
    if (s.ok()) at = *t;
  }
  if (!s.ok()) return ctx.Fail(s);
  CONFIDE_CLI_OPEN(ctx, vault);
  s = vault.RecordRecipientVerification(ctx.actor, a.id, method, notes, at);
  if (!s.ok()) return ctx.Fail(s);
  return ctx.Ok({{"id", a.id}, {"verified", true}}, [&](std::ostream& o) { o << "Recorded how recipient " << a.id << " was verified\n"; });
}

int RunRecipientList(const CliContext& ctx) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto recipients = vault.ListRecipients(ctx.actor);
  if (!recipients.ok()) return ctx.Fail(recipients.status());
  json j = json::array();
  std::vector<std::vector<std::string>> table;
  for (const sharing::Recipient& r : *recipients) {
    j.push_back(sharing::RecipientToJson(r));
    table.push_back({std::to_string(r.id), std::string(sharing::Name(r.kind)), r.name,
                     r.verified_at ? "verified " + FormatTime(*r.verified_at) : "not verified", r.public_key.empty() ? "no" : "yes"});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "KIND", "NAME", "IDENTITY", "PACKAGE KEY"}, table); });
}

int RunRecipientShow(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto r = vault.GetRecipient(ctx.actor, a.id);
  if (!r.ok()) return ctx.Fail(r.status());
  const json j = sharing::RecipientToJson(*r);
  return ctx.Ok(j, [&](std::ostream& o) { o << j.dump(2) << "\n"; });
}

int RunAgreementAdd(const CliContext& ctx, const Args& a) {
  auto body = ReadJsonInput(a.input);
  if (!body.ok()) return ctx.Fail(body.status());
  CONFIDE_CLI_OPEN(ctx, vault);  // first: its sharing policy names the purposes and categories
  auto agreement = sharing::AgreementFromJson(*body, vault.sharing_policy());
  if (!agreement.ok()) return ctx.Fail(agreement.status());
  auto id = vault.RecordAgreement(ctx.actor, *agreement);
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"id", *id}}, [&](std::ostream& o) { o << "Recorded agreement " << *id << "\n"; });
}

int RunAgreementList(const CliContext& ctx) {
  CONFIDE_CLI_OPEN(ctx, vault);
  auto agreements = vault.ListAgreements(ctx.actor);
  if (!agreements.ok()) return ctx.Fail(agreements.status());
  json j = json::array();
  std::vector<std::vector<std::string>> table;
  for (const sharing::SharingAgreement& ag : *agreements) {
    j.push_back(sharing::AgreementToJson(ag));
    table.push_back({std::to_string(ag.id), ag.name, FormatTime(ag.review_at), ag.ended_at ? "ended" : "in force"});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "NAME", "REVIEW BY", "STATE"}, table); });
}

// Registers `name` under `parent`, running `body` with the shared arguments.
CLI::App* Sub(CLI::App* parent, const char* name, const char* says, CliContext& ctx, Action& run, std::shared_ptr<Args> a,
              int (*body)(const CliContext&, const Args&)) {
  CLI::App* cmd = parent->add_subcommand(name, says);
  cmd->callback([&ctx, &run, a, body] { run = [&ctx, a, body] { return body(ctx, *a); }; });
  return cmd;
}

}  // namespace

void AddSharingRegisterCommands(CLI::App& app, CliContext& ctx, Action& run) {
  auto a = std::make_shared<Args>();
  CLI::App* sharing_cmd = app.get_subcommand("sharing");
  AddJsonInputOption(Sub(sharing_cmd, "request", "Record a request (or a proposal, or a request for advice) about a person, and decide it", ctx, run, a, RunRequest),
                     a->input, "SharingRequest")
      ->required();
  Sub(sharing_cmd, "show", "A request with every decision, approval and disclosure", ctx, run, a, RunShow)
      ->add_option("id", a->id, "Request id")->required();
  Sub(sharing_cmd, "list", "A person's requests, newest first", ctx, run, a, RunList)->add_option("person", a->person, "Person id")->required();
  Sub(sharing_cmd, "awaiting", "The requests waiting for your backing (designated persons, managers, the DPO), most urgent first", ctx, run, a,
      RunAwaiting);
  Sub(sharing_cmd, "decide-again", "Decide a recorded request again on today's facts (consent, verification, approvals)", ctx, run, a, RunDecide)
      ->add_option("id", a->id, "Request id")->required();
  CLI::App* approve = Sub(sharing_cmd, "approve", "Back the current decision, as your role allows", ctx, run, a, RunApprove);
  approve->add_option("id", a->id, "Request id")->required();
  approve->add_option("--approval", a->approval, "designated_person, manager, data_protection_officer, legal_services or local_authority")->required();
  AddJsonInputOption(approve, a->input, "SharingApproval")->required();
  Sub(sharing_cmd, "dataset", "The minimum dataset the decision releases, to read before sending", ctx, run, a, RunDataset)
      ->add_option("id", a->id, "Request id")->required();
  CLI::App* send = Sub(sharing_cmd, "send", "Seal the minimum dataset to the recipient's key and record the disclosure", ctx, run, a, RunSend);
  send->add_option("id", a->id, "Request id")->required();
  send->add_option("--out", a->out, "Where to write the package (a new file, mode 0600)")->required();
  AddJsonInputOption(send, a->input, "SharingSend")->required();
  CLI::App* package = Sub(sharing_cmd, "package", "Write again the package a send wrote (never a second disclosure)", ctx, run, a, RunPackage);
  package->add_option("--request", a->id, "Request id")->required();
  package->add_option("--disclosure", a->disclosure, "Disclosure id (sharing show lists them)")->required();
  package->add_option("--out", a->out, "Where to write the package (a new file, mode 0600)")->required();
  CLI::App* record = Sub(sharing_cmd, "record", "Record what was sent by another route (or what already left)", ctx, run, a, RunRecord);
  record->add_option("id", a->id, "Request id")->required();
  AddJsonInputOption(record, a->input, "SharingDisclosure")->required();

  CLI::App* recipient = app.add_subcommand("recipient", "The directory of recipients")->require_subcommand(1);
  AddJsonInputOption(Sub(recipient, "add", "Add a recipient", ctx, run, a, RunRecipientAdd), a->input, "Recipient")->required();
  CLI::App* verify = Sub(recipient, "verify", "Record how a recipient's identity and entitlement were verified", ctx, run, a, RunRecipientVerify);
  verify->add_option("id", a->id, "Recipient id")->required();
  AddJsonInputOption(verify, a->input, "RecipientVerification")->required();
  recipient->add_subcommand("list", "Every recipient, with whether they were verified")->callback([&ctx, &run] {
    run = [&ctx] { return RunRecipientList(ctx); };
  });
  Sub(recipient, "show", "One recipient", ctx, run, a, RunRecipientShow)->add_option("id", a->id, "Recipient id")->required();

  CLI::App* agreement = app.add_subcommand("agreement", "Multi-agency information-sharing agreements")->require_subcommand(1);
  AddJsonInputOption(Sub(agreement, "add", "Record an agreement", ctx, run, a, RunAgreementAdd), a->input, "SharingAgreement")->required();
  agreement->add_subcommand("list", "Every agreement, with its review date")->callback([&ctx, &run] {
    run = [&ctx] { return RunAgreementList(ctx); };
  });
}

}  // namespace confide::cli
