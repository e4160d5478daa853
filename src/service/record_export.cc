#include "service/record_export.h"

#include "crypto/encoding.h"
#include "service/version_signature.h"

namespace confide::service {

nlohmann::json BuildRecordExport(const VersionHeader& h, const FieldMap& fields, ByteView signature,
                                 const crypto::PublicKey& organisation_key) {
  nlohmann::json f = nlohmann::json::object();
  for (const auto& [name, value] : fields) f[name] = crypto::Base64Encode(AsBytes(value));
  return {{"format", kRecordExportFormat},
          {"organisation_public_key", HexEncode(organisation_key)},
          {"header",
           {{"entity", h.entity}, {"id", h.id}, {"version", h.version}, {"subject_id", h.subject_id},
            {"person_id", h.person_id}, {"kind", h.kind}, {"tier", h.tier}, {"occurred_at", h.occurred_at},
            {"recorded_at", h.recorded_at}, {"author_id", h.author_id}, {"source_kind", h.source_kind},
            {"related_id", h.related_id}}},
          {"fields", f},
          {"signature", HexEncode(signature)}};
}

Result<VerifiedExport> VerifyRecordExport(const std::string& json_text, ByteView expected_key) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("the export is not JSON");
  VerifiedExport out;
  Bytes signature;
  Bytes embedded_key;
  try {
    if (j.at("format").get<std::string>() != kRecordExportFormat) {
      return Status::InvalidArgument("not a Confide record export (unknown format)");
    }
    const nlohmann::json& h = j.at("header");
    out.header = {h.at("entity").get<std::string>(), h.at("id").get<int64_t>(), h.at("version").get<int32_t>(),
                  h.at("subject_id").get<int64_t>(), h.at("person_id").get<int64_t>(), h.at("kind").get<std::string>(),
                  h.at("tier").get<std::string>(), h.at("occurred_at").get<int64_t>(), h.at("recorded_at").get<int64_t>(),
                  h.at("author_id").get<int64_t>(), h.at("source_kind").get<std::string>(), h.at("related_id").get<int64_t>()};
    for (const auto& [name, value] : j.at("fields").items()) {
      auto decoded = crypto::Base64Decode(value.get<std::string>());
      if (!decoded.ok()) return Status::InvalidArgument("export field '" + name + "' is not base64");
      out.fields[name] = std::string(AsChars(*decoded));
    }
    auto sig = HexDecode(j.at("signature").get<std::string>());
    auto key = HexDecode(j.at("organisation_public_key").get<std::string>());
    if (!sig.ok() || !key.ok()) return Status::InvalidArgument("the export's signature or key is not hex");
    signature = std::move(sig).value();
    embedded_key = std::move(key).value();
  } catch (const nlohmann::json::exception&) {
    return Status::InvalidArgument("the export is missing a header, fields or signature");
  }
  const ByteView key = expected_key.empty() ? ByteView(embedded_key) : expected_key;
  CONFIDE_RETURN_IF_ERROR(VerifyVersion(key, out.header, out.fields, signature));
  out.public_key_hex = HexEncode(key);
  return out;
}

}  // namespace confide::service
