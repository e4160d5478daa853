// JSON for Confide's domain values, shared by the CLI's --json output and the HTTP API: one
// spelling of every field everywhere. Rendering is total; parsing is strict (codec/json_reader.h)
// and never echoes a value in an error.
#pragma once

#include <nlohmann/json.hpp>

#include "confide/result.h"
#include "domain/access_facts.h"
#include "domain/allocation.h"
#include "domain/person.h"
#include "domain/record.h"
#include "domain/relationship.h"
#include "domain/staff.h"
#include "service/vault.h"

namespace confide::codec {

std::string TimeText(UnixMicros t);  // ISO 8601 UTC, e.g. 2026-11-22T09:15:00Z

nlohmann::json PersonToJson(const domain::Person& p);
nlohmann::json PersonMatchToJson(const service::PersonMatch& m);
nlohmann::json RecordVersionToJson(const domain::RecordVersion& v);
nlohmann::json ChronologyItemToJson(const service::ChronologyItem& item);
nlohmann::json RelationshipToJson(const domain::Relationship& r);
nlohmann::json AllocationToJson(const domain::Allocation& a);
nlohmann::json StaffToJson(const domain::StaffMember& s);
nlohmann::json TrainingToJson(const domain::TrainingRecord& t);
nlohmann::json AccessEventToJson(const service::AccessEvent& e);
nlohmann::json AnomalyToJson(const service::Anomaly& a);
nlohmann::json BreakGlassToJson(const domain::BreakGlassGrant& g);
nlohmann::json CaseloadItemToJson(const service::CaseloadItem& c);
nlohmann::json ApprovalQueueToJson(const service::ApprovalQueue& q);

// Parsers of request bodies. Field names are those the renderers write.
Result<domain::PersonDetails> PersonDetailsFromJson(const nlohmann::json& j);
Result<service::PersonQuery> PersonQueryFromJson(const nlohmann::json& j);
Result<domain::RecordContent> RecordContentFromJson(const nlohmann::json& j, const std::string& where);
Result<domain::RelationshipDetails> RelationshipDetailsFromJson(const nlohmann::json& j);
Result<UnixMicros> ParseTime(const std::string& text, const std::string& field);

}  // namespace confide::codec
