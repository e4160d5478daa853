#include "auth/totp.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "testing/test_util.h"

namespace confide::auth {
namespace {

// RFC 6238 Appendix B uses a seed as long as each hash's output (its reference code's seeds; the
// prose says only the 20-byte one, a known erratum).
const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";

TotpParams Rfc6238(TotpParams::Algorithm algorithm) {
  return {.digits = 8, .period_seconds = 30, .algorithm = algorithm, .window = 1};
}

// RFC 4226 Appendix D: HOTP values for counters 0..9, 6 digits.
TEST(HotpTest, Rfc4226AppendixDVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t counter = 0; counter < 10; ++counter) {
    ASSERT_OK_AND_ASSIGN(std::string code, Hotp(AsBytes(kSeed20), counter, 6));
    EXPECT_EQ(code, expected[counter]) << "counter " << counter;
  }
}

// RFC 6238 Appendix B: every row of the table (8 digits, 30-second steps, T0 = 0).
TEST(TotpTest, Rfc6238AppendixBVectors) {
  struct Row {
    int64_t time;
    const char* sha1;
    const char* sha256;
    const char* sha512;
  };
  const Row rows[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  };
  for (const Row& row : rows) {
    ASSERT_OK_AND_ASSIGN(std::string sha1,
                         Totp(AsBytes(kSeed20), row.time, Rfc6238(TotpParams::kSha1)));
    ASSERT_OK_AND_ASSIGN(std::string sha256,
                         Totp(AsBytes(kSeed32), row.time, Rfc6238(TotpParams::kSha256)));
    ASSERT_OK_AND_ASSIGN(std::string sha512,
                         Totp(AsBytes(kSeed64), row.time, Rfc6238(TotpParams::kSha512)));
    EXPECT_EQ(sha1, row.sha1) << "SHA1 at " << row.time;
    EXPECT_EQ(sha256, row.sha256) << "SHA256 at " << row.time;
    EXPECT_EQ(sha512, row.sha512) << "SHA512 at " << row.time;
  }
}

TEST(TotpTest, SixDigitsAreTheLastSixOfEight) {
  // Truncation is value mod 10^digits, so the 6-digit code is the 8-digit one's last six digits.
  ASSERT_OK_AND_ASSIGN(std::string code, Totp(AsBytes(kSeed20), 1111111109, TotpParams{}));
  EXPECT_EQ(code, "081804");
}

TEST(TotpTest, InvalidInputsRefused) {
  const Bytes secret = NewTotpSecret();
  EXPECT_EQ(Totp(AsBytes("short secret"), 0, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Totp(secret, -1, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Totp(secret, 253402300800, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Totp(secret, 0, {.digits = 5}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Totp(secret, 0, {.digits = 9}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Totp(secret, 0, {.period_seconds = 0}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Totp(secret, 0, {.window = -1}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Totp(secret, 0, {.window = 11}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Hotp(secret, 0, 10).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Hotp({}, 0, 6).status().code(), StatusCode::kInvalidArgument);
}

TEST(TotpTest, SevenDigitsSupported) {
  ASSERT_OK_AND_ASSIGN(std::string code, Totp(AsBytes(kSeed20), 59, {.digits = 7}));
  EXPECT_EQ(code, "4287082");
}

TEST(NewTotpSecretTest, Is160RandomBits) {
  std::set<Bytes> seen;
  for (int i = 0; i < 100; ++i) {
    Bytes s = NewTotpSecret();
    EXPECT_EQ(s.size(), 20u);
    seen.insert(std::move(s));
  }
  EXPECT_EQ(seen.size(), 100u);
}

class MatchTotpTest : public ::testing::Test {
 protected:
  static constexpr int64_t kNow = 1111111111;  // inside step 37037037 (which starts at ...110)
  static constexpr int64_t kStep = kNow / 30;

  std::string CodeAt(int64_t step, const TotpParams& params = {}) {
    Result<std::string> code = Totp(secret_, step * 30, params);
    EXPECT_TRUE(code.ok());
    return code.ok() ? *code : "";
  }
  std::optional<int64_t> Match(std::string_view code, int64_t last_used = -1,
                               const TotpParams& params = {}) {
    Result<std::optional<int64_t>> r = MatchTotp(secret_, code, kNow, params, last_used);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::nullopt;
  }

  Bytes secret_ = Bytes(AsBytes(kSeed20).begin(), AsBytes(kSeed20).end());
};

TEST_F(MatchTotpTest, CurrentCodeMatchesItsStep) {
  EXPECT_EQ(Match(CodeAt(kStep)), kStep);
  EXPECT_EQ(Match("050471"), kStep);  // RFC 6238's 14050471, 6 digits
}

TEST_F(MatchTotpTest, WindowOfOneStepEitherSideAccepted) {
  EXPECT_EQ(Match(CodeAt(kStep - 1)), kStep - 1);
  EXPECT_EQ(Match(CodeAt(kStep + 1)), kStep + 1);
}

TEST_F(MatchTotpTest, TwoStepsAwayRefused) {
  EXPECT_EQ(Match(CodeAt(kStep - 2)), std::nullopt);
  EXPECT_EQ(Match(CodeAt(kStep + 2)), std::nullopt);
  // ...unless the window is widened.
  EXPECT_EQ(Match(CodeAt(kStep - 2), -1, {.window = 2}), kStep - 2);
}

TEST_F(MatchTotpTest, WindowZeroAcceptsOnlyTheCurrentStep) {
  EXPECT_EQ(Match(CodeAt(kStep), -1, {.window = 0}), kStep);
  EXPECT_EQ(Match(CodeAt(kStep - 1), -1, {.window = 0}), std::nullopt);
}

TEST_F(MatchTotpTest, ReplayOfTheSameStepRefused) {
  const std::string code = CodeAt(kStep);
  const std::optional<int64_t> first = Match(code);
  ASSERT_EQ(first, kStep);
  EXPECT_EQ(Match(code, *first), std::nullopt);
  // An earlier step's code is refused too once a later one was used...
  EXPECT_EQ(Match(CodeAt(kStep - 1), *first), std::nullopt);
  // ...but the next step's code is still fine.
  EXPECT_EQ(Match(CodeAt(kStep + 1), *first), kStep + 1);
}

TEST_F(MatchTotpTest, WrongCodeRefused) {
  const std::string code = CodeAt(kStep);
  std::string wrong = code;
  wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
  EXPECT_EQ(Match(wrong), std::nullopt);
}

TEST_F(MatchTotpTest, WrongLengthRefused) {
  const std::string code = CodeAt(kStep);
  EXPECT_EQ(Match(code.substr(0, 5)), std::nullopt);
  EXPECT_EQ(Match(code + "0"), std::nullopt);
  EXPECT_EQ(Match(""), std::nullopt);
  // An 8-digit code whose last six are right is still wrong for 6-digit params.
  EXPECT_EQ(Match("14050471"), std::nullopt);
}

TEST_F(MatchTotpTest, NonDigitsRefused) {
  const std::string code = CodeAt(kStep);
  EXPECT_EQ(Match(code.substr(0, 3) + " " + code.substr(3, 2)), std::nullopt);
  EXPECT_EQ(Match(" " + code.substr(1)), std::nullopt);
  EXPECT_EQ(Match("12345a"), std::nullopt);
  EXPECT_EQ(Match("-12345"), std::nullopt);
  EXPECT_EQ(Match("\xd9\xa1\xd9\xa2\xd9\xa3"), std::nullopt);  // Arabic-Indic digits
  EXPECT_EQ(Match(std::string("05047\0", 6)), std::nullopt);
}

TEST_F(MatchTotpTest, OtherAlgorithmsAndDigits) {
  const TotpParams p{.digits = 8, .algorithm = TotpParams::kSha512};
  EXPECT_EQ(Match(CodeAt(kStep, p), -1, p), kStep);
  EXPECT_EQ(Match(CodeAt(kStep, p), -1, {.digits = 8}), std::nullopt);  // SHA-1 code differs
}

TEST_F(MatchTotpTest, NoStepsBeforeTheEpoch) {
  ASSERT_OK_AND_ASSIGN(std::optional<int64_t> step, MatchTotp(secret_, "755224", 0, {}, -1));
  EXPECT_EQ(step, 0);  // step 0's code is HOTP(0)
  EXPECT_EQ(MatchTotp(secret_, "755224", -30, {}, -1).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(MatchTotpTest, InvalidParamsAreErrors) {
  EXPECT_EQ(MatchTotp(AsBytes("short"), "123456", kNow, {}, -1).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace confide::auth
