// confide audit verify | head | proof | entry
#include <fstream>

#include "audit/merkle.h"
#include "cli/commands.h"

namespace confide::cli {
namespace {

nlohmann::json HeadJson(const audit::SignedTreeHead& h, const crypto::PublicKey& pk) {
  return {{"tree_size", h.tree_size},
          {"root", HexEncode(h.root)},
          {"timestamp", FormatTime(h.timestamp)},
          {"timestamp_micros", h.timestamp},
          {"signature", HexEncode(h.signature)},
          {"public_key", HexEncode(pk)}};
}

// Reads a head saved earlier with `confide audit head --json`.
Result<audit::SignedTreeHead> ReadHeadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read the trusted head file");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("the trusted head file is not JSON from `confide audit head --json`");
  audit::SignedTreeHead h;
  try {
    h.tree_size = j.at("tree_size").get<uint64_t>();
    h.timestamp = j.at("timestamp_micros").get<int64_t>();
    auto root = HexDecode(j.at("root").get<std::string>());
    auto sig = HexDecode(j.at("signature").get<std::string>());
    if (!root.ok() || root->size() != h.root.size() || !sig.ok() || sig->size() != h.signature.size()) {
      return Status::InvalidArgument("the trusted head has a malformed root or signature");
    }
    std::copy(root->begin(), root->end(), h.root.begin());
    std::copy(sig->begin(), sig->end(), h.signature.begin());
  } catch (const nlohmann::json::exception&) {
    return Status::InvalidArgument("the trusted head file is missing tree_size, timestamp_micros, root or signature");
  }
  return h;
}

struct VerifyArgs {
  std::string trusted_head, public_key;
};

int RunVerify(const CliContext& ctx, const VerifyArgs& a) {
  if (ctx.data_dir.empty()) return ctx.Fail(Status::InvalidArgument("no data directory: pass --data DIR or set CONFIDE_DATA"));
  audit::VerifyOptions options;
  if (!a.trusted_head.empty()) {
    auto head = ReadHeadFile(a.trusted_head);
    if (!head.ok()) return ctx.Fail(head.status());
    options.trusted_head = *head;
  }
  ProgressBar bar(*ctx.err, "Verifying audit log");
  options.progress = [&bar](uint64_t done, uint64_t total) { bar.Update(done, total); };
  Result<audit::VerifyReport> report = Status::Internal("unset");
  if (!a.public_key.empty()) {
    auto pk = HexDecode(a.public_key);
    if (!pk.ok()) return ctx.Fail(Status::InvalidArgument("--public-key must be 64 hex digits"));
    report = service::VerifyAuditWithPublicKey(ctx.data_dir, *pk, options);
  } else {
    auto vault = ctx.OpenVault();
    if (!vault.ok()) return ctx.Fail(vault.status());
    report = (*vault)->VerifyAudit(options);
  }
  if (!report.ok()) return ctx.Fail(report.status());
  nlohmann::json j{{"ok", report->ok()},
                   {"entries", report->entries},
                   {"checkpoints", report->checkpoints},
                   {"nodes", report->nodes},
                   {"problems", report->problems}};
  if (report->latest_head) {
    j["latest_head"] = {{"tree_size", report->latest_head->tree_size}, {"root", HexEncode(report->latest_head->root)}};
  }
  ctx.Ok(j, [&](std::ostream& o) {
    if (report->ok()) {
      o << "Audit log verified: " << report->entries << " entries, " << report->checkpoints
        << " signed checkpoints and the latest signed head all match.\n";
    } else {
      o << "AUDIT LOG VERIFICATION FAILED (" << report->problems.size() << " problems):\n";
      for (const auto& p : report->problems) o << "  - " << p << "\n";
    }
  });
  return report->ok() ? kExitOk : kExitIntegrity;
}

int RunHead(const CliContext& ctx) {
  auto vault = ctx.OpenVault();
  if (!vault.ok()) return ctx.Fail(vault.status());
  auto head = (*vault)->LatestAuditHead();
  if (!head.ok()) return ctx.Fail(head.status());
  return ctx.Ok(HeadJson(*head, (*vault)->organisation_public_key()), [&](std::ostream& o) {
    o << "Signed tree head\n"
      << "  entries:    " << head->tree_size << "\n"
      << "  root:       " << HexEncode(head->root) << "\n"
      << "  signed at:  " << FormatTime(head->timestamp) << "\n"
      << "  signature:  " << HexEncode(head->signature) << "\n"
      << "  public key: " << HexEncode((*vault)->organisation_public_key()) << "\n"
      << "Keep a copy (confide audit head --json > head.json) to check later with audit verify --trusted-head.\n";
  });
}

struct ProofArgs {
  int64_t seq = -1;
  uint64_t size = 0, from = 0, to = 0;
};

int RunProof(const CliContext& ctx, const ProofArgs& a) {
  auto vault = ctx.OpenVault();
  if (!vault.ok()) return ctx.Fail(vault.status());
  auto head = (*vault)->LatestAuditHead();
  if (!head.ok()) return ctx.Fail(head.status());
  auto hex_list = [](const std::vector<audit::Hash32>& proof) {
    std::vector<std::string> out;
    for (const auto& h : proof) out.push_back(HexEncode(h));
    return out;
  };
  auto as_bytes = [](const std::vector<audit::Hash32>& proof) {
    std::vector<Bytes> out;
    for (const auto& h : proof) out.emplace_back(h.begin(), h.end());
    return out;
  };
  if (a.seq >= 0) {
    const uint64_t size = a.size != 0 ? a.size : head->tree_size;
    auto proof = (*vault)->AuditInclusionProof(static_cast<uint64_t>(a.seq), size);
    if (!proof.ok()) return ctx.Fail(proof.status());
    auto entry = (*vault)->GetAuditEntry(static_cast<uint64_t>(a.seq));
    if (!entry.ok()) return ctx.Fail(entry.status());
    const audit::Hash32 leaf = audit::HashLeaf(audit::EncodeAuditEntry(entry->seq, entry->event));
    // Check the proof against the signed head before handing it out.
    const bool at_head = size == head->tree_size;
    Status checked = at_head ? audit::VerifyInclusion(a.seq, size, leaf, as_bytes(*proof), head->root) : Status::Ok();
    if (!checked.ok()) return ctx.Fail(checked);
    nlohmann::json j{{"leaf_index", a.seq}, {"tree_size", size}, {"leaf_hash", HexEncode(leaf)}, {"proof", hex_list(*proof)}};
    if (at_head) j["root"] = HexEncode(head->root);
    return ctx.Ok(j, [&](std::ostream& o) {
      o << "Inclusion proof for entry " << a.seq << " in a tree of " << size << " entries\n  leaf hash: " << HexEncode(leaf) << "\n";
      for (const auto& h : hex_list(*proof)) o << "  " << h << "\n";
      if (at_head) o << "Verified against the latest signed head (root " << HexEncode(head->root) << ").\n";
    });
  }
  if (a.to == 0) return ctx.Fail(Status::InvalidArgument("give --seq N for an inclusion proof or --from A --to B for a consistency proof"));
  auto proof = (*vault)->AuditConsistencyProof(a.from, a.to);
  if (!proof.ok()) return ctx.Fail(proof.status());
  nlohmann::json j{{"size1", a.from}, {"size2", a.to}, {"proof", hex_list(*proof)}};
  return ctx.Ok(j, [&](std::ostream& o) {
    o << "Consistency proof from " << a.from << " to " << a.to << " entries\n";
    for (const auto& h : hex_list(*proof)) o << "  " << h << "\n";
  });
}

int RunEntry(const CliContext& ctx, uint64_t seq) {
  auto vault = ctx.OpenVault();
  if (!vault.ok()) return ctx.Fail(vault.status());
  auto entry = (*vault)->GetAuditEntry(seq);
  if (!entry.ok()) return ctx.Fail(entry.status());
  const auto& e = entry->event;
  nlohmann::json j{{"seq", entry->seq}, {"time", FormatTime(e.time)}, {"actor", e.actor}, {"action", e.action},
                   {"person_id", e.person_id}, {"record_id", e.record_id}, {"record_version", e.record_version},
                   {"outcome", e.outcome}, {"detail", e.detail}};
  return ctx.Ok(j, [&](std::ostream& o) { o << j.dump(2) << "\n"; });
}

}  // namespace

void AddAuditCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* audit_cmd = app.add_subcommand("audit", "The tamper-evident audit log")->require_subcommand(1);

  auto va = std::make_shared<VerifyArgs>();
  CLI::App* verify = audit_cmd->add_subcommand("verify", "Recompute the audit tree and check every signed head");
  verify->add_option("--trusted-head", va->trusted_head, "A head saved earlier (audit head --json): check the log still extends it");
  verify->add_option("--public-key", va->public_key, "Verify with this organisation public key (hex) instead of the key file");
  verify->callback([&ctx, &run, va] { run = [&ctx, va] { return RunVerify(ctx, *va); }; });

  CLI::App* head = audit_cmd->add_subcommand("head", "Print the latest signed tree head");
  head->callback([&ctx, &run] { run = [&ctx] { return RunHead(ctx); }; });

  auto pa = std::make_shared<ProofArgs>();
  CLI::App* proof = audit_cmd->add_subcommand("proof", "Inclusion proof (--seq) or consistency proof (--from/--to)");
  proof->add_option("--seq", pa->seq, "Entry number (0-based) to prove is in the log");
  proof->add_option("--size", pa->size, "Tree size to prove against (default: the latest head)");
  proof->add_option("--from", pa->from, "Earlier tree size");
  proof->add_option("--to", pa->to, "Later tree size");
  proof->callback([&ctx, &run, pa] { run = [&ctx, pa] { return RunProof(ctx, *pa); }; });

  auto seq = std::make_shared<uint64_t>(0);
  CLI::App* entry = audit_cmd->add_subcommand("entry", "Show one audit entry (ids only; no personal data)");
  entry->add_option("seq", *seq, "Entry number")->required();
  entry->callback([&ctx, &run, seq] { run = [&ctx, seq] { return RunEntry(ctx, *seq); }; });
}

}  // namespace confide::cli
