// A subject access bundle: what an organisation holds about the person a subject access request
// is about, with the redactions the data protection officer made, as JSON and as a readable
// document.
//
// The service gathers every version of the person's details, their relationships, every version
// of every record about them, their consent records and their sharing register as items; this
// file applies redactions and renders the result. Both renderings are made from the one redacted
// list of items, so a redaction holds in both or in neither.
//
// A redaction names what it covers:
//   ref    "*" (every item), an item ("record/40/v2"), or an item and all its versions ("record/40")
//   field  one field of those items ("text"), or empty: every field
//   text   words to black out wherever they occur in those fields (ASCII letters matched without
//          regard to case, any run of spaces or line breaks matching any other), or empty: the
//          whole field; with no field and no text, the whole item is withheld (left out)
// and why: the ground (someone else's information; an informant who asked to stay anonymous;
// what the child told us expecting the person asking would not be told; information likely to
// cause serious harm; another exemption) and the reason in words, which stay in the register: the
// bundle says only "[redacted]", since even the ground can tell the requester what was removed.
// Every redaction's words are found in the original text, and overlapping matches are merged
// before anything is replaced: one redaction never hides another's words from it.
//
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "confide/result.h"

namespace confide::governance {

enum class RedactionGround { kThirdParty, kAnonymousInformant, kChildsExpectation, kSeriousHarm, kOtherExemption };
std::string_view ToString(RedactionGround g);
std::optional<RedactionGround> ParseRedactionGround(std::string_view s);
// The ground in words, with the exemption it comes from (for the register, never the bundle).
std::string_view GroundWords(RedactionGround g);

// One thing held about the subject.
struct BundleItem {
  std::string ref;      // "person/12/v1", "relationship/5", "record/40/v2", "consent/3", "sharing/7"
  std::string section;  // "details", "relationships", "records", "consents", "sharing"
  std::string title;    // "Case note, 3 March 2026 (version 2 of 2)"
  std::vector<std::pair<std::string, std::string>> fields;  // name -> text, in order
};

struct Redaction {
  int64_t id = 0;
  std::string ref;
  std::string field;
  std::string text;
  RedactionGround ground = RedactionGround::kThirdParty;
  std::string reason;
};

inline constexpr std::string_view kRedactedMarker = "[redacted]";

// Whether `ref` covers the item `item_ref`: equal, "*", or a prefix ending at a "/" (a ref names at
// least a kind and an id: "record/40", never "record").
bool RefCovers(std::string_view ref, std::string_view item_ref);

// kInvalidArgument, saying what is wrong, unless `r` covers something in `items`: its ref names an
// item, its field is a field of one of those items, its text occurs in one of those fields. A
// redaction of "*" needs text; a ref is "*" or names a kind and an id; a reason is required. Catches a typing slip that would otherwise
// leave the words in the bundle.
Status CheckRedaction(const std::vector<BundleItem>& items, const Redaction& r);

struct RedactedBundle {
  std::vector<BundleItem> items;  // withheld items removed, redacted text replaced
  size_t items_withheld = 0;
  size_t fields_redacted = 0;     // fields changed by at least one redaction
};
RedactedBundle ApplyRedactions(const std::vector<BundleItem>& items, const std::vector<Redaction>& redactions);
// The subject's name for the bundle's header, with the text redactions that cover them (those on
// "*" and on "person/<id>") applied: a name the DPO blacked out everywhere is not left in the header.
std::string RedactedSubjectName(const std::string& name, int64_t person_id, const std::vector<Redaction>& redactions);

// What the bundle says about itself.
struct BundleHeader {
  std::string bundle_id;  // "SAR-<request>-<yyyymmdd>-<hex>"
  int64_t request_id = 0;
  std::string organisation;
  int64_t person_id = 0;
  std::string subject_name;  // the subject's own name, from their current details
  std::string prepared_on;   // ISO date
  std::string content_sha256;  // of CanonicalContent(redacted items), hex
};

// The redacted items' and the header's subject name's canonical JSON: its SHA-256 (taken by the
// service) is what an approval is bound to, unchanged by the bundle id or the day it is prepared.
// Text that is not valid UTF-8 (an attachment in another encoding) is carried with U+FFFD.
std::string CanonicalContent(const std::vector<BundleItem>& redacted, std::string_view subject_name);
// The bundle as JSON (docs/formats/subject-access-bundle.md), pretty-printed.
std::string BundleJson(const BundleHeader& header, const RedactedBundle& bundle);
// The same as a plain-text document: a covering note with the requester's rights (Article 15's
// supplementary information), then each section in order.
std::string BundleDocument(const BundleHeader& header, const RedactedBundle& bundle);

}  // namespace confide::governance
