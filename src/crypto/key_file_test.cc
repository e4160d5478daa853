#include "crypto/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "crypto/encoding.h"
#include "testing/test_util.h"

namespace confide::crypto {
namespace {

using ::confide::testing::ReadFileForTest;
using ::confide::testing::TempDir;

mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 07777;
}

// Writes `content` to a new file with `mode` (set explicitly, whatever the umask).
void WriteFile(const std::string& path, std::string_view content, mode_t mode = 0600) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
  }
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

// A well-formed line for a fixed key, built from the documented format.
struct KnownKey {
  Bytes raw;
  std::string id;
  std::string base64;
  std::string Line() const { return "confide-kek-v1 " + id + " " + base64 + "\n"; }
};

KnownKey MakeKnownKey(uint8_t fill) {
  KnownKey k;
  k.raw.assign(32, fill);
  k.base64 = Base64Encode(k.raw);
  Bytes copy = k.raw;
  k.id = KekIdOf(std::move(SecretKey::FromBytes(copy)).value());
  return k;
}

TEST(KeyFileTest, CreateThenReadRoundTrips) {
  TempDir dir;
  const std::string path = dir.Str("kek");
  ASSERT_OK_AND_ASSIGN(KeyEncryptionKey created, CreateKeyFile(path));
  EXPECT_EQ(created.key.size(), 32u);
  EXPECT_EQ(created.key_id, KekIdOf(created.key));
  ASSERT_OK_AND_ASSIGN(KeyEncryptionKey read, ReadKeyFile(path));
  EXPECT_TRUE(read.key.Equals(created.key));
  EXPECT_EQ(read.key_id, created.key_id);
}

