// Opening the appended steps of a register entry (a subject access request, an FOI request, a
// breach). Each step is sealed with the entry's key and bound to the step before it (the header's
// `id` is the previous step's id), so a step deleted from the middle of the history stops the next
// one opening; every genuine step is sealed with a fresh nonce, so a row whose sealed bytes repeat
// an earlier row's is a copy (a replayed approval, decision or reply) and is refused.
// Internal to src/service/. Pure, thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "service/sealed_fields.h"

namespace confide::service {

// The steps' fields, in the rows' order. `header(row, previous_step_id)` gives the header a row was
// sealed with (0 for the first). kCorruption ("<what> N is a copy of an earlier one") for a repeat,
// or from OpenFields for a step that does not open.
template <typename Row, typename HeaderFor>
Result<std::vector<FieldMap>> OpenChainedSteps(const crypto::SecretKey& key, const std::vector<Row>& rows, std::string_view what,
                                               HeaderFor header) {
  std::set<Bytes> seen;
  std::vector<FieldMap> out;
  int64_t previous = 0;
  for (const Row& row : rows) {
    if (!seen.insert(row.sealed).second) {
      return Status::Corruption(std::string(what) + " " + std::to_string(row.id) + " is a copy of an earlier one");
    }
    CONFIDE_ASSIGN_OR_RETURN(FieldMap fields, OpenFields(key, header(row, previous), row.sealed));
    out.push_back(std::move(fields));
    previous = row.id;
  }
  return out;
}

}  // namespace confide::service
