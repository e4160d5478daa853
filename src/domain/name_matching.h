// Name keys for blind-index search of people by name.
//
// The blind index stores a keyed hash of a name, so the server can only match keys exactly; any
// tolerance for spelling must come from computing the same key for the spellings a practitioner
// would treat as the same name. These functions compute those keys. They are not for display.
//
// Changing any rule or table here changes the keys of names already indexed: bump
// kNameKeyVersion and re-index, or old entries stop matching.
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace confide::domain {

// Identifies the rules below; store it with (or mix it into) each name index entry.
inline constexpr int kNameKeyVersion = 1;

// The spelling-insensitive form of a name in UTF-8:
//   - ASCII letters are lower-cased; Latin-1 and Latin Extended-A letters (and Romanian s/t with
//     comma below) lose their accents ("é" -> "e", "ł" -> "l", "ß" -> "ss", "æ" -> "ae"), as do
//     letters written with separate combining accents; basic Greek and Cyrillic capitals are
//     lower-cased; other letters (Arabic, Chinese, ...) are kept as they are;
//   - spaces, apostrophes, hyphens, full stops and all other punctuation and symbols are dropped,
//     including typographic ones (’ – and no-break space), so "O'Brien" and "O’Brien" both give
//     "obrien", and "Smith-Jones", "Smith Jones" and "SMITHJONES" all give "smithjones";
//   - bytes that are not valid UTF-8 each become U+FFFD, so the result is always valid UTF-8.
// "Mc" and "Mac" are deliberately left alone: McDonald and MacDonald are different family names,
// each carried consistently by its family, and registers such as the NHS spine keep them apart.
// Rewriting the prefix would also need a rule for where a prefix ends (Mackay but Mackie, Machin,
// Mace), which would be wrong for some names whichever way it went.
// May return "" (for example for "-" or "..."): callers should not index or search an empty key.
std::string NormaliseName(std::string_view name);

// NormaliseName, then a common spelling variant or diminutive replaced by one canonical key, so
// "Mohamed", "Muhammad" and "Mohammed" match, as do "Kate", "Katie" and "Catherine". Names not
// in the table are returned normalised. Give it one given name: "Mary Jane" normalises to
// "maryjane" and is not looked up as "mary".
std::string CanonicalGivenName(std::string_view given_name);

// NormaliseName only: family names have no diminutives, and their spelling variants (Smith and
// Smyth) are distinct names often enough that merging them would be guesswork.
std::string CanonicalFamilyName(std::string_view family_name);

// One row of the given-name table: `canonical` (itself normalised) and the normalised variants
// that map to it, separated by single spaces. Exposed so tests and documentation can check it.
struct GivenNameGroup {
  std::string_view canonical;
  std::string_view variants;
};
std::span<const GivenNameGroup> GivenNameGroups();

}  // namespace confide::domain
