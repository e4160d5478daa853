// confide sar open | list | show | step | search | redact | unredact | preview | approve | release |
// bundle: subject access requests from intake to the released bundle (docs/governance.md).
#include <filesystem>

#include "cli/commands.h"
#include "codec/subject_access_json.h"
#include "service/subject_access.h"

namespace confide::cli {
namespace {

struct Args {
  int64_t id = 0, person = 0, requester_person = 0, redaction = 0;
  int months = 0;
  bool identity_confirmed = false, all = false;
  std::string received, requester, name, contact, request_text, identity_method, kind, on, note, ref, field, text, ground,
      reason, sha256, channel, out_json, out_document;
};

#define CONFIDE_CLI_OPEN_SAR(ctx, vault, sar)                \
  CONFIDE_CLI_OPEN(ctx, vault);                              \
  auto sar##_or = service::SubjectAccess::Create(vault);     \
  if (!sar##_or.ok()) return (ctx).Fail(sar##_or.status()); \
  service::SubjectAccess& sar = **sar##_or

std::string Due(const service::SubjectAccessCase& c) {
  if (c.deadline.due_on) return c.deadline.due_on->ToIso() + (c.overdue ? " OVERDUE" : "");
  return c.deadline.clock == governance::SubjectAccessClock::kStopped ? "(clock stopped)" : "(identity awaited)";
}

void PrintCase(std::ostream& o, const service::SubjectAccessCase& c) {
  o << "Subject access request " << c.id << " about person " << c.person_id << ": " << c.state << "\n";
  o << "  Requester: " << c.intake.requester_name << " (" << service::ToString(c.intake.requester) << ")";
  if (c.intake.requester_person_id) o << ", person " << *c.intake.requester_person_id;
  o << "\n  Asked for: " << c.intake.request_text << "\n  Received: " << c.received_on.ToIso() << "; due: " << Due(c) << "\n";
  for (const std::string& line : c.deadline.explanation) o << "    " << line << "\n";
  for (const std::string& check : c.checks) o << "  Check: " << check << "\n";
  if (!c.steps.empty()) {
    std::vector<std::vector<std::string>> table;
    for (const service::SarStep& s : c.steps) {
      std::string detail;
      for (const auto& [k, v] : s.details) {
        if (!v.empty()) detail += (detail.empty() ? "" : "; ") + k + "=" + v;
      }
      table.push_back({std::to_string(s.id), std::string(service::ToString(s.kind)), s.on.ToIso(), std::to_string(s.recorded_by), detail});
    }
    PrintTable(o, {"STEP", "KIND", "ON", "BY", "DETAILS"}, table);
  }
  if (c.release) o << "  Released: bundle " << c.release->bundle_id << " by " << c.release->channel << "\n";
}

// Writes the bundle's two files; both must be new (checked before anything is recorded).
Status CheckNew(const Args& a) {
  if (a.out_json.empty() || a.out_document.empty()) {
    return Status::InvalidArgument("give --out-json and --out-document: the files to write the bundle to");
  }
  for (const std::string* f : {&a.out_json, &a.out_document}) {
    if (std::filesystem::exists(*f)) return Status::Conflict(*f + " already exists");
  }
  return Status::Ok();
}

Status WriteBundle(const Args& a, const service::SubjectAccessBundle& b) {
  CONFIDE_RETURN_IF_ERROR(WriteNewPrivateFile(a.out_json, b.json));
  return WriteNewPrivateFile(a.out_document, b.document);
}

int RunOpen(const CliContext& ctx, const Args& a) {
  service::SubjectAccessIntake in;
  in.person_id = a.person;
  auto received = DateArg(a.received, "--received");
  if (!received.ok()) return ctx.Fail(received.status());
  in.received_on = *received;
  auto requester = service::ParseSarRequester(a.requester);
  if (!requester) return ctx.Fail(Status::InvalidArgument("--requester must be subject, parent or representative"));
  in.requester = *requester;
  in.requester_name = a.name;
  if (a.requester_person) in.requester_person_id = a.requester_person;
  in.contact = a.contact;
  in.request_text = a.request_text;
  in.identity_confirmed = a.identity_confirmed;
  in.identity_method = a.identity_method;
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto id = sar.Open(ctx.actor, in);
  if (!id.ok()) return ctx.Fail(id.status());
  auto c = sar.Get(ctx.actor, *id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::SubjectAccessCaseToJson(*c), [&](std::ostream& o) { PrintCase(o, *c); });
}

int RunList(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto list = sar.List(ctx.actor, a.all);
  if (!list.ok()) return ctx.Fail(list.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> table;
  for (const auto& c : *list) {
    j.push_back(codec::SubjectAccessCaseToJson(c));
    table.push_back({std::to_string(c.id), std::to_string(c.person_id), std::string(service::ToString(c.intake.requester)),
                     c.received_on.ToIso(), c.state, Due(c)});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"ID", "PERSON", "REQUESTER", "RECEIVED", "STATE", "DUE"}, table); });
}

int RunShow(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto c = sar.Get(ctx.actor, a.id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::SubjectAccessCaseToJson(*c), [&](std::ostream& o) {
    PrintCase(o, *c);
    for (const auto& r : c->redactions) {
      o << "  Redaction " << r.id << ": " << r.ref << (r.field.empty() ? "" : " field " + r.field)
        << (r.text.empty() ? " (whole)" : " words \"" + r.text + "\"") << ", " << governance::ToString(r.ground) << ": " << r.reason
        << "\n";
    }
  });
}

int RunStep(const CliContext& ctx, const Args& a) {
  auto kind = service::ParseSarStepKind(a.kind);
  if (!kind) {
    return ctx.Fail(Status::InvalidArgument(
        "--kind must be identity_received, clarification_requested, clarification_received, extended or closed"));
  }
  auto on = DateArg(a.on, "--on");
  if (!on.ok()) return ctx.Fail(on.status());
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto step = sar.AddStep(ctx.actor, a.id, service::SarStepInput{*kind, *on, a.note, a.months});
  if (!step.ok()) return ctx.Fail(step.status());
  auto c = sar.Get(ctx.actor, a.id);
  if (!c.ok()) return ctx.Fail(c.status());
  return ctx.Ok(codec::SubjectAccessCaseToJson(*c), [&](std::ostream& o) { PrintCase(o, *c); });
}

int RunSearch(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto items = sar.Search(ctx.actor, a.id);
  if (!items.ok()) return ctx.Fail(items.status());
  nlohmann::json j = nlohmann::json::array();
  for (const auto& item : *items) j.push_back(codec::BundleItemToJson(item));
  return ctx.Ok(j, [&](std::ostream& o) {
    for (const auto& item : *items) {
      o << item.ref << "  " << item.title << "\n";
      for (const auto& [name, value] : item.fields) o << "    " << name << ": " << value << "\n";
    }
  });
}

int RunRedact(const CliContext& ctx, const Args& a) {
  auto ground = governance::ParseRedactionGround(a.ground);
  if (!ground) {
    return ctx.Fail(Status::InvalidArgument("--ground must be third_party, anonymous_informant, childs_expectation, serious_harm or other_exemption"));
  }
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto id = sar.Redact(ctx.actor, a.id, governance::Redaction{0, a.ref, a.field, a.text, *ground, a.reason});
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"redaction", *id}}, [&](std::ostream& o) {
    o << "Redaction " << *id << " recorded: preview the bundle (confide sar preview " << a.id << ") and approve it again\n";
  });
}

