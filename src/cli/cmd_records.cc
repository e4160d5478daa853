// confide record add|amend|show | chronology
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/json_input.h"
#include "codec/domain_json.h"
#include "codec/request_bodies.h"
#include "domain/text.h"
#include "service/record_export.h"

namespace confide::cli {
namespace {

// Content options shared by add and amend. Unset options keep the current content on amend.
struct ContentArgs {
  std::string summary, text, where, who_present, childs_words, file, media_type = "application/octet-stream";
  std::string source_kind, source_name, source_relationship;
  std::vector<std::string> what_happened, injuries, actions;
};

struct AddArgs {
  int64_t person = 0;
  std::string kind = "case_note", tier = "general", occurred;
  ContentArgs content;
  std::string input;  // --input: the API's body instead of the options above
};

struct AmendArgs {
  int64_t id = 0;
  int expected = 0;
  std::string reason, tier, occurred;
  ContentArgs content;
  std::string input;
};

struct ChronologyArgs {
  int64_t person = 0;
  std::vector<std::string> kinds, tiers;
  std::string from, to;
  size_t limit = 0;
};

void AddContentOptions(CLI::App* cmd, ContentArgs& c) {
  cmd->add_option("--summary", c.summary, "One-line summary shown in the chronology");
  cmd->add_option("--text", c.text, "Body of a case note or chronology entry");
  cmd->add_option("--what-happened", c.what_happened, "A statement, marked: 'fact: ...' or 'opinion: ...' (repeat)");
  cmd->add_option("--where", c.where, "Where it happened");
  cmd->add_option("--who-present", c.who_present, "Who was present");
  cmd->add_option("--childs-words", c.childs_words, "The child's own words, verbatim");
  cmd->add_option("--injury", c.injuries, "Injury observed, marked 'fact: ...' or 'opinion: ...' (repeat)");
  cmd->add_option("--action", c.actions, "Action taken, marked 'fact: ...' or 'opinion: ...' (repeat)");
  cmd->add_option("--file", c.file, "A file to attach (attachment records)");
  cmd->add_option("--media-type", c.media_type, "Media type of the file, e.g. application/pdf");
  cmd->add_option("--source-kind", c.source_kind,
                  "staff_observation, child, parent_or_carer, other_agency, third_party, anonymous_third_party");
  cmd->add_option("--source-name", c.source_name, "Who the information came from");
  cmd->add_option("--source-relationship", c.source_relationship, "Their role or relationship, e.g. 'school nurse'");
}

// Recording standards: every statement in a concern says whether it is fact or opinion.
Result<std::vector<domain::Statement>> ParseStatements(const std::vector<std::string>& items, const char* option) {
  std::vector<domain::Statement> out;
  for (const std::string& item : items) {
    const size_t colon = item.find(':');
    std::string basis = colon == std::string::npos ? "" : item.substr(0, colon);
    auto parsed = domain::ParseStatementBasis(basis);
    if (!parsed) {
      return Status::InvalidArgument(std::string(option) + ": start each statement with 'fact:' or 'opinion:'");
    }
    std::string text = item.substr(colon + 1);
    text.erase(0, text.find_first_not_of(' '));
    out.push_back({text, *parsed});
  }
  return out;
}

bool HasConcernOptions(const ContentArgs& c) {
  return !c.what_happened.empty() || !c.where.empty() || !c.who_present.empty() || !c.childs_words.empty() ||
         !c.injuries.empty() || !c.actions.empty();
}

// Applies the options over `content` (empty for a new record).
Status ApplyContent(const ContentArgs& a, domain::RecordContent& content) {
  if (!a.summary.empty()) content.summary = a.summary;
  if (!a.text.empty()) content.text = a.text;
  if (HasConcernOptions(a)) {
    domain::SafeguardingConcern k = content.concern.value_or(domain::SafeguardingConcern{});
    if (!a.what_happened.empty()) {
      CONFIDE_ASSIGN_OR_RETURN(k.what_happened, ParseStatements(a.what_happened, "--what-happened"));
    }
    if (!a.injuries.empty()) {
      CONFIDE_ASSIGN_OR_RETURN(k.injuries_observed, ParseStatements(a.injuries, "--injury"));
    }
    if (!a.actions.empty()) {
      CONFIDE_ASSIGN_OR_RETURN(k.action_taken, ParseStatements(a.actions, "--action"));
    }
    if (!a.where.empty()) k.where = a.where;
    if (!a.who_present.empty()) k.who_was_present = a.who_present;
    if (!a.childs_words.empty()) k.childs_words = a.childs_words;
    content.concern = std::move(k);
  }
  if (!a.file.empty()) {
    std::ifstream in(a.file, std::ios::binary);
    if (!in) return Status::NotFound("cannot read the file given with --file");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0 || static_cast<size_t>(size) > domain::kMaxAttachmentBytes) {
      return Status::InvalidArgument("the attached file is larger than 20 MiB");
    }
    in.seekg(0);
    domain::Attachment att;
    att.content.resize(static_cast<size_t>(size));
    in.read(reinterpret_cast<char*>(att.content.data()), size);
    const size_t slash = a.file.find_last_of('/');
    att.file_name = slash == std::string::npos ? a.file : a.file.substr(slash + 1);
    att.media_type = a.media_type;
    content.attachment = std::move(att);
  }
  if (!a.source_kind.empty()) {
    auto k = domain::ParseSourceKind(a.source_kind);
    if (!k) return Status::InvalidArgument("unknown --source-kind; see --help");
    content.source.kind = *k;
  }
  if (!a.source_name.empty()) content.source.name = a.source_name;
  if (!a.source_relationship.empty()) content.source.relationship = a.source_relationship;
  return Status::Ok();
}

void PrintStatements(std::ostream& o, const char* title, const std::vector<domain::Statement>& s) {
  if (s.empty()) return;
  o << "  " << title << ":\n";
  for (const auto& st : s) o << "    [" << (st.basis == domain::StatementBasis::kFact ? "fact" : "opinion") << "] " << st.text << "\n";
}

void PrintVersion(std::ostream& o, const domain::RecordVersion& v) {
  o << "Record " << v.record_id << " version " << v.version << "  (" << domain::ToString(v.kind) << ", "
    << domain::ToString(v.tier) << ")\n"
    << "  About person: " << v.person_id << "\n"
    << "  Happened:     " << FormatTime(v.occurred_at) << "\n"
    << "  Recorded:     " << FormatTime(v.recorded_at) << " by staff " << v.author_id << "\n";
  if (!v.amendment_reason.empty()) o << "  Amended because: " << v.amendment_reason << "\n";
  o << "  Summary:      " << v.content.summary << "\n";
  if (!v.content.text.empty()) o << "  " << v.content.text << "\n";
  if (v.content.concern) {
    const auto& k = *v.content.concern;
    PrintStatements(o, "What happened", k.what_happened);
    if (!k.where.empty()) o << "  Where: " << k.where << "\n";
    if (!k.who_was_present.empty()) o << "  Who was present: " << k.who_was_present << "\n";
    if (!k.childs_words.empty()) o << "  The child's words: \"" << k.childs_words << "\"\n";
    PrintStatements(o, "Injuries observed", k.injuries_observed);
    PrintStatements(o, "Action taken", k.action_taken);
  }
  if (v.content.attachment) {
    o << "  Attachment: " << v.content.attachment->file_name << " (" << v.content.attachment->media_type << ", "
      << v.content.attachment->content.size() << " bytes)\n";
  }
  o << "  Source kind:  " << domain::ToString(v.content.source.kind) << "\n";
  if (!v.content.source.name.empty() || !v.content.source.relationship.empty()) {
    o << "  Source: " << v.content.source.name << (v.content.source.relationship.empty() ? "" : " (" + v.content.source.relationship + ")") << "\n";
  }
}

// The draft from --input (the body of POST /api/people/{id}/records) or from the options.
Result<service::RecordDraft> DraftFrom(const AddArgs& a, const CLI::App& cmd) {
  if (!a.input.empty()) {
    CONFIDE_RETURN_IF_ERROR(CheckInputAlone(cmd, {"--person"}));
    CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, ReadJsonInput(a.input));
    return codec::RecordDraftFromJson(body, a.person);
  }
  service::RecordDraft draft;
  draft.person_id = a.person;
  auto kind = domain::ParseRecordKind(a.kind);
  auto tier = domain::ParseSensitivityTier(a.tier);
  if (!kind) return Status::InvalidArgument("--kind must be chronology_entry, case_note, safeguarding_concern or attachment");
  if (!tier) return Status::InvalidArgument("--tier must be general, sensitive or restricted");
  draft.kind = *kind;
  draft.tier = *tier;
  CONFIDE_ASSIGN_OR_RETURN(draft.occurred_at, ParseTimeArg(a.occurred, "--occurred"));
  CONFIDE_RETURN_IF_ERROR(ApplyContent(a.content, draft.content));
  return draft;
}

