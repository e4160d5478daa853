// The grounds on which a Freedom of Information request is refused in whole or part, as Confide's
// register records them: the exemptions children's services meet most (FOIA Part II) and the two
// procedural refusals (cost, vexatious). A qualified exemption applies only if the public interest
// in withholding outweighs the public interest in disclosing, so its use records that test.
//
// The personal data exemption has two parts: a request for the requester's own personal data
// (s.40(1)) is answered as a subject access request instead; someone else's (s.40(2)) is withheld
// when disclosing it would break the data protection principles. Information provided in confidence
// (s.41) covers, for example, a member of the public who reported a concern on the understanding
// that they would stay anonymous.
// Thread-safety: immutable tables; safe from any thread.
#pragma once

#include <span>
#include <string_view>

namespace confide::governance {

struct FoiExemption {
  std::string_view id;       // "s40_2": what the register stores
  std::string_view section;  // "s.40(2)"
  std::string_view name;     // "Personal data of someone other than the requester"
  bool qualified;            // needs the public interest test
};

// Every ground, in section order.
std::span<const FoiExemption> FoiExemptions();

// The ground with this id, or nullptr.
const FoiExemption* FindFoiExemption(std::string_view id);

}  // namespace confide::governance
