// The breach risk grid: every likelihood and severity, and what each asks of the organisation.
#include "governance/breach_risk.h"

#include <gtest/gtest.h>

namespace confide::governance {
namespace {

using L = BreachLikelihood;
using S = BreachSeverity;
using R = BreachRiskLevel;

TEST(BreachRisk, TheGridSaysWhenToReportAndWhenToTellPeople) {
  struct Case {
    L likelihood;
    S severity;
    R level;
  };
  const Case grid[] = {
      {L::kRemote, S::kMinimal, R::kUnlikely},     {L::kRemote, S::kSignificant, R::kUnlikely}, {L::kRemote, S::kSevere, R::kRisk},
      {L::kPossible, S::kMinimal, R::kUnlikely},   {L::kPossible, S::kSignificant, R::kRisk},   {L::kPossible, S::kSevere, R::kHighRisk},
      {L::kLikely, S::kMinimal, R::kRisk},         {L::kLikely, S::kSignificant, R::kHighRisk}, {L::kLikely, S::kSevere, R::kHighRisk},
  };
  for (const Case& c : grid) {
    const BreachRisk r = AssessBreachRisk(c.likelihood, c.severity);
    SCOPED_TRACE(std::string(ToString(c.likelihood)) + " x " + std::string(ToString(c.severity)));
    EXPECT_EQ(r.level, c.level);
    EXPECT_EQ(r.report_to_ico, c.level != R::kUnlikely);
    EXPECT_EQ(r.tell_people, c.level == R::kHighRisk);
    EXPECT_NE(r.words.find(std::string(ToString(c.likelihood))), std::string::npos) << r.words;
  }
  EXPECT_EQ(AssessBreachRisk(L::kLikely, S::kSevere).words,
            "A high risk to people's rights and freedoms (harm to the people affected is likely and would be severe): "
            "report it to the ICO within 72 hours and tell the people affected without undue delay.");
}

TEST(BreachRisk, NamesParseBackAndUnknownNamesDoNot) {
  for (L l : {L::kRemote, L::kPossible, L::kLikely}) EXPECT_EQ(ParseBreachLikelihood(ToString(l)), l);
  for (S s : {S::kMinimal, S::kSignificant, S::kSevere}) EXPECT_EQ(ParseBreachSeverity(ToString(s)), s);
  EXPECT_FALSE(ParseBreachLikelihood("certain").has_value());
  EXPECT_FALSE(ParseBreachSeverity("").has_value());
  EXPECT_EQ(ToString(R::kHighRisk), "high_risk");
}

}  // namespace
}  // namespace confide::governance
