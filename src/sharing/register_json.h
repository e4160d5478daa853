// The sharing register as JSON: what the vault seals, what the API and CLI take and give.
// Readers are strict (sharing/json_fields.h): unknown fields, wrong types and names the sharing
// policy does not have are refused with the field named.
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

nlohmann::json RequestToJson(const SharingRequest& r);
// {"person_id", "direction", "recipient_id" or "recipient_kind", "purpose", "categories",
//  "channel", "urgency", "documents": [{"kind", "reference"}], "agreement_id", "answers",
//  "personal_data", "details", "reasons", "received_at"}.
Result<SharingRequest> RequestFromJson(const nlohmann::json& j, const SharingPolicy& policy);

nlohmann::json DecisionToJson(const RecordedDecision& d);
Result<RecordedDecision> DecisionFromJson(const nlohmann::json& j);
nlohmann::json ApprovalToJson(const RecordedApproval& a);
nlohmann::json DisclosureToJson(const RecordedDisclosure& d);
Result<RecordedDisclosure> DisclosureFromJson(const nlohmann::json& j);
nlohmann::json CaseToJson(const SharingCase& c);

}  // namespace confide::sharing
