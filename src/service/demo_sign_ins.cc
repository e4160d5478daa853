#include "service/demo_sign_ins.h"

#include <array>
#include <random>

namespace confide::service {
namespace {

// Three words and four digits: long, easy to type from a printed sheet, and in no list of common
// passwords.
constexpr std::array<const char*, 24> kWords = {"amber",  "kestrel", "harbour", "meadow", "lantern", "thistle",
                                                "copper", "willow",  "granite", "saffron", "otter",   "bramble",
                                                "falcon", "juniper", "marble",  "pebble",  "quartz",  "russet",
                                                "spruce", "tundra",  "violet",  "walnut",  "yarrow",  "zephyr"};

std::string DemoPassword(uint64_t seed, domain::StaffId id) {
  std::mt19937_64 rng(seed * 1000003u + static_cast<uint64_t>(id));
  std::uniform_int_distribution<size_t> word(0, kWords.size() - 1);
  std::uniform_int_distribution<int> digits(1000, 9999);
  return std::string(kWords[word(rng)]) + "-" + kWords[word(rng)] + "-" + kWords[word(rng)] + "-" + std::to_string(digits(rng));
}

}  // namespace

Result<std::vector<DemoSignIn>> SetDemoPasswords(Vault& vault, Identity& identity, uint64_t seed) {
  constexpr domain::StaffId kAdministrator = 1;
  CONFIDE_ASSIGN_OR_RETURN(std::vector<domain::StaffMember> staff, vault.ListStaff(kAdministrator));
  std::vector<DemoSignIn> out;
  for (const auto& s : staff) {
    if (s.details.email.empty()) continue;
    DemoSignIn d{s.id, s.role, s.team, s.details.full_name, s.details.email, DemoPassword(seed, s.id)};
    CONFIDE_RETURN_IF_ERROR(identity.SetPassword(kAdministrator, s.id, d.password, /*must_change=*/false));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace confide::service
