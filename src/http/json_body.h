// Reading a request's JSON body safely.
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "http/request.h"

namespace confide::http {

// Deepest nesting accepted: objects and arrays inside each other, the top level counting as 1.
inline constexpr int kMaxJsonDepth = 32;

// Parses request.body. kInvalidArgument (with a message fit for the client that never quotes the
// body) if it is empty, not valid JSON (including ill-formed UTF-8), nests deeper than
// kMaxJsonDepth, repeats a key within one object, or is not an object while `require_object`.
//
// Repeated keys are refused because parsers disagree on them (nlohmann keeps the last, others the
// first), so a proxy or validator could read a different value from the one stored. nlohmann
// cannot report them itself; a first SAX pass does (and enforces the depth before any tree is
// built), then the second pass builds the tree.
Result<nlohmann::json> ParseJsonBody(const Request& request, bool require_object = true);

}  // namespace confide::http
