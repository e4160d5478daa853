#include "governance/breach_risk.h"

#include <array>
#include <utility>

namespace confide::governance {
namespace {

constexpr std::array<std::pair<BreachLikelihood, std::string_view>, 3> kLikelihoods{{
    {BreachLikelihood::kRemote, "remote"},
    {BreachLikelihood::kPossible, "possible"},
    {BreachLikelihood::kLikely, "likely"},
}};
constexpr std::array<std::pair<BreachSeverity, std::string_view>, 3> kSeverities{{
    {BreachSeverity::kMinimal, "minimal"},
    {BreachSeverity::kSignificant, "significant"},
    {BreachSeverity::kSevere, "severe"},
}};

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [e, name] : names) {
    if (e == value) return name;
  }
  return "?";
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view s) {
  for (const auto& [e, name] : names) {
    if (name == s) return e;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(BreachLikelihood l) { return NameOf(kLikelihoods, l); }
std::string_view ToString(BreachSeverity s) { return NameOf(kSeverities, s); }
std::string_view ToString(BreachRiskLevel r) {
  switch (r) {
    case BreachRiskLevel::kUnlikely: return "unlikely";
    case BreachRiskLevel::kRisk: return "risk";
    case BreachRiskLevel::kHighRisk: return "high_risk";
  }
  return "?";
}
std::optional<BreachLikelihood> ParseBreachLikelihood(std::string_view s) { return Parse(kLikelihoods, s); }
std::optional<BreachSeverity> ParseBreachSeverity(std::string_view s) { return Parse(kSeverities, s); }

BreachRisk AssessBreachRisk(BreachLikelihood likelihood, BreachSeverity severity) {
  // Scores 0..2 each; the grid is the ICO's: both low is no risk, both high (or one at its
  // highest and the other above the lowest) is a high risk.
  const int l = static_cast<int>(likelihood), s = static_cast<int>(severity);
  BreachRisk out;
  const std::string harm = "harm to the people affected is " + std::string(ToString(likelihood)) + " and would be " +
                           std::string(ToString(severity));
  if (l + s <= 1) {
    out.level = BreachRiskLevel::kUnlikely;
    out.words = "Unlikely to result in a risk to people's rights and freedoms (" + harm +
                "): record it and the reasons; it need not be reported to the ICO.";
  } else if (l + s >= 3) {
    out.level = BreachRiskLevel::kHighRisk;
    out.report_to_ico = true;
    out.tell_people = true;
    out.words = "A high risk to people's rights and freedoms (" + harm +
                "): report it to the ICO within 72 hours and tell the people affected without undue delay.";
  } else {
    out.level = BreachRiskLevel::kRisk;
    out.report_to_ico = true;
    out.words = "A risk to people's rights and freedoms (" + harm + "): report it to the ICO within 72 hours.";
  }
  return out;
}

}  // namespace confide::governance
