// Disclosure packages: the recipient opens what was sent to them and gets a signed receipt; a
// tampered, misaddressed, forged, expired or replayed package is refused, each with its own error.
#include <gtest/gtest.h>

#include "crypto/encoding.h"
#include "disclosure/disclosure_package.h"
#include "testing/test_util.h"

namespace confide::disclosure {
namespace {

using nlohmann::json;

constexpr UnixMicros kCreated = 1'796'000'000'000'000;  // 30 November 2026, 00:53:20 UTC
constexpr UnixMicros kDay = int64_t{86400} * 1'000'000;

class DisclosurePackageTest : public ::testing::Test {
 protected:
  PackageContents Contents() const {
    PackageContents c;
    c.organisation = "Northshire Council Children's Services";
    c.recipient = "Southshire Children's Social Care";
    c.recipient_public_key = Bytes(recipient_.public_key().begin(), recipient_.public_key().end());
    c.decision_id = 42;
    c.purpose = "transfer_on_move";
    c.lawful_basis = "public_task";
    c.created_at = kCreated;
    c.expires_at = kCreated + 14 * kDay;
    c.files = {{"dataset.json", "application/json", R"({"child":{"name":"Ava Example"}})"},
               {"summary.txt", "text/plain; charset=utf-8", "Ava Example moves to Southshire on 1 December 2026."}};
    return c;
  }
  ByteView OrgKey() const { return ByteView(organisation_.public_key().data(), organisation_.public_key().size()); }
  Result<OpenedPackage> Open(std::string_view text, UnixMicros now = kCreated + kDay, const std::set<std::string>& seen = {}) const {
    return OpenPackage(text, recipient_, OrgKey(), now, seen);
  }

