// JSON of training and the confidentiality policy (governance/training_standing.h,
// Vault::TrainingReport), as the CLI prints it and the API returns it. Field names are stable;
// instants are written as codec::TimeText writes them, dates as YYYY-MM-DD.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "governance/training_standing.h"
#include "service/vault.h"

namespace confide::codec {

// The catalogue: id, name, basis, refresher_months (0: not refreshed), roles ([] for everyone).
nlohmann::json CoursesToJson(const governance::TrainingCatalogue& catalogue);
// The policy in force and the digest an acknowledgement must name; null without one. With
// `with_text` false the text is left out (a report's header).
nlohmann::json ConfidentialityPolicyToJson(const std::optional<governance::ConfidentialityPolicy>& policy,
                                           const std::string& digest, bool with_text);
// One staff member: who they are, what the gate sees, each course and the acknowledgement.
nlohmann::json TrainingStandingToJson(const service::Vault::StaffTrainingStanding& s,
                                      const governance::TrainingCatalogue& catalogue);

// The body of an acknowledgement: {"version": "...", "digest": "..."} (strict).
struct AcknowledgementBody {
  std::string version;
  std::string digest;
};
Result<AcknowledgementBody> AcknowledgementFromJson(const nlohmann::json& j);

}  // namespace confide::codec