int RunAdd(const CliContext& ctx, const AddArgs& a, const CLI::App& cmd) {
  auto draft = DraftFrom(a, cmd);
  if (!draft.ok()) return ctx.Fail(draft.status());
  CONFIDE_CLI_OPEN(ctx, vault);
  auto id = vault.AddRecord(ctx.actor, *draft);
  if (!id.ok()) return ctx.Fail(id.status());
  return ctx.Ok({{"id", *id}, {"version", 1}}, [&](std::ostream& o) { o << "Added record " << *id << "\n"; });
}

// The amendment from --input (the body of POST /api/records/{id}/amendments: the whole new content)
// or from the options (laid over the current content).
Result<service::RecordAmendment> AmendmentFrom(const AmendArgs& a, const CLI::App& cmd) {
  if (!a.input.empty()) {
    CONFIDE_RETURN_IF_ERROR(CheckInputAlone(cmd, {"id"}));
    CONFIDE_ASSIGN_OR_RETURN(nlohmann::json body, ReadJsonInput(a.input));
    return codec::RecordAmendmentFromJson(body, a.id);
  }
  if (domain::IsBlank(a.reason)) return Status::InvalidArgument("an amendment needs a reason (--reason)");
  // Check every option before reading the record: the read is audited, and bad input must leave
  // no trace at all.
  domain::RecordContent scratch;
  CONFIDE_RETURN_IF_ERROR(ApplyContent(a.content, scratch));
  service::RecordAmendment am;
  am.record_id = a.id;
  am.expected_current = a.expected;
  am.reason = a.reason;
  if (!a.tier.empty()) {
    auto tier = domain::ParseSensitivityTier(a.tier);
    if (!tier) return Status::InvalidArgument("--tier must be general, sensitive or restricted");
    am.tier = *tier;
  }
  if (!a.occurred.empty()) {
    CONFIDE_ASSIGN_OR_RETURN(UnixMicros t, ParseTimeArg(a.occurred, "--occurred"));
    am.occurred_at = t;
  }
  // Unset options keep the current content: the options are applied to it inside the amending
  // transaction, so nothing is read (or audited) unless the amendment is made.
  am.edit = [content = a.content](domain::RecordContent& current) { return ApplyContent(content, current); };
  return am;
}

