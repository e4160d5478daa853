// The audit log: signed tree head, entries, inclusion and consistency proofs, verification. For
// the people the policy lets read it (audit.read): auditors and the data protection officer.
#include "api/api_context.h"
#include "audit/merkle.h"
#include "codec/domain_json.h"
#include "common/bytes.h"

namespace confide::api {
namespace {

nlohmann::json HeadJson(const audit::SignedTreeHead& h, ByteView public_key) {
  return {{"tree_size", h.tree_size},
          {"root", HexEncode(h.root)},
          {"signed_at", codec::TimeText(h.timestamp)},
          {"signature", HexEncode(h.signature)},
          {"public_key", HexEncode(public_key)}};
}

nlohmann::json HexList(const std::vector<audit::Hash32>& proof) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : proof) out.push_back(HexEncode(h));
  return out;
}

Result<uint64_t> NonNegative(const std::optional<int64_t>& v, const char* name) {
  if (!v) return Status::InvalidArgument(std::string("query parameter ") + name + " is required");
  if (*v < 0) return Status::InvalidArgument(std::string("query parameter ") + name + " must not be negative");
  return static_cast<uint64_t>(*v);
}

}  // namespace

Status AddAuditRoutes(http::Router& r, ApiContext& ctx) {
  service::Vault& v = ctx.vault;
  using Req = const http::Request&;
  using Params = const http::PathParams&;

  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/audit/head", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_RETURN_IF_ERROR(v.Authorize(c.staff_id, policy::Action::kAuditRead, "audit.head"));
        CONFIDE_ASSIGN_OR_RETURN(audit::SignedTreeHead head, v.LatestAuditHead());
        return http::Json(200, HeadJson(head, v.organisation_public_key()));
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/audit/entries/{seq}", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params p, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {}));
        CONFIDE_ASSIGN_OR_RETURN(int64_t seq, p.Int("seq"));
        CONFIDE_RETURN_IF_ERROR(v.Authorize(c.staff_id, policy::Action::kAuditRead, "audit.entry"));
        CONFIDE_ASSIGN_OR_RETURN(audit::AuditEntry entry, v.GetAuditEntry(static_cast<uint64_t>(seq)));
        const auto& e = entry.event;
        return http::Json(200, {{"seq", entry.seq}, {"time", codec::TimeText(e.time)}, {"actor", e.actor},
                                {"action", e.action}, {"person_id", e.person_id}, {"record_id", e.record_id},
                                {"record_version", e.record_version}, {"outcome", e.outcome}, {"detail", e.detail},
                                {"leaf_hash", HexEncode(audit::HashLeaf(audit::EncodeAuditEntry(entry.seq, e)))}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/audit/proofs/inclusion", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"seq", "tree_size"}));
        CONFIDE_ASSIGN_OR_RETURN(auto seq_q, QueryInt(req, "seq"));
        CONFIDE_ASSIGN_OR_RETURN(uint64_t seq, NonNegative(seq_q, "seq"));
        CONFIDE_ASSIGN_OR_RETURN(auto size_q, QueryInt(req, "tree_size"));
        CONFIDE_RETURN_IF_ERROR(v.Authorize(c.staff_id, policy::Action::kAuditRead, "audit.proof"));
        CONFIDE_ASSIGN_OR_RETURN(audit::SignedTreeHead head, v.LatestAuditHead());
        uint64_t size = head.tree_size;
        if (size_q) {
          CONFIDE_ASSIGN_OR_RETURN(size, NonNegative(size_q, "tree_size"));
        }
        CONFIDE_ASSIGN_OR_RETURN(auto proof, v.AuditInclusionProof(seq, size));
        return http::Json(200, {{"leaf_index", seq}, {"tree_size", size}, {"proof", HexList(proof)},
                                {"head", HeadJson(head, v.organisation_public_key())}});
      })));
  CONFIDE_RETURN_IF_ERROR(r.Add("GET", "/api/audit/proofs/consistency", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        CONFIDE_RETURN_IF_ERROR(OnlyQuery(req, {"from", "to"}));
        CONFIDE_ASSIGN_OR_RETURN(auto from_q, QueryInt(req, "from"));
        CONFIDE_ASSIGN_OR_RETURN(auto to_q, QueryInt(req, "to"));
        CONFIDE_ASSIGN_OR_RETURN(uint64_t from, NonNegative(from_q, "from"));
        CONFIDE_ASSIGN_OR_RETURN(uint64_t to, NonNegative(to_q, "to"));
        CONFIDE_RETURN_IF_ERROR(v.Authorize(c.staff_id, policy::Action::kAuditRead, "audit.proof"));
        CONFIDE_ASSIGN_OR_RETURN(auto proof, v.AuditConsistencyProof(from, to));
        return http::Json(200, {{"size1", from}, {"size2", to}, {"proof", HexList(proof)}});
      })));
  return r.Add("POST", "/api/audit/verify", Authed(ctx, Need::kFullSession,
      [&v](Req req, Params, const Caller& c) -> Result<http::Response> {
        if (!req.body.empty()) return Status::InvalidArgument("this request takes no body");
        CONFIDE_RETURN_IF_ERROR(v.Authorize(c.staff_id, policy::Action::kAuditRead, "audit.verify"));
        CONFIDE_ASSIGN_OR_RETURN(audit::VerifyReport report, v.VerifyAudit());
        return http::Json(200, {{"ok", report.ok()}, {"entries", report.entries}, {"checkpoints", report.checkpoints},
                                {"problems", report.problems},
                                {"head", report.latest_head ? HeadJson(*report.latest_head, v.organisation_public_key())
                                                            : nlohmann::json(nullptr)}});
      }), http::RouteOptions{.json_body = false});
}

}  // namespace confide::api
