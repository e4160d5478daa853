// How serious a personal data breach is, from the likelihood and the severity of its consequences
// for the people affected (UK GDPR Articles 33 and 34, as the ICO explains them):
//   - unlikely to result in a risk to people's rights and freedoms: record it, no need to report;
//   - a risk: report to the ICO within 72 hours of becoming aware;
//   - a high risk: report to the ICO, and tell the people affected without undue delay.
// The data protection officer decides; this is the assessment the decision is weighed against.
// Thread-safety: pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace confide::governance {

enum class BreachLikelihood { kRemote, kPossible, kLikely };
enum class BreachSeverity { kMinimal, kSignificant, kSevere };
enum class BreachRiskLevel { kUnlikely, kRisk, kHighRisk };

std::string_view ToString(BreachLikelihood l);  // "remote", "possible", "likely"
std::string_view ToString(BreachSeverity s);    // "minimal", "significant", "severe"
std::string_view ToString(BreachRiskLevel r);   // "unlikely", "risk", "high_risk"
std::optional<BreachLikelihood> ParseBreachLikelihood(std::string_view s);
std::optional<BreachSeverity> ParseBreachSeverity(std::string_view s);

struct BreachRisk {
  BreachRiskLevel level = BreachRiskLevel::kUnlikely;
  bool report_to_ico = false;  // Art. 33: unless unlikely to result in a risk
  bool tell_people = false;    // Art. 34: when the risk is high
  std::string words;           // the assessment in a sentence
};

// remote×minimal, remote×significant and possible×minimal are unlikely to result in a risk;
// likely×significant, likely×severe and possible×severe are a high risk; the rest a risk.
BreachRisk AssessBreachRisk(BreachLikelihood likelihood, BreachSeverity severity);

}  // namespace confide::governance
