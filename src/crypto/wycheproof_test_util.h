// Test-only helpers for reading Wycheproof vector files from ../shared/testvectors/wycheproof/.
// Not part of the crypto library: only *_test.cc files include this.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "common/bytes.h"
#include "testing/test_util.h"

namespace confide::crypto::testing {

// Parses a Wycheproof file. Fails the test (and returns a null json) if it is missing or
// unreadable, so a lost file shows up as a failure instead of a loop over zero vectors.
inline nlohmann::json LoadWycheproof(const std::string& file_name) {
  const auto path = confide::testing::SharedDir() / "testvectors" / "wycheproof" / file_name;
  const std::string text = confide::testing::ReadFileForTest(path);
  if (text.empty()) {
    ADD_FAILURE() << "cannot read " << path
                  << " (set CONFIDE_SHARED_DIR or run from the repo root)";
    return nullptr;
  }
  nlohmann::json doc = nlohmann::json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.contains("testGroups")) {
    ADD_FAILURE() << path << " is not a Wycheproof vector file";
    return nullptr;
  }
  return doc;
}

// Decodes a hex field of a vector; the files are trusted, so bad hex is a broken file.
inline Bytes VectorHex(const nlohmann::json& field) {
  Result<Bytes> bytes = HexDecode(field.get<std::string>());
  EXPECT_TRUE(bytes.ok()) << "bad hex in vector file";
  return bytes.ok() ? std::move(bytes).value() : Bytes{};
}

// "tcId 17 (EdgeCasePoly1305): comment", for failure messages.
inline std::string Describe(const nlohmann::json& test) {
  std::string out = "tcId " + std::to_string(test.at("tcId").get<int>()) + " (";
  for (const auto& flag : test.at("flags")) out += flag.get<std::string>() + " ";
  out += "): " + test.at("comment").get<std::string>();
  return out;
}

}  // namespace confide::crypto::testing
