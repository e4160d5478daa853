#include "governance/foi_exemptions.h"

#include <array>

namespace confide::governance {
namespace {

constexpr std::array<FoiExemption, 12> kExemptions{{
    {"s12", "s.12", "Cost of compliance exceeds the appropriate limit", false},
    {"s14", "s.14", "Vexatious or repeated request", false},
    {"s21", "s.21", "Information reasonably accessible to the requester by other means", false},
    {"s22", "s.22", "Information intended for future publication", true},
    {"s30", "s.30", "Investigations and proceedings", true},
    {"s31", "s.31", "Law enforcement", true},
    {"s38", "s.38", "Health and safety", true},
    {"s40_1", "s.40(1)", "The requester's own personal data (answered as a subject access request)", false},
    {"s40_2", "s.40(2)", "Personal data of someone other than the requester", false},
    {"s41", "s.41", "Information provided in confidence", false},
    {"s42", "s.42", "Legal professional privilege", true},
    {"s43", "s.43", "Commercial interests", true},
}};

}  // namespace

std::span<const FoiExemption> FoiExemptions() { return kExemptions; }

const FoiExemption* FindFoiExemption(std::string_view id) {
  for (const FoiExemption& e : kExemptions) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

}  // namespace confide::governance
