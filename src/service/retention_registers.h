// Retention of the registers about no child (service/retention.h): which FOI requests, breaches
// and dismissed breach candidates have been kept their period since closing, and destroying them.
// Internal to the retention run (retention.cc).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "governance/governance_policy.h"
#include "service/retention.h"
#include "service/subject_key_cache.h"
#include "service/vault_tx.h"

namespace confide::service {

// Fills report.register_items (due or held as of `today`), register_not_due and registers_kept.
// Entries of a register the actor may not manage (foi.manage, breach.manage) are left out.
// `holds`: the legal holds in force.
Status EvaluateRegisters(Vault::Tx& tx, const governance::GovernancePolicy& policy,
                         const std::vector<store::LegalHoldRow>& holds, domain::CivilDate today, RetentionReport& report);

// Destroys every due entry in report.register_items by crypto-shredding its key, each with a
// tombstone (`retention.destroy_register`), and returns their lines for the certificate.
Result<nlohmann::json> DestroyRegisterEntries(Vault::Tx& tx, RetentionReport& report, SubjectKeyCache& key_cache);

}  // namespace confide::service