int RunUnredact(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  if (Status s = sar.WithdrawRedaction(ctx.actor, a.id, a.redaction, a.reason); !s.ok()) return ctx.Fail(s);
  return ctx.Ok({{"withdrawn", a.redaction}}, [&](std::ostream& o) { o << "Redaction " << a.redaction << " withdrawn\n"; });
}

int RunPreview(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto b = sar.Preview(ctx.actor, a.id);
  if (!b.ok()) return ctx.Fail(b.status());
  return ctx.Ok(codec::SubjectAccessBundleToJson(*b, true), [&](std::ostream& o) {
    o << b->document << "\n(Preview: " << b->items << " items, " << b->items_withheld << " withheld, " << b->fields_redacted
      << " fields redacted; content " << b->header.content_sha256 << (b->approved ? ", approved" : ", not approved") << ")\n";
  });
}

int RunApprove(const CliContext& ctx, const Args& a) {
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto id = sar.Approve(ctx.actor, a.id, a.sha256, a.note);
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"approval", *id}}, [&](std::ostream& o) { o << "Approved (step " << *id << "): it can now be released\n"; });
}

int RunRelease(const CliContext& ctx, const Args& a) {
  if (Status s = CheckNew(a); !s.ok()) return ctx.Fail(s);
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto b = sar.Release(ctx.actor, a.id, a.channel);
  if (!b.ok()) return ctx.Fail(b.status());
  if (Status written = WriteBundle(a, *b); !written.ok()) {
    // The release is recorded: releasing again is refused; the same bundle can be fetched.
    return ctx.Fail(Status::IOError("the release was recorded (bundle " + b->header.bundle_id + ") but " + written.message() +
                                    ": fetch the same bundle with `confide sar bundle " + std::to_string(a.id) +
                                    " --out-json FILE --out-document FILE`"));
  }
  return ctx.Ok(codec::SubjectAccessBundleToJson(*b, false), [&](std::ostream& o) {
    o << "Released bundle " << b->header.bundle_id << " (" << b->items << " items): wrote " << a.out_json << " and " << a.out_document
      << " (mode 0600). Send them by " << a.channel << ".\n";
  });
}

