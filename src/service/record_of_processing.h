// The record of processing activities (UK GDPR Article 30), generated from what Confide is
// configured with rather than kept by hand: the organisation (the controller) and its data
// protection officer, the purposes and categories of the sharing policy, the categories of data
// subjects, the recipients in the directory (organisations by name, private persons only counted),
// the information-sharing agreements, the retention schedule of the governance policy, and the
// technical and organisational security measures Confide itself applies. Exported as JSON and as
// a readable document.
//
// Reading it needs recipient.read (the directory and agreements are read through their own use
// cases, and audited as such); the data protection officer is named only for a reader who may see
// staff (staff.read), else the document says where to find them.
//
// Thread-safety: as Vault.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "governance/retention_schedule.h"
#include "service/vault.h"

namespace confide::service {

struct RecordOfProcessing {
  nlohmann::ordered_json json;  // docs/governance.md, "Record of processing"
  std::string document;         // the same, as text
};

Result<RecordOfProcessing> BuildRecordOfProcessing(Vault& vault, domain::StaffId actor,
                                                   const governance::RetentionSchedule& schedule);

}  // namespace confide::service