// A recipient's key file has its own tag: neither kind of key file can be taken for the other.
TEST(KeyFileTest, EachKindOfKeyFileReadsOnlyAsItself) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(KeyEncryptionKey recipient, CreateKeyFile(dir.Str("recipient.key"), kRecipientKeyFileTag));
  ASSERT_OK_AND_ASSIGN(KeyEncryptionKey read, ReadKeyFile(dir.Str("recipient.key"), kRecipientKeyFileTag));
  EXPECT_TRUE(read.key.Equals(recipient.key));
  EXPECT_EQ(ReadFileForTest(dir.Str("recipient.key")).rfind("confide-recipient-key-v1 ", 0), 0u);
  EXPECT_EQ(ReadKeyFile(dir.Str("recipient.key")).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK(CreateKeyFile(dir.Str("kek")).status());
  EXPECT_EQ(ReadKeyFile(dir.Str("kek"), kRecipientKeyFileTag).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyFileTest, CreatedFileHasModeOwnerReadWriteOnly) {
  TempDir dir;
  const std::string path = dir.Str("kek");
  ASSERT_OK(CreateKeyFile(path));
  EXPECT_EQ(ModeOf(path), 0600u);
}

TEST(KeyFileTest, ModeIs0600WhateverTheUmask) {
  TempDir dir;
  int n = 0;
  for (mode_t mask : {mode_t{0}, mode_t{022}, mode_t{077}, mode_t{0277}}) {
    const mode_t old = ::umask(mask);
    const std::string path = dir.Str("kek" + std::to_string(n++));
    Result<KeyEncryptionKey> r = CreateKeyFile(path);
    ::umask(old);
    ASSERT_OK(r);
    EXPECT_EQ(ModeOf(path), 0600u) << "umask " << std::oct << mask;
  }
}

TEST(KeyFileTest, FileHasTheDocumentedFormat) {
  TempDir dir;
  const std::string path = dir.Str("kek");
  ASSERT_OK_AND_ASSIGN(KeyEncryptionKey created, CreateKeyFile(path));
  const std::string expected =
      "confide-kek-v1 " + created.key_id + " " + Base64Encode(created.key.view()) + "\n";
  EXPECT_EQ(ReadFileForTest(path), expected);
  EXPECT_EQ(created.key_id.size(), 16u);
}

TEST(KeyFileTest, WriteKeyFileWritesAnExistingKey) {
  TempDir dir;
  const KnownKey known = MakeKnownKey(0x5a);
  Bytes copy = known.raw;
  ASSERT_OK_AND_ASSIGN(SecretKey key, SecretKey::FromBytes(copy));
  ASSERT_OK(WriteKeyFile(dir.Str("kek"), key));
  EXPECT_EQ(ReadFileForTest(dir.Str("kek")), known.Line());
  EXPECT_EQ(ModeOf(dir.Str("kek")), 0600u);
}

TEST(KeyFileTest, CreateRefusesToOverwrite) {
  TempDir dir;
  const std::string path = dir.Str("kek");
  ASSERT_OK(CreateKeyFile(path));
  const std::string before = ReadFileForTest(path);
  Result<KeyEncryptionKey> again = CreateKeyFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(ReadFileForTest(path), before);
}

TEST(KeyFileTest, WriteRefusesToOverwriteAnyFile) {
  TempDir dir;
  const std::string path = dir.Str("other");
  WriteFile(path, "not a key\n");
  SecretKey key = SecretKey::Generate();
  EXPECT_EQ(WriteKeyFile(path, key).code(), StatusCode::kConflict);
  EXPECT_EQ(ReadFileForTest(path), "not a key\n");
}

TEST(KeyFileTest, CreateDoesNotFollowASymlink) {
  TempDir dir;
  const std::string target = dir.Str("target");
  const std::string link = dir.Str("kek");
  std::filesystem::create_symlink(target, link);  // dangling
  EXPECT_EQ(CreateKeyFile(link).status().code(), StatusCode::kConflict);
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST(KeyFileTest, CreateInMissingDirectoryIsNotFound) {
  TempDir dir;
  const std::string path = dir.Str("missing/kek");
  EXPECT_EQ(CreateKeyFile(path).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(KeyFileTest, WriteRejectsKeyOfWrongSize) {
  TempDir dir;
  SecretKey key = SecretKey::Generate(16);
  EXPECT_EQ(WriteKeyFile(dir.Str("kek"), key).code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(dir.Str("kek")));
}

TEST(KeyFileTest, ReadMissingFileIsNotFound) {
  TempDir dir;
  EXPECT_EQ(ReadKeyFile(dir.Str("absent")).status().code(), StatusCode::kNotFound);
}

TEST(KeyFileTest, ReadRejectsFileOthersCanAccessAndNamesTheFix) {
  TempDir dir;
  const std::string path = dir.Str("kek");
  ASSERT_OK(CreateKeyFile(path));
  for (mode_t mode : {mode_t{0644}, mode_t{0640}, mode_t{0604}, mode_t{0620}, mode_t{0602},
                      mode_t{0601}, mode_t{0610}, mode_t{0666}}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    Result<KeyEncryptionKey> r = ReadKeyFile(path);
    ASSERT_FALSE(r.ok()) << std::oct << mode;
    EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(r.status().message().find("chmod 600 " + path), std::string::npos)
        << r.status().message();
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);  // owner read-only is fine
  EXPECT_OK(ReadKeyFile(path));
}

TEST(KeyFileTest, ReadFollowsSymlinkAndChecksTheTarget) {
  TempDir dir;
  const std::string target = dir.Str("target");
  const std::string link = dir.Str("kek");
  ASSERT_OK(CreateKeyFile(target));
  std::filesystem::create_symlink(target, link);
  EXPECT_OK(ReadKeyFile(link));
  ASSERT_EQ(::chmod(target.c_str(), 0644), 0);
  EXPECT_EQ(ReadKeyFile(link).status().code(), StatusCode::kFailedPrecondition);
}

TEST(KeyFileTest, ReadRejectsADirectory) {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "kek");
  ::chmod(dir.Str("kek").c_str(), 0700);
  EXPECT_EQ(ReadKeyFile(dir.Str("kek")).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyFileTest, ReadRejectsMalformedLines) {
  TempDir dir;
  const KnownKey k = MakeKnownKey(0x11);
  const std::string upper_id = [&] {
    std::string s = k.id;
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }();
  const std::string short_key = Base64Encode(Bytes(31, 0x11));
  const std::string long_key = Base64Encode(Bytes(33, 0x11));
  const std::string kMalformed[] = {
      "",
      "\n",
      k.Line().substr(0, k.Line().size() - 1),  // no final newline
      "confide-kek-v1 " + k.id + " " + k.base64 + "\r\n",
      k.Line() + k.Line(),  // two lines
      k.Line() + "\n",      // trailing blank line
      "confide-kek-v2 " + k.id + " " + k.base64 + "\n",
      "CONFIDE-KEK-V1 " + k.id + " " + k.base64 + "\n",
      "confide-kek-v1 " + upper_id + " " + k.base64 + "\n",
      "confide-kek-v1 " + k.id.substr(1) + " " + k.base64 + "\n",
      "confide-kek-v1 " + k.id + "0 " + k.base64 + "\n",
      "confide-kek-v1 " + std::string(15, '0') + "g " + k.base64 + "\n",
      "confide-kek-v1 " + k.id + " " + short_key + "\n",
      "confide-kek-v1 " + k.id + " " + long_key + "\n",
      "confide-kek-v1 " + k.id + " " + k.base64.substr(0, 43) + "\n",  // padding dropped
      "confide-kek-v1 " + k.id + " " + k.base64 + "=\n",
      "confide-kek-v1  " + k.id + " " + k.base64 + "\n",  // double space
      " confide-kek-v1 " + k.id + " " + k.base64 + "\n",
      "confide-kek-v1 " + k.id + " " + k.base64 + " \n",
      "confide-kek-v1\t" + k.id + "\t" + k.base64 + "\n",
      "confide-kek-v1 " + k.id + " " + k.base64 + " extra\n",
      "confide-kek-v1 " + k.base64 + "\n",  // id missing
      std::string(1000, 'a') + "\n",
  };
  int n = 0;
  for (const std::string& content : kMalformed) {
    const std::string path = dir.Str("kek" + std::to_string(n++));
    WriteFile(path, content);
    Result<KeyEncryptionKey> r = ReadKeyFile(path);
    ASSERT_FALSE(r.ok()) << "accepted: " << content;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << content;
    EXPECT_EQ(r.status().message().find(k.base64), std::string::npos);
  }
  // The same key written correctly is accepted, so the rejections above are about the format.
  WriteFile(dir.Str("good"), k.Line());
  EXPECT_OK(ReadKeyFile(dir.Str("good")));
}

TEST(KeyFileTest, ReadRejectsMismatchingKeyId) {
  TempDir dir;
  const KnownKey a = MakeKnownKey(0x21);
  const KnownKey b = MakeKnownKey(0x22);
  std::string wrong_id = a.id;
  wrong_id[15] = wrong_id[15] == '0' ? '1' : '0';
  const std::string cases[] = {
      "confide-kek-v1 " + wrong_id + " " + a.base64 + "\n",
      "confide-kek-v1 " + b.id + " " + a.base64 + "\n",  // another key's id
  };
  int n = 0;
  for (const std::string& content : cases) {
    const std::string path = dir.Str("kek" + std::to_string(n++));
    WriteFile(path, content);
    Result<KeyEncryptionKey> r = ReadKeyFile(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find("does not match"), std::string::npos);
    EXPECT_EQ(r.status().message().find(a.base64), std::string::npos);
    EXPECT_EQ(r.status().message().find(HexEncode(a.raw)), std::string::npos);
  }
}

TEST(KeyFileTest, KeyIdDependsOnTheKey) {
  EXPECT_NE(MakeKnownKey(1).id, MakeKnownKey(2).id);
  EXPECT_EQ(MakeKnownKey(1).id, MakeKnownKey(1).id);
}

}  // namespace
}  // namespace confide::crypto
