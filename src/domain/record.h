// Records about a child: chronology entries, case notes, safeguarding concerns and attachments.
//
// Every record is dated (when it happened), timed (when it was recorded), attributed (author),
// signed, and never silently overwritten: an amendment is a new version that keeps the old one,
// with who amended it, when and why. The content is personal data and is encrypted at rest; the
// kind, sensitivity tier and timestamps stay in clear so the chronology can be ordered and
// filtered, and access decided, without decrypting anything.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/clock.h"
#include "confide/status.h"
#include "domain/ids.h"

namespace confide::domain {

enum class RecordKind { kChronologyEntry, kCaseNote, kSafeguardingConcern, kAttachment };
std::string_view ToString(RecordKind k);
std::optional<RecordKind> ParseRecordKind(std::string_view s);

// Sensitivity tiers: general information staff involved with the child may see; sensitive
// information restricted to allocated staff, managers and designated persons; restricted
// information for designated persons only (early-years procedure 07.2: "more sensitive information
// is restricted to designated persons and key persons").
enum class SensitivityTier { kGeneral, kSensitive, kRestricted };
std::string_view ToString(SensitivityTier t);
std::optional<SensitivityTier> ParseSensitivityTier(std::string_view s);

// Where the information came from. An informant who asked to stay anonymous must never be
// identified in a disclosure or subject access bundle (FOI: information provided in confidence).
enum class SourceKind {
  kStaffObservation,
  kChild,
  kParentOrCarer,
  kOtherAgency,
  kThirdParty,
  kAnonymousThirdParty,
};
std::string_view ToString(SourceKind s);
std::optional<SourceKind> ParseSourceKind(std::string_view s);

struct RecordSource {
  SourceKind kind = SourceKind::kStaffObservation;
  std::string name;          // who: encrypted; empty for staff observation (the author)
  std::string relationship;  // e.g. "neighbour", "school nurse, Hillside Primary"
  bool operator==(const RecordSource&) const = default;
};

// Recording standards ask that facts are kept apart from professional opinion.
enum class StatementBasis { kFact, kProfessionalOpinion };
std::string_view ToString(StatementBasis b);
std::optional<StatementBasis> ParseStatementBasis(std::string_view s);

struct Statement {
  std::string text;
  StatementBasis basis = StatementBasis::kFact;
  bool operator==(const Statement&) const = default;
};

// A safeguarding concern as the incident reporting form asks for it.
struct SafeguardingConcern {
  std::vector<Statement> what_happened;
  std::string where;
  std::string who_was_present;
  std::string childs_words;  // verbatim, exactly as the child said them
  std::vector<Statement> injuries_observed;
  std::vector<Statement> action_taken;
  bool operator==(const SafeguardingConcern&) const = default;
};

struct Attachment {
  std::string file_name;
  std::string media_type;  // e.g. "application/pdf", "image/jpeg"
  Bytes content;
  bool operator==(const Attachment&) const = default;
};

// The encrypted part of a record version.
struct RecordContent {
  std::string summary;  // one line, shown in the chronology
  std::string text;     // the body of a case note or chronology entry
  std::optional<SafeguardingConcern> concern;
  std::optional<Attachment> attachment;
  RecordSource source;
  bool operator==(const RecordContent&) const = default;
};

struct RecordVersion {
  RecordId record_id = 0;
  VersionNumber version = 0;
  PersonId person_id = 0;  // the child the record is about
  RecordKind kind = RecordKind::kCaseNote;
  SensitivityTier tier = SensitivityTier::kGeneral;
  UnixMicros occurred_at = 0;  // when it happened
  UnixMicros recorded_at = 0;  // when it was written down (set by the system clock)
  StaffId author_id = 0;       // who recorded this version
  std::string amendment_reason;  // empty for version 1; required after (encrypted)
  RecordContent content;
};

// The largest attachment accepted, so one upload cannot exhaust memory or the database.
inline constexpr size_t kMaxAttachmentBytes = 20 * 1024 * 1024;

// Checks a version is complete for its kind: a summary; a concern has what happened (each
// statement marked), an attachment has a file; an amendment (version > 1) has a reason;
// occurred_at is not after recorded_at (plus a small allowance for clock skew). Messages never echo
// content.
Status ValidateRecordVersion(const RecordVersion& v);

}  // namespace confide::domain