int RunAmend(const CliContext& ctx, const AmendArgs& a, const CLI::App& cmd) {
  auto am = AmendmentFrom(a, cmd);
  if (!am.ok()) return ctx.Fail(am.status());
  CONFIDE_CLI_OPEN(ctx, vault);
  auto version = vault.AmendRecord(ctx.actor, *am);
  if (!version.ok()) return ctx.Fail(version.status());
  return ctx.Ok({{"id", a.id}, {"version", *version}},
                [&](std::ostream& o) { o << "Amended record " << a.id << ": now version " << *version << "\n"; });
}

int RunShow(const CliContext& ctx, int64_t id, int version, bool history) {
  if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
  auto vault = ctx.OpenVault();
  if (!vault.ok()) return ctx.Fail(vault.status());
  if (history) {
    auto versions = (*vault)->GetRecordHistory(ctx.actor, id);
    if (!versions.ok()) return ctx.Fail(versions.status());
    nlohmann::json j = nlohmann::json::array();
    for (const auto& v : *versions) j.push_back(codec::RecordVersionToJson(v));
    return ctx.Ok(j, [&](std::ostream& o) {
      for (size_t i = 0; i < versions->size(); ++i) {
        if (i > 0) o << "\n";
        PrintVersion(o, (*versions)[i]);
      }
    });
  }
  auto view = (*vault)->GetRecord(ctx.actor, id, version > 0 ? std::optional<domain::VersionNumber>(version) : std::nullopt);
  if (!view.ok()) return ctx.Fail(view.status());
  nlohmann::json j = codec::RecordVersionToJson(view->version);
  j["current_version"] = view->current_version;
  j["signature"] = "verified";
  return ctx.Ok(j, [&](std::ostream& o) {
    PrintVersion(o, view->version);
    o << "  Signature:    verified (organisation key)\n";
    if (view->current_version > view->version.version) o << "  (superseded: current version is " << view->current_version << ")\n";
    else if (view->current_version > 1) o << "  (amended: see --history for all " << view->current_version << " versions)\n";
  });
}

