#include "codec/retention_json.h"

#include "common/bytes.h"
#include "domain/civil_date.h"

namespace confide::codec {
namespace {

nlohmann::json OptionalDate(const std::optional<domain::CivilDate>& d) {
  return d ? nlohmann::json(d->ToIso()) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json RetentionItemToJson(const service::RetentionItem& item) {
  return {{"person_id", item.person_id},
          {"kind", domain::ToString(item.kind)},
          {"class", item.outcome.class_id},
          {"class_assigned", item.outcome.assigned},
          {"destroy_on", OptionalDate(item.outcome.destroy_on)},
          {"review_on", OptionalDate(item.outcome.review_on)},
          {"state", service::ToString(item.state)},
          {"review_id", item.review_id ? nlohmann::json(*item.review_id) : nlohmann::json(nullptr)},
          {"retain_until", OptionalDate(item.retain_until)},
          {"holds", item.hold_ids},
          {"subject_access_requests", item.subject_access_ids},
          {"explanation", item.outcome.explanation}};
}

nlohmann::json RegisterRetentionItemToJson(const service::RegisterRetentionItem& item) {
  return {{"register", service::ToString(item.kind)},
          {"id", item.id},
          {"closed_on", item.closed_on.ToIso()},
          {"due_on", item.due_on.ToIso()},
          {"state", service::ToString(item.state)},
          {"hold_ids", item.hold_ids}};
}

nlohmann::json RetentionReportToJson(const service::RetentionReport& report) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : report.items) items.push_back(RetentionItemToJson(item));
  nlohmann::json registers = nlohmann::json::array();
  for (const auto& item : report.register_items) registers.push_back(RegisterRetentionItemToJson(item));
  return {{"as_of", report.today.ToIso()},
          {"applied", report.applied},
          {"people", report.people},
          {"destroyed_before", report.destroyed_before},
          {"not_due", report.not_due},
          {"hidden", report.hidden},
          {"purged", report.purged},
          {"items", items},
          {"registers", registers},
          {"registers_not_due", report.register_not_due},
          {"registers_kept", report.registers_kept},
          {"registers_hidden", report.registers_hidden},
          {"certificate", report.certificate_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.certificate_id)}};
}

nlohmann::json LegalHoldToJson(const service::LegalHold& h) {
  return {{"id", h.id},
          {"person_id", h.person_id ? nlohmann::json(*h.person_id) : nlohmann::json(nullptr)},
          {"class", h.class_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.class_id)},
          {"everyone", !h.person_id && h.class_id.empty()},
          {"reason", h.reason},
          {"placed_by", h.placed_by},
          {"placed_at", domain::FormatTimestampIso(h.placed_at)},
          {"lifted_at", h.lifted_at ? nlohmann::json(domain::FormatTimestampIso(*h.lifted_at)) : nlohmann::json(nullptr)},
          {"lifted_by", h.lifted_by ? nlohmann::json(h.lifted_by) : nlohmann::json(nullptr)}};
}

nlohmann::json RetentionReviewToJson(const service::RetentionReview& r) {
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"decision", service::ToString(r.decision)},
          {"retain_until", OptionalDate(r.retain_until)},
          {"due_on", OptionalDate(r.due_on)},
          {"class", r.class_id},
          {"reason", r.reason},
          {"reviewed_by", r.reviewed_by},
          {"reviewed_at", domain::FormatTimestampIso(r.reviewed_at)}};
}

nlohmann::json RetentionAssignmentToJson(const service::RetentionAssignment& a) {
  return {{"id", a.id},
          {"person_id", a.person_id},
          {"class", a.class_id},
          {"trigger_date", OptionalDate(a.trigger_date)},
          {"reason", a.reason},
          {"assigned_by", a.assigned_by},
          {"assigned_at", domain::FormatTimestampIso(a.assigned_at)}};
}

nlohmann::json DestructionCertificateToJson(const service::DestructionCertificate& c) {
  nlohmann::json body = nlohmann::json::parse(c.body, nullptr, false);
  return {{"id", c.id},
          {"issued_at", domain::FormatTimestampIso(c.issued_at)},
          {"issued_by", c.issued_by},
          {"body", body},
          {"body_text", c.body},
          {"signature", HexEncode(c.signature)},
          {"signature_valid", c.signature_valid}};
}

}  // namespace confide::codec