int RunBundle(const CliContext& ctx, const Args& a) {
  if (Status s = CheckNew(a); !s.ok()) return ctx.Fail(s);
  CONFIDE_CLI_OPEN_SAR(ctx, vault, sar);
  auto b = sar.GetReleased(ctx.actor, a.id);
  if (!b.ok()) return ctx.Fail(b.status());
  if (Status written = WriteBundle(a, *b); !written.ok()) return ctx.Fail(written);
  return ctx.Ok(codec::SubjectAccessBundleToJson(*b, false), [&](std::ostream& o) {
    o << "Wrote the bundle released as " << b->header.bundle_id << " to " << a.out_json << " and " << a.out_document << "\n";
  });
}

}  // namespace

void AddSubjectAccessCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* s = app.add_subcommand("sar", "Subject access requests: intake, deadline, search, redaction, approval, release")
                    ->require_subcommand(1);
  auto a = std::make_shared<Args>();

  CLI::App* open = s->add_subcommand("open", "Record a subject access request as it arrived");
  open->add_option("--person", a->person, "Whose information (person id)")->required();
  open->add_option("--received", a->received, "The day it arrived (YYYY-MM-DD)")->required();
  open->add_option("--requester", a->requester, "subject, parent (for a child) or representative")->required();
  open->add_option("--name", a->name, "The requester's name (kept encrypted)")->required();
  open->add_option("--requester-person", a->requester_person, "The requester's person id, if recorded in Confide (a parent)");
  open->add_option("--contact", a->contact, "How to reach them (kept encrypted)");
  open->add_option("--request", a->request_text, "What they asked for, in their words (kept encrypted)")->required();
  open->add_flag("--identity-confirmed", a->identity_confirmed, "Their identity was confirmed on the day (the clock starts then)");
  open->add_option("--identity-method", a->identity_method, "How identity was confirmed, or what evidence was asked for");
  open->callback([&ctx, &run, a] { run = [&ctx, a] { return RunOpen(ctx, *a); }; });

  CLI::App* list = s->add_subcommand("list", "Requests, the most urgent first (--all: released and closed ones too)");
  list->add_flag("--all", a->all, "Include released and closed requests");
  list->callback([&ctx, &run, a] { run = [&ctx, a] { return RunList(ctx, *a); }; });

  CLI::App* show = s->add_subcommand("show", "One request: its deadline with the arithmetic, steps, checks and redactions");
  show->add_option("id", a->id, "Request id")->required();
  show->callback([&ctx, &run, a] { run = [&ctx, a] { return RunShow(ctx, *a); }; });

  CLI::App* step = s->add_subcommand("step", "Record a step: identity received, clarification asked or received, an extension, closing");
  step->add_option("id", a->id, "Request id")->required();
  step->add_option("--kind", a->kind, "identity_received, clarification_requested, clarification_received, extended, closed")
      ->required();
  step->add_option("--on", a->on, "The day it happened (YYYY-MM-DD)")->required();
  step->add_option("--note", a->note, "How, what was asked, or why (kept encrypted)");
  step->add_option("--months", a->months, "For extended: 1 or 2 further months");
  step->callback([&ctx, &run, a] { run = [&ctx, a] { return RunStep(ctx, *a); }; });

  CLI::App* search = s->add_subcommand("search", "Everything held about the person, unredacted (to decide redactions)");
  search->add_option("id", a->id, "Request id")->required();
  search->callback([&ctx, &run, a] { run = [&ctx, a] { return RunSearch(ctx, *a); }; });

  CLI::App* redact = s->add_subcommand("redact", "Redact words, a field or a whole item, with the ground and a reason");
  redact->add_option("id", a->id, "Request id")->required();
  redact->add_option("--ref", a->ref, "What it covers: an item (record/40/v2), all its versions (record/40), or * (everything)")
      ->required();
  redact->add_option("--field", a->field, "One field of it (default: every field)");
  redact->add_option("--text", a->text, "Words to black out (default: the whole field, or with no field the whole item)");
  redact->add_option("--ground", a->ground, "third_party, anonymous_informant, childs_expectation, serious_harm or other_exemption")->required();
  redact->add_option("--reason", a->reason, "Why (kept in the register, not the bundle)")->required();
  redact->callback([&ctx, &run, a] { run = [&ctx, a] { return RunRedact(ctx, *a); }; });

  CLI::App* unredact = s->add_subcommand("unredact", "Withdraw a redaction");
  unredact->add_option("id", a->id, "Request id")->required();
  unredact->add_option("--redaction", a->redaction, "Redaction id")->required();
  unredact->add_option("--reason", a->reason, "Why")->required();
  unredact->callback([&ctx, &run, a] { run = [&ctx, a] { return RunUnredact(ctx, *a); }; });

  CLI::App* preview = s->add_subcommand("preview", "The bundle as it would be released now, with its content digest");
  preview->add_option("id", a->id, "Request id")->required();
  preview->callback([&ctx, &run, a] { run = [&ctx, a] { return RunPreview(ctx, *a); }; });

  CLI::App* approve = s->add_subcommand("approve", "Approve the bundle as it is now for release");
  approve->add_option("id", a->id, "Request id")->required();
  approve->add_option("--sha256", a->sha256, "The content digest you previewed (refused if it has changed since)")->required();
  approve->add_option("--note", a->note, "How the checks before release were dealt with (required when there are any)");
  approve->callback([&ctx, &run, a] { run = [&ctx, a] { return RunApprove(ctx, *a); }; });

  CLI::App* release = s->add_subcommand("release", "Release the approved bundle: write it and record the disclosure");
  release->add_option("id", a->id, "Request id")->required();
  release->add_option("--channel", a->channel, "How it is sent: secure email, post, in person")->required();
  release->add_option("--out-json", a->out_json, "A new file for the JSON bundle (mode 0600)")->required();
  release->add_option("--out-document", a->out_document, "A new file for the readable document (mode 0600)")->required();
  release->callback([&ctx, &run, a] { run = [&ctx, a] { return RunRelease(ctx, *a); }; });

  CLI::App* bundle = s->add_subcommand("bundle", "The bundle exactly as released, written again");
  bundle->add_option("id", a->id, "Request id")->required();
  bundle->add_option("--out-json", a->out_json, "A new file for the JSON bundle (mode 0600)")->required();
  bundle->add_option("--out-document", a->out_document, "A new file for the readable document (mode 0600)")->required();
  bundle->callback([&ctx, &run, a] { run = [&ctx, a] { return RunBundle(ctx, *a); }; });
}

}  // namespace confide::cli