  crypto::SigningKey organisation_ = crypto::SigningKey::Generate();
  crypto::SigningKey recipient_ = crypto::SigningKey::Generate();
};

// Rewrites one outer field of a package.
std::string WithField(const std::string& text, const std::string& key, const std::string& value) {
  json j = json::parse(text);
  j[key] = value;
  return j.dump();
}

// Flips one byte inside a base64 field.
std::string FlipByteOf(const std::string& text, const std::string& key, size_t at) {
  json j = json::parse(text);
  Bytes b = *crypto::Base64Decode(j[key].get<std::string>());
  b[at % b.size()] ^= 0x01;
  j[key] = crypto::Base64Encode(b);
  return j.dump();
}

TEST_F(DisclosurePackageTest, TheRecipientOpensItAndSignsAReceipt) {
  ASSERT_OK_AND_ASSIGN(SealedPackage sealed, SealPackage(organisation_, Contents()));
  EXPECT_EQ(sealed.package_id.size(), 32u);
  EXPECT_EQ(sealed.text.find("Ava"), std::string::npos) << "the package file shows no personal data";
  ASSERT_OK_AND_ASSIGN(OpenedPackage opened, Open(sealed.text));
  ASSERT_EQ(opened.files.size(), 2u);
  EXPECT_EQ(opened.files[0].name, "dataset.json");
  EXPECT_EQ(opened.files[0].content, R"({"child":{"name":"Ava Example"}})");
  EXPECT_EQ(opened.files[1].media_type, "text/plain; charset=utf-8");
  EXPECT_EQ(opened.manifest["decision_id"], 42);
  EXPECT_EQ(opened.manifest["lawful_basis"], "public_task");
  EXPECT_EQ(opened.manifest["expires_at"], "2026-12-14T00:53:20Z");
  EXPECT_EQ(opened.manifest, sealed.manifest);
  const ByteView recipient_key(recipient_.public_key().data(), recipient_.public_key().size());
  EXPECT_OK(VerifyReceipt(opened.receipt, recipient_key, sealed.package_id, ManifestDigest(sealed.manifest)));
  EXPECT_EQ(opened.receipt["opened_at"], "2026-12-01T00:53:20Z");
  // A receipt for another package, or altered, or signed by someone else, does not verify.
  EXPECT_EQ(VerifyReceipt(opened.receipt, recipient_key, std::string(32, '0'), ManifestDigest(sealed.manifest)).code(),
            StatusCode::kCorruption);
  json altered = opened.receipt;
  altered["opened_at"] = "2026-11-01T00:00:00Z";
  EXPECT_EQ(VerifyReceipt(altered, recipient_key, sealed.package_id, ManifestDigest(sealed.manifest)).code(), StatusCode::kCorruption);
  EXPECT_EQ(VerifyReceipt(opened.receipt, OrgKey(), sealed.package_id, ManifestDigest(sealed.manifest)).code(), StatusCode::kCorruption);
  EXPECT_EQ(VerifyReceipt(json::object(), recipient_key, sealed.package_id, "").code(), StatusCode::kInvalidArgument);
}

TEST_F(DisclosurePackageTest, TwoPackagesOfTheSameContentDiffer) {
  ASSERT_OK_AND_ASSIGN(SealedPackage a, SealPackage(organisation_, Contents()));
  ASSERT_OK_AND_ASSIGN(SealedPackage b, SealPackage(organisation_, Contents()));
  EXPECT_NE(a.package_id, b.package_id);
  EXPECT_NE(a.text, b.text);
}

TEST_F(DisclosurePackageTest, AnyTamperingIsRefused) {
  ASSERT_OK_AND_ASSIGN(SealedPackage sealed, SealPackage(organisation_, Contents()));
  for (size_t at : {0u, 30u, 200u, 100000u}) {
    EXPECT_EQ(Open(FlipByteOf(sealed.text, "payload", at)).status().code(), StatusCode::kCorruption) << at;
  }
  for (size_t at : {0u, 40u, 70u}) {
    EXPECT_EQ(Open(FlipByteOf(sealed.text, "sealed_file_key", at)).status().code(), StatusCode::kCorruption) << at;
  }
  // The outer fields are bound to the payload: a new package id does not decrypt.
  EXPECT_EQ(Open(WithField(sealed.text, "package_id", std::string(32, 'a'))).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(Open(sealed.text.substr(0, sealed.text.size() / 2)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Open("{\"format\":\"something else\"}").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Open("not json").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(DisclosurePackageTest, SomeoneElseCannotOpenIt) {
  ASSERT_OK_AND_ASSIGN(SealedPackage sealed, SealPackage(organisation_, Contents()));
  crypto::SigningKey other = crypto::SigningKey::Generate();
  auto opened = OpenPackage(sealed.text, other, OrgKey(), kCreated + kDay, {});
  EXPECT_EQ(opened.status().code(), StatusCode::kPermissionDenied);
  // Claiming the package is for them does not help: the key is sealed to the real recipient.
  const std::string claimed = WithField(sealed.text, "recipient_key", HexEncode(ByteView(other.public_key().data(), 32)));
  EXPECT_EQ(OpenPackage(claimed, other, OrgKey(), kCreated + kDay, {}).status().code(), StatusCode::kCorruption);
}

TEST_F(DisclosurePackageTest, APackageNotSignedByTheTrustedOrganisationKeyIsRefused) {
  crypto::SigningKey impostor = crypto::SigningKey::Generate();
  ASSERT_OK_AND_ASSIGN(SealedPackage forged, SealPackage(impostor, Contents()));
  auto opened = Open(forged.text);
  EXPECT_EQ(opened.status().code(), StatusCode::kCorruption);
  EXPECT_NE(opened.status().message().find("not signed by the organisation key"), std::string::npos);
}

TEST_F(DisclosurePackageTest, AnExpiredPackageIsRefused) {
  PackageContents c = Contents();
  ASSERT_OK_AND_ASSIGN(SealedPackage sealed, SealPackage(organisation_, c));
  EXPECT_OK(Open(sealed.text, c.expires_at - 1).status());
  auto late = Open(sealed.text, c.expires_at);
  EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(late.status().message().find("expired"), std::string::npos);
}

TEST_F(DisclosurePackageTest, AReplayedPackageIsRefused) {
  ASSERT_OK_AND_ASSIGN(SealedPackage sealed, SealPackage(organisation_, Contents()));
  ASSERT_OK(Open(sealed.text).status());
  auto again = Open(sealed.text, kCreated + 2 * kDay, {sealed.package_id});
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_NE(again.status().message().find("replay"), std::string::npos);
}

TEST_F(DisclosurePackageTest, ContentsThatCannotBeSentAreRefused) {
  PackageContents c = Contents();
  c.files.clear();
  EXPECT_EQ(SealPackage(organisation_, c).status().code(), StatusCode::kInvalidArgument);
  c = Contents();
  c.files[0].name = "../etc/passwd";
  EXPECT_EQ(SealPackage(organisation_, c).status().code(), StatusCode::kInvalidArgument);
  c = Contents();
  c.files[1].name = c.files[0].name;
  EXPECT_EQ(SealPackage(organisation_, c).status().code(), StatusCode::kInvalidArgument);
  c = Contents();
  c.expires_at = c.created_at;
  EXPECT_EQ(SealPackage(organisation_, c).status().code(), StatusCode::kInvalidArgument);
  c = Contents();
  c.recipient_public_key.pop_back();
  EXPECT_EQ(SealPackage(organisation_, c).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confide::disclosure