int RunChronology(const CliContext& ctx, const ChronologyArgs& a) {
  if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
  service::ChronologyQuery q;
  for (const auto& k : a.kinds) {
    auto kind = domain::ParseRecordKind(k);
    if (!kind) return ctx.Fail(Status::InvalidArgument("unknown --kind; see --help for the record kinds"));
    q.kinds.push_back(*kind);
  }
  for (const auto& t : a.tiers) {
    auto tier = domain::ParseSensitivityTier(t);
    if (!tier) return ctx.Fail(Status::InvalidArgument("unknown --tier; see --help for the tiers"));
    q.tiers.push_back(*tier);
  }
  if (!a.from.empty()) {
    auto t = ParseTimeArg(a.from, "--from");
    if (!t.ok()) return ctx.Fail(t.status());
    q.from = *t;
  }
  if (!a.to.empty()) {
    auto t = ParseTimeArg(a.to, "--to");
    if (!t.ok()) return ctx.Fail(t.status());
    q.to = *t;
  }
  q.limit = a.limit;
  auto vault = ctx.OpenVault();
  if (!vault.ok()) return ctx.Fail(vault.status());
  auto items = (*vault)->Chronology(ctx.actor, a.person, q);
  if (!items.ok()) return ctx.Fail(items.status());
  nlohmann::json j = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  for (const auto& it : *items) {
    j.push_back({{"record_id", it.record_id}, {"version", it.version}, {"kind", domain::ToString(it.kind)},
                 {"tier", domain::ToString(it.tier)}, {"occurred_at", FormatTime(it.occurred_at)},
                 {"recorded_at", FormatTime(it.recorded_at)}, {"author_id", it.author_id}, {"summary", it.summary}});
    rows.push_back({FormatTime(it.occurred_at), std::to_string(it.record_id), std::string(domain::ToString(it.kind)),
                    std::string(domain::ToString(it.tier)), it.version > 1 ? "v" + std::to_string(it.version) : "",
                    std::to_string(it.author_id), it.summary});
  }
  return ctx.Ok(j, [&](std::ostream& o) { PrintTable(o, {"WHEN", "RECORD", "KIND", "TIER", "AMENDED", "BY", "SUMMARY"}, rows); });
}

}  // namespace

void AddRecordCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* record = app.add_subcommand("record", "Records about a child")->require_subcommand(1);

  auto aa = std::make_shared<AddArgs>();
  CLI::App* add = record->add_subcommand("add", "Add a record about a child");
  add->add_option("--person", aa->person, "The child's person id")->required();
  add->add_option("--kind", aa->kind, "chronology_entry, case_note, safeguarding_concern, attachment");
  add->add_option("--tier", aa->tier, "general, sensitive, restricted");
  add->add_option("--occurred", aa->occurred, "When it happened (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]); required without --input");
  AddContentOptions(add, aa->content);
  AddJsonInputOption(add, aa->input, "POST /api/people/{id}/records");
  add->callback([&ctx, &run, aa, add] {
    RequireUnlessInput(*add, aa->input, {"--occurred"});
    run = [&ctx, aa, add] { return RunAdd(ctx, *aa, *add); };
  });

  auto am = std::make_shared<AmendArgs>();
  CLI::App* amend = record->add_subcommand("amend", "Amend a record: a new version that keeps the old one");
  amend->add_option("id", am->id, "Record id")->required();
  amend->add_option("--reason", am->reason, "Why the record is being amended (required without --input)");
  amend->add_option("--expected-version", am->expected, "Fail if the record is no longer at this version");
  amend->add_option("--tier", am->tier, "New tier");
  amend->add_option("--occurred", am->occurred, "Corrected date and time it happened");
  AddContentOptions(amend, am->content);
  AddJsonInputOption(amend, am->input, "POST /api/records/{id}/amendments");
  amend->callback([&ctx, &run, am, amend] {
    RequireUnlessInput(*amend, am->input, {"--reason"});
    run = [&ctx, am, amend] { return RunAmend(ctx, *am, *amend); };
  });

  auto show_id = std::make_shared<int64_t>(0);
  auto show_version = std::make_shared<int>(0);
  auto show_history = std::make_shared<bool>(false);
  CLI::App* show = record->add_subcommand("show", "Show a record (signature checked)");
  show->add_option("id", *show_id, "Record id")->required();
  show->add_option("--version", *show_version, "A specific version (default: current)");
  show->add_flag("--history", *show_history, "Show every version");
  show->callback([&ctx, &run, show_id, show_version, show_history] {
    run = [&ctx, show_id, show_version, show_history] { return RunShow(ctx, *show_id, *show_version, *show_history); };
  });

  auto export_id = std::make_shared<int64_t>(0);
  auto export_version = std::make_shared<int>(0);
  CLI::App* exp = record->add_subcommand("export", "Print a signed copy of a record version (JSON) for use outside Confide");
  exp->add_option("id", *export_id, "Record id")->required();
  exp->add_option("--version", *export_version, "A specific version (default: current)");
  exp->callback([&ctx, &run, export_id, export_version] {
    run = [&ctx, export_id, export_version]() -> int {
      if (Status s = ctx.RequireActor(); !s.ok()) return ctx.Fail(s);
      auto vault = ctx.OpenVault();
      if (!vault.ok()) return ctx.Fail(vault.status());
      auto j = (*vault)->ExportRecord(ctx.actor, *export_id,
                                      *export_version > 0 ? std::optional<domain::VersionNumber>(*export_version) : std::nullopt);
      if (!j.ok()) return ctx.Fail(j.status());
      *ctx.out << j->dump(2) << "\n";
      return kExitOk;
    };
  });

  auto verify_file = std::make_shared<std::string>();
  auto verify_key = std::make_shared<std::string>();
  CLI::App* verify = app.add_subcommand("verify-export", "Check a record export's signature (no data directory needed)");
  verify->add_option("file", *verify_file, "The export file")->required();
  verify->add_option("--public-key", *verify_key, "The organisation's public key (hex), to prove origin");
  verify->callback([&ctx, &run, verify_file, verify_key] {
    run = [&ctx, verify_file, verify_key]() -> int {
      std::ifstream in(*verify_file, std::ios::binary);
      if (!in) return ctx.Fail(Status::NotFound("cannot read the export file"));
      std::stringstream ss;
      ss << in.rdbuf();
      Bytes key;
      if (!verify_key->empty()) {
        auto decoded = HexDecode(*verify_key);
        if (!decoded.ok() || decoded->size() != crypto::kPublicKeyBytes) {
          return ctx.Fail(Status::InvalidArgument("--public-key must be 64 hex digits"));
        }
        key = std::move(decoded).value();
      }
      auto verified = service::VerifyRecordExport(ss.str(), key);
      if (!verified.ok()) return ctx.Fail(verified.status());
      const auto& h = verified->header;
      return ctx.Ok({{"valid", true}, {"record_id", h.id}, {"version", h.version}, {"public_key", verified->public_key_hex},
                     {"origin_checked", !key.empty()}},
                    [&](std::ostream& o) {
                      o << "Signature valid: record " << h.id << " version " << h.version << ", recorded by staff "
                        << h.author_id << " at " << FormatTime(h.recorded_at) << ".\n";
                      if (key.empty()) {
                        o << "Checked against the key inside the export only: pass --public-key with the organisation's\n"
                             "published key to prove the export came from it.\n";
                      } else {
                        o << "Signed by the organisation key " << verified->public_key_hex << ".\n";
                      }
                    });
    };
  });

  auto ca = std::make_shared<ChronologyArgs>();
  CLI::App* chron = app.add_subcommand("chronology", "A child's records in time order");
  chron->add_option("person", ca->person, "The child's person id")->required();
  chron->add_option("--kind", ca->kinds, "Only these kinds (repeat)");
  chron->add_option("--tier", ca->tiers, "Only these tiers (repeat)");
  chron->add_option("--from", ca->from, "Only records that happened at or after this time");
  chron->add_option("--to", ca->to, "Only records that happened before this time");
  chron->add_option("--limit", ca->limit, "At most this many records");
  chron->callback([&ctx, &run, ca] { run = [&ctx, ca] { return RunChronology(ctx, *ca); }; });
}

}  // namespace confide::cli
