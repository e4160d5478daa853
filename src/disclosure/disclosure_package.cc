#include "disclosure/disclosure_package.h"

#include <set>

#include "crypto/aead.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/sodium_init.h"
#include "crypto/x25519.h"
#include "domain/civil_date.h"

namespace confide::disclosure {
namespace {

using nlohmann::json;

constexpr size_t kPackageIdBytes = 16;

bool IsFileName(std::string_view s) {
  if (s.empty() || s.size() > 100 || s.front() == '.') return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string Sha256Hex(std::string_view data) {
  const crypto::Hash32 h = crypto::Sha256(AsBytes(data));
  return HexEncode(ByteView(h.data(), h.size()));
}

// The payload's associated data: the package's outer fields, so none can be swapped.
std::string AssociatedData(std::string_view package_id, std::string_view recipient_key_hex) {
  return std::string(kPackageFormat) + "\n" + std::string(package_id) + "\n" + std::string(recipient_key_hex);
}

std::string SignText(const crypto::SigningKey& key, std::string_view text) {
  const crypto::Signature sig = key.Sign(AsBytes(text));
  return crypto::Base64Encode(ByteView(sig.data(), sig.size()));
}

bool SignatureMatches(ByteView public_key, std::string_view text, const std::string& signature_b64) {
  auto sig = crypto::Base64Decode(signature_b64);
  return sig.ok() && crypto::VerifySignature(public_key, AsBytes(text), *sig);
}

// A string member, or "" when absent or not a string.
std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status Malformed(std::string_view what) {
  return Status::InvalidArgument("not a Confide disclosure package: " + std::string(what));
}

}  // namespace

std::string ManifestDigest(const json& manifest) { return Sha256Hex(manifest.dump()); }

Result<SealedPackage> SealPackage(const crypto::SigningKey& organisation, const PackageContents& c) {
  CONFIDE_RETURN_IF_ERROR(crypto::EnsureSodium());
  if (c.files.empty()) return Status::InvalidArgument("a disclosure package needs at least one file");
  if (c.expires_at <= c.created_at) return Status::InvalidArgument("a disclosure package must expire after it is made");
  if (c.recipient_public_key.size() != crypto::kPublicKeyBytes) {
    return Status::InvalidArgument("the recipient's public key must be 32 bytes (Ed25519)");
  }
  CONFIDE_ASSIGN_OR_RETURN(Bytes box_public, crypto::Ed25519PublicToX25519(c.recipient_public_key));

  uint8_t id_bytes[kPackageIdBytes];
  crypto::RandomBytes(id_bytes, sizeof id_bytes);
  SealedPackage out;
  out.package_id = HexEncode(ByteView(id_bytes, sizeof id_bytes));
  const std::string recipient_key = HexEncode(c.recipient_public_key);

  json files = json::array();
  json contents = json::array();
  std::set<std::string> names;
  for (const PackageFile& f : c.files) {
    if (!IsFileName(f.name)) return Status::InvalidArgument("a file in a disclosure package needs a plain name: \"" + f.name + "\"");
    if (!names.insert(f.name).second) return Status::InvalidArgument("the file \"" + f.name + "\" is in the package twice");
    files.push_back({{"name", f.name}, {"media_type", f.media_type}, {"sha256", Sha256Hex(f.content)}, {"bytes", f.content.size()}});
    contents.push_back({{"name", f.name}, {"content", crypto::Base64Encode(AsBytes(f.content))}});
  }
  const crypto::PublicKey& org_key = organisation.public_key();
  out.manifest = {{"format", kPackageFormat},
                  {"package_id", out.package_id},
                  {"organisation", c.organisation},
                  {"organisation_key", HexEncode(ByteView(org_key.data(), org_key.size()))},
                  {"recipient", c.recipient},
                  {"recipient_key", recipient_key},
                  {"decision_id", c.decision_id},
                  {"purpose", c.purpose},
                  {"lawful_basis", c.lawful_basis},
                  {"created_at", domain::FormatTimestampIso(c.created_at)},
                  {"expires_at", domain::FormatTimestampIso(c.expires_at)},
                  {"files", std::move(files)}};
  // Sign, then seal: the signature is inside the encryption, so only the recipient learns who
  // sent what, and the signature still proves it to them once opened.
  const std::string manifest_text = out.manifest.dump();
  const json inner{{"manifest", manifest_text}, {"signature", SignText(organisation, manifest_text)}, {"files", std::move(contents)}};

  crypto::SecretKey file_key = crypto::SecretKey::Generate(crypto::kAeadKeyBytes);
  CONFIDE_ASSIGN_OR_RETURN(Bytes payload, crypto::AeadSeal(file_key, AsBytes(inner.dump()),
                                                           AsBytes(AssociatedData(out.package_id, recipient_key))));
  CONFIDE_ASSIGN_OR_RETURN(Bytes sealed_key, crypto::SealToRecipient(box_public, file_key.view()));
  const json outer{{"format", kPackageFormat},
                   {"package_id", out.package_id},
                   {"recipient_key", recipient_key},
                   {"sealed_file_key", crypto::Base64Encode(sealed_key)},
                   {"payload", crypto::Base64Encode(payload)}};
  out.text = outer.dump(1) + "\n";
  return out;
}

Result<OpenedPackage> OpenPackage(std::string_view package_text, const crypto::SigningKey& recipient,
                                  ByteView organisation_public_key, UnixMicros now,
                                  const std::set<std::string>& already_opened) {
  const json outer = json::parse(package_text, nullptr, /*allow_exceptions=*/false);
  if (!outer.is_object() || Text(outer, "format") != kPackageFormat) return Malformed("unknown format");
  const std::string package_id = Text(outer, "package_id");
  const std::string recipient_key = Text(outer, "recipient_key");
  auto sealed_key = crypto::Base64Decode(Text(outer, "sealed_file_key"));
  auto payload = crypto::Base64Decode(Text(outer, "payload"));
  if (package_id.size() != 2 * kPackageIdBytes || !sealed_key.ok() || !payload.ok()) return Malformed("missing or damaged fields");

  const crypto::PublicKey& mine = recipient.public_key();
  const std::string my_key = HexEncode(ByteView(mine.data(), mine.size()));
  if (recipient_key != my_key) {
    return Status::PermissionDenied("this package is addressed to another recipient (key " + recipient_key.substr(0, 16) + "...)");
  }
  CONFIDE_ASSIGN_OR_RETURN(Bytes box_public, crypto::Ed25519PublicToX25519(ByteView(mine.data(), mine.size())));
  CONFIDE_ASSIGN_OR_RETURN(crypto::SecretKey box_secret, crypto::Ed25519SeedToX25519Secret(recipient.seed()));
  auto file_key_bytes = crypto::OpenSealed(box_public, box_secret.view(), *sealed_key);
  if (!file_key_bytes.ok()) return Status::Corruption("the package's key does not open: it was altered");
  CONFIDE_ASSIGN_OR_RETURN(crypto::SecretKey file_key, crypto::SecretKey::FromBytes(*file_key_bytes));
  auto inner_text = crypto::AeadOpen(file_key, *payload, AsBytes(AssociatedData(package_id, recipient_key)));
  if (!inner_text.ok()) return Status::Corruption("the package does not decrypt: it was altered");

  const json inner = json::parse(AsChars(*inner_text), nullptr, false);
  const std::string manifest_text = inner.is_object() ? Text(inner, "manifest") : "";
  if (!SignatureMatches(organisation_public_key, manifest_text, Text(inner, "signature"))) {
    return Status::Corruption("the package is not signed by the organisation key you hold for the sender");
  }
  OpenedPackage out;
  out.manifest = json::parse(manifest_text, nullptr, false);
  const json& m = out.manifest;
  if (!m.is_object() || Text(m, "package_id") != package_id || Text(m, "recipient_key") != my_key) {
    return Status::Corruption("the signed manifest does not match the package");
  }
  const json* files = inner.contains("files") ? &inner["files"] : nullptr;
  if (!m.contains("files") || !m["files"].is_array() || !files || !files->is_array() || files->size() != m["files"].size()) {
    return Status::Corruption("the package's files do not match its manifest");
  }
  for (size_t i = 0; i < files->size(); ++i) {
    const json& entry = m["files"][i];
    auto content = crypto::Base64Decode(Text((*files)[i], "content"));
    if (!content.ok() || Text((*files)[i], "name") != Text(entry, "name") ||
        Sha256Hex(AsChars(*content)) != Text(entry, "sha256")) {
      return Status::Corruption("the file \"" + Text(entry, "name") + "\" does not match its manifest entry");
    }
    out.files.push_back({Text(entry, "name"), Text(entry, "media_type"), std::string(AsChars(*content))});
  }
  auto expires = domain::ParseTimestampMicros(Text(m, "expires_at"));
  if (!expires.ok()) return Status::Corruption("the manifest's expiry is not a time");
  if (now >= *expires) {
    return Status::FailedPrecondition("this package expired at " + Text(m, "expires_at") + "; ask the sender for a new one");
  }
  if (already_opened.count(package_id)) {
    return Status::Conflict("package " + package_id + " has been opened before: a second copy is refused (a replay)");
  }
  json receipt{{"format", kReceiptFormat},
               {"package_id", package_id},
               {"manifest_sha256", Sha256Hex(manifest_text)},
               {"opened_at", domain::FormatTimestampIso(now)},
               {"recipient_key", my_key}};
  receipt["signature"] = SignText(recipient, receipt.dump());
  out.receipt = std::move(receipt);
  return out;
}

Status VerifyReceipt(const json& receipt, ByteView recipient_public_key, std::string_view package_id,
                     std::string_view manifest_sha256) {
  if (!receipt.is_object() || Text(receipt, "format") != kReceiptFormat || !receipt.contains("signature")) {
    return Status::InvalidArgument("not a Confide disclosure receipt");
  }
  json unsigned_part = receipt;
  unsigned_part.erase("signature");
  if (!SignatureMatches(recipient_public_key, unsigned_part.dump(), Text(receipt, "signature"))) {
    return Status::Corruption("the receipt is not signed by the recipient's key");
  }
  if (Text(receipt, "package_id") != package_id || Text(receipt, "manifest_sha256") != manifest_sha256) {
    return Status::Corruption("the receipt is for another package");
  }
  return Status::Ok();
}

}  // namespace confide::disclosure
