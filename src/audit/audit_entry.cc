#include "audit/audit_entry.h"

namespace confide::audit {

Bytes EncodeAuditEntry(uint64_t seq, const AuditEvent& e) {
  Bytes out;
  out.reserve(64 + e.action.size() + e.outcome.size() + e.detail.size());
  out.push_back(kAuditEntryFormatV1);
  AppendU64BE(out, seq);
  AppendU64BE(out, static_cast<uint64_t>(e.time));
  AppendU64BE(out, static_cast<uint64_t>(e.actor));
  AppendLengthPrefixed(out, e.action);
  AppendU64BE(out, static_cast<uint64_t>(e.person_id));
  AppendU64BE(out, static_cast<uint64_t>(e.record_id));
  AppendU32BE(out, static_cast<uint32_t>(e.record_version));
  AppendLengthPrefixed(out, e.outcome);
  AppendLengthPrefixed(out, e.detail);
  return out;
}

Result<uint64_t> CheckAuditEntry(ByteView bytes) {
  ByteReader r(bytes);
  uint8_t format = 0;
  if (!r.ReadU8(format)) return Status::Corruption("audit entry is empty");
  if (format != kAuditEntryFormatV1) return Status::Corruption("audit entry has an unknown format");
  uint64_t seq = 0, skip64 = 0;
  uint32_t skip32 = 0;
  ByteView text;
  if (!r.ReadU64BE(seq) || !r.ReadU64BE(skip64) || !r.ReadU64BE(skip64) || !r.ReadLengthPrefixed(text) ||
      !r.ReadU64BE(skip64) || !r.ReadU64BE(skip64) || !r.ReadU32BE(skip32) || !r.ReadLengthPrefixed(text) ||
      !r.ReadLengthPrefixed(text)) {
    return Status::Corruption("audit entry is truncated");
  }
  if (!r.AtEnd()) return Status::Corruption("audit entry has trailing bytes");
  return seq;
}

Result<AuditEntry> DecodeAuditEntry(ByteView bytes) {
  ByteReader r(bytes);
  uint8_t format = 0;
  if (!r.ReadU8(format)) return Status::Corruption("audit entry is empty");
  if (format != kAuditEntryFormatV1) return Status::Corruption("audit entry has an unknown format");
  AuditEntry out;
  uint64_t time = 0, actor = 0, person = 0, record = 0;
  uint32_t version = 0;
  ByteView action, outcome, detail;
  if (!r.ReadU64BE(out.seq) || !r.ReadU64BE(time) || !r.ReadU64BE(actor) || !r.ReadLengthPrefixed(action) ||
      !r.ReadU64BE(person) || !r.ReadU64BE(record) || !r.ReadU32BE(version) || !r.ReadLengthPrefixed(outcome) ||
      !r.ReadLengthPrefixed(detail)) {
    return Status::Corruption("audit entry is truncated");
  }
  if (!r.AtEnd()) return Status::Corruption("audit entry has trailing bytes");
  out.event.time = static_cast<UnixMicros>(time);
  out.event.actor = static_cast<int64_t>(actor);
  out.event.action = std::string(AsChars(action));
  out.event.person_id = static_cast<int64_t>(person);
  out.event.record_id = static_cast<int64_t>(record);
  out.event.record_version = static_cast<int32_t>(version);
  out.event.outcome = std::string(AsChars(outcome));
  out.event.detail = std::string(AsChars(detail));
  return out;
}

}  // namespace confide::audit
