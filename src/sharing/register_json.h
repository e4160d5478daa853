// The sharing register as JSON: what the vault seals, what the API and CLI take and give.
// Readers are strict (sharing/json_fields.h): unknown fields, wrong types and names the sharing
// policy does not have are refused with the field named. Stored* readers, for what the vault kept,
// do not hold old entries to the policy in force.
#pragma once

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "sharing/agreement.h"
#include "sharing/sharing_policy.h"
#include "sharing/sharing_register.h"

namespace confide::sharing {

nlohmann::json RecipientToJson(const Recipient& r);
// {"kind", "name" (required), "organisation", "contact", "secure_channel", "person_id",
//  "public_key" (hex)}; the verification is recorded separately.
Result<Recipient> RecipientFromJson(const nlohmann::json& j);
// The sealed part: name, organisation, contact, channel, verification method and notes.
nlohmann::json RecipientSealedJson(const Recipient& r);
Status ApplyRecipientSealed(const nlohmann::json& j, Recipient& r);

nlohmann::json AgreementToJson(const SharingAgreement& a);
Result<SharingAgreement> AgreementFromJson(const nlohmann::json& j, const SharingPolicy& policy);
// An agreement as the vault stored it: read as strictly, except that its purposes and categories
// are not checked against the policy in force, which the organisation may have changed since.
Result<SharingAgreement> StoredAgreementFromJson(const nlohmann::json& j);

nlohmann::json RequestToJson(const SharingRequest& r);
// {"person_id", "direction", "recipient_id" or "recipient_kind", "purpose", "categories",
//  "channel", "urgency", "documents": [{"kind", "reference"}], "agreement_id", "answers",
//  "personal_data", "details", "reasons", "received_at"}.
Result<SharingRequest> RequestFromJson(const nlohmann::json& j, const SharingPolicy& policy);
// A request as the vault stored it: read as strictly, except that its purpose and categories are
// not checked against the policy in force. The register must stay readable after the organisation
// removes or renames a purpose; deciding such a request again is refused (Vault) instead.
Result<SharingRequest> StoredRequestFromJson(const nlohmann::json& j);

nlohmann::json DecisionToJson(const RecordedDecision& d);
Result<RecordedDecision> DecisionFromJson(const nlohmann::json& j);
nlohmann::json ApprovalToJson(const RecordedApproval& a);
nlohmann::json DisclosureToJson(const RecordedDisclosure& d);
Result<RecordedDisclosure> DisclosureFromJson(const nlohmann::json& j);
nlohmann::json CaseToJson(const SharingCase& c);

}  // namespace confide::sharing
