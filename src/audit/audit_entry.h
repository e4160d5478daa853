// An audit event and its canonical on-disk encoding (docs/formats/audit-entry.md).
//
// Entries hold no personal data in clear: ids, an action name, an outcome and a detail string made
// by Confide's own code (counts, filters, rule names), never by a user. So crypto-shredding a
// person never touches the audit log and never breaks its verification.
//
// Encoding, version 1 (all integers big-endian):
//   u8  format (0x01)
//   u64 seq            leaf index in the Merkle tree (0-based); binds the entry to its position
//   i64 time           microseconds since the Unix epoch, UTC
//   i64 actor          staff id (0 = the system)
//   lp  action         e.g. "record.create", "chronology.read"
//   i64 person_id      the person the data is about (0 = none)
//   i64 record_id      (0 = none)
//   i32 record_version (0 = none)
//   lp  outcome        "ok", "denied", "not_found", "error"
//   lp  detail         non-personal context
// where lp = u32 length followed by that many bytes. Pure, thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/bytes.h"
#include "common/clock.h"
#include "confide/result.h"

namespace confide::audit {

inline constexpr uint8_t kAuditEntryFormatV1 = 0x01;

struct AuditEvent {
  UnixMicros time = 0;
  int64_t actor = 0;
  std::string action;
  int64_t person_id = 0;
  int64_t record_id = 0;
  int32_t record_version = 0;
  std::string outcome = "ok";
  std::string detail;

  bool operator==(const AuditEvent&) const = default;
};

struct AuditEntry {
  uint64_t seq = 0;
  AuditEvent event;
};

Bytes EncodeAuditEntry(uint64_t seq, const AuditEvent& event);

// kCorruption if the bytes are not a well-formed version-1 entry (truncated, trailing bytes,
// unknown format).
Result<AuditEntry> DecodeAuditEntry(ByteView bytes);

// Checks that `bytes` is a well-formed version-1 entry (exactly as DecodeAuditEntry would accept)
// and returns its seq, without copying anything: the verifier calls it for every entry.
Result<uint64_t> CheckAuditEntry(ByteView bytes);

}  // namespace confide::audit
