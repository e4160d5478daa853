// `confide package` on the recipient's side, through the real binary: a key file made with keygen
// opens a package sealed to it (files and a receipt written, nothing else); the same package again,
// a tampered copy, one for someone else, one from an impostor and an expired one are refused with
// their exit codes, and none of them writes anything.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

#include "crypto/encoding.h"
#include "crypto/key_file.h"
#include "disclosure/disclosure_package.h"
#include "integration/integration_util.h"
#include "testing/test_util.h"

namespace confide::integration {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr UnixMicros kDay = int64_t{86400} * 1'000'000;

class PackageCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CliRun keygen = RunConfide({"--json", "package", "keygen", "--key", dir_.Str("me.key")});
    ASSERT_EQ(keygen.exit_code, 0) << Describe(keygen);
    public_key_ = json::parse(keygen.out)["public_key"].get<std::string>();
    ASSERT_EQ(public_key_.size(), 64u);
  }

  // A package to this recipient (or `to`), signed by `from`, expiring `days` from now.
  std::string Package(const crypto::SigningKey& from, const std::string& to_hex, int64_t days = 14) {
    disclosure::PackageContents c;
    c.organisation = "Northshire Council Children's Services";
    c.recipient = "Southshire Children's Social Care";
    c.recipient_public_key = *HexDecode(to_hex);
    c.decision_id = 7;
    c.purpose = "transfer_on_move";
    c.lawful_basis = "public_task";
    c.created_at = SystemClock().NowMicros() - 30 * kDay;
    c.expires_at = SystemClock().NowMicros() + days * kDay;
    c.files = {{"dataset.json", "application/json", R"({"child":{"family_name":"Example"}})"},
               {"summary.txt", "text/plain; charset=utf-8", "A summary of what was shared."}};
    auto sealed = disclosure::SealPackage(from, c);
    EXPECT_TRUE(sealed.ok());
    const std::string path = dir_.Str("package-" + std::to_string(++count_) + ".json");
    std::ofstream(path) << sealed->text;
    return path;
  }

  CliRun Open(const std::string& package, const std::string& out, const std::string& key = "me.key") {
    const crypto::PublicKey& pk = organisation_.public_key();
    return RunConfide({"--json", "package", "open", package, "--key", dir_.Str(key), "--sender-key",
                       HexEncode(ByteView(pk.data(), pk.size())), "--receipts", dir_.Str("receipts"), "--out", dir_.Str(out)});
  }

  testing::TempDir dir_;
  std::string public_key_;
  crypto::SigningKey organisation_ = crypto::SigningKey::Generate();
  int count_ = 0;
};

TEST_F(PackageCliTest, KeygenMakesAPrivateKeyFileAndNeverOverwritesIt) {
  struct stat st {};
  ASSERT_EQ(::stat(dir_.Str("me.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  CliRun again = RunConfide({"package", "keygen", "--key", dir_.Str("me.key")});
  EXPECT_EQ(again.exit_code, 6) << Describe(again);
  CliRun pub = RunConfide({"package", "public-key", "--key", dir_.Str("me.key")});
  EXPECT_EQ(pub.exit_code, 0) << Describe(pub);
  EXPECT_EQ(pub.out, public_key_ + "\n");
}

TEST_F(PackageCliTest, OpensAPackageAndKeepsASignedReceipt) {
  const std::string package = Package(organisation_, public_key_);
  CliRun opened = Open(package, "out");
  ASSERT_EQ(opened.exit_code, 0) << Describe(opened);
  const json j = json::parse(opened.out);
  EXPECT_EQ(testing::ReadFileForTest(dir_.Str("out/dataset.json")), R"({"child":{"family_name":"Example"}})");
  EXPECT_EQ(testing::ReadFileForTest(dir_.Str("out/summary.txt")), "A summary of what was shared.");
  const json manifest = json::parse(testing::ReadFileForTest(dir_.Str("out/manifest.json")));
  EXPECT_EQ(manifest["decision_id"], 7);
  const std::string id = j["package_id"].get<std::string>();
  const json receipt = json::parse(testing::ReadFileForTest(dir_.Str("receipts/" + id + ".json")));
  EXPECT_OK(disclosure::VerifyReceipt(receipt, *HexDecode(public_key_), id, disclosure::ManifestDigest(manifest)));
  EXPECT_EQ(receipt, j["receipt"]);

  // The same package again is a replay: refused, nothing written.
  CliRun replay = Open(package, "out2");
  EXPECT_EQ(replay.exit_code, 6) << Describe(replay);
  EXPECT_NE(replay.out.find("replay"), std::string::npos) << Describe(replay);
  EXPECT_FALSE(fs::exists(dir_.Str("out2")));
}

TEST_F(PackageCliTest, RefusesTamperedMisaddressedForgedAndExpiredPackages) {
  // Tampered: one byte of the payload changed.
  json tampered = json::parse(testing::ReadFileForTest(Package(organisation_, public_key_)));
  Bytes payload = *crypto::Base64Decode(tampered["payload"].get<std::string>());
  payload[payload.size() / 2] ^= 0x20;
  tampered["payload"] = crypto::Base64Encode(payload);
  std::ofstream(dir_.Str("tampered.json")) << tampered.dump();
  CliRun t = Open(dir_.Str("tampered.json"), "out-tampered");
  EXPECT_EQ(t.exit_code, 7) << Describe(t);

  // For someone else.
  crypto::SigningKey other = crypto::SigningKey::Generate();
  CliRun elsewhere = Open(Package(organisation_, HexEncode(ByteView(other.public_key().data(), 32))), "out-other");
  EXPECT_EQ(elsewhere.exit_code, 5) << Describe(elsewhere);

  // Signed by an impostor, not the organisation whose key the recipient holds.
  crypto::SigningKey impostor = crypto::SigningKey::Generate();
  CliRun forged = Open(Package(impostor, public_key_), "out-forged");
  EXPECT_EQ(forged.exit_code, 7) << Describe(forged);

  // Expired yesterday.
  CliRun expired = Open(Package(organisation_, public_key_, -1), "out-expired");
  EXPECT_EQ(expired.exit_code, 8) << Describe(expired);
  EXPECT_NE(expired.out.find("expired"), std::string::npos) << Describe(expired);

  // A bad sender key, a missing key file.
  CliRun bad_sender = RunConfide({"package", "open", dir_.Str("tampered.json"), "--key", dir_.Str("me.key"), "--sender-key", "xyz",
                                  "--receipts", dir_.Str("receipts"), "--out", dir_.Str("o")});
  EXPECT_EQ(bad_sender.exit_code, 4) << Describe(bad_sender);
  CliRun no_key = Open(dir_.Str("tampered.json"), "out-nokey", "missing.key");
  EXPECT_EQ(no_key.exit_code, 3) << Describe(no_key);

  for (const char* out : {"out-tampered", "out-other", "out-forged", "out-expired", "o", "out-nokey"}) {
    EXPECT_FALSE(fs::exists(dir_.Str(out))) << out;
  }
  EXPECT_TRUE(!fs::exists(dir_.Str("receipts")) || fs::is_empty(dir_.Str("receipts")));
}

}  // namespace
}  // namespace confide::integration
