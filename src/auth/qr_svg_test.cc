#include "auth/qr_svg.h"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <sstream>
#include <string>
#include <vector>

#include "testing/test_util.h"

namespace confide::auth {
namespace {

const char kUri[] =
    "otpauth://totp/Confide:jane%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    "&issuer=Confide&algorithm=SHA1&digits=6&period=30";

struct Reference {
  int width = 0;
  std::vector<bool> dark;  // row-major, width * width
};

// What libqrencode itself says, with the same settings QrCodeSvg uses.
Reference Encode(const char* text) {
  Reference ref;
  QRcode* code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == nullptr) return ref;
  ref.width = code->width;
  for (int i = 0; i < code->width * code->width; ++i) ref.dark.push_back((code->data[i] & 1) != 0);
  QRcode_free(code);
  return ref;
}

// Parses the path's "Mx yhNv1h-Nz" runs back into a grid of the SVG's size. (By hand: GCC 12's
// std::regex trips -Wmaybe-uninitialized under the sanitizer build.)
std::vector<bool> Draw(const std::string& svg, int size) {
  std::vector<bool> grid(static_cast<size_t>(size) * size, false);
  const size_t d = svg.find(" d=\"");
  EXPECT_NE(d, std::string::npos);
  if (d == std::string::npos) return grid;
  std::istringstream in(svg.substr(d + 4, svg.find('"', d + 4) - (d + 4)));
  char m, h, v, one, hh, minus, z;
  int x, y, n, back;
  while (in >> m >> x >> y >> h >> n >> v >> one >> hh >> minus >> back >> z) {
    EXPECT_TRUE(m == 'M' && h == 'h' && v == 'v' && one == '1' && hh == 'h' && minus == '-' && z == 'z');
    EXPECT_EQ(n, back);
    for (int k = 0; k < n; ++k) {
      EXPECT_FALSE(grid[y * size + x + k]) << "module drawn twice at " << x + k << "," << y;
      grid[y * size + x + k] = true;
    }
  }
  return grid;
}

TEST(QrSvgTest, WellFormedInertSvg) {
  ASSERT_OK_AND_ASSIGN(std::string svg, QrCodeSvg(kUri, "Scan with your authenticator app"));
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", 0), 0u) << svg;
  EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"Scan with your authenticator app\""), std::string::npos);
  EXPECT_TRUE(svg.ends_with("\"/></svg>"));
  // Exactly one path; nothing active or external; the secret is not in the markup.
  EXPECT_EQ(svg.find("<path"), svg.rfind("<path"));
  for (const char* banned :
       {"<script", "href", "<image", "<style", "<foreignObject", "url(", "secret", "GEZDGNBV"}) {
    EXPECT_EQ(svg.find(banned), std::string::npos) << banned;
  }
  // No event handler attribute (" onload=", " onclick=", ...).
  for (size_t at = svg.find(" on"); at != std::string::npos; at = svg.find(" on", at + 1)) {
    size_t i = at + 3;
    while (i < svg.size() && svg[i] >= 'a' && svg[i] <= 'z') ++i;
    EXPECT_FALSE(i > at + 3 && i < svg.size() && svg[i] == '=') << "event handler attribute";
  }
}

TEST(QrSvgTest, AriaLabelIsEscaped) {
  ASSERT_OK_AND_ASSIGN(std::string svg, QrCodeSvg("x", "a\"><script>alert('x')</script>&"));
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(
      svg.find("aria-label=\"a&quot;&gt;&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;&amp;\""),
      std::string::npos);
}

TEST(QrSvgTest, DrawsExactlyTheModulesLibqrencodeReports) {
  const Reference ref = Encode(kUri);
  ASSERT_GT(ref.width, 0);
  ASSERT_OK_AND_ASSIGN(std::string svg, QrCodeSvg(kUri));
  const int size = ref.width + 2 * kQrQuietZoneModules;
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size) + "\""),
            std::string::npos);
  const std::vector<bool> drawn = Draw(svg, size);
  int reported = 0, drawn_count = 0;
  for (bool d : ref.dark) reported += d;
  for (bool d : drawn) drawn_count += d;
  EXPECT_EQ(drawn_count, reported);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const int qx = x - kQrQuietZoneModules, qy = y - kQrQuietZoneModules;
      const bool inside = qx >= 0 && qy >= 0 && qx < ref.width && qy < ref.width;
      const bool expected = inside && ref.dark[qy * ref.width + qx];
      ASSERT_EQ(drawn[y * size + x], expected) << "module " << x << "," << y;
    }
  }
}

TEST(QrSvgTest, FinderPatternCornersAreDark) {
  const Reference ref = Encode(kUri);
  ASSERT_OK_AND_ASSIGN(std::string svg, QrCodeSvg(kUri));
  const int size = ref.width + 2 * kQrQuietZoneModules;
  const std::vector<bool> drawn = Draw(svg, size);
  const int q = kQrQuietZoneModules, last = q + ref.width - 1;
  // The three finder patterns' outer corners (top-left, top-right, bottom-left) and centres.
  const std::pair<int, int> dark[] = {
      {q, q},         {q + 6, q},        {q, q + 6},       {q + 6, q + 6}, {last, q},
      {last - 6, q},  {last, q + 6},     {q, last},        {q, last - 6},  {q + 6, last},
      {q + 3, q + 3}, {last - 3, q + 3}, {q + 3, last - 3}};
  for (auto [x, y] : dark) {
    EXPECT_TRUE(drawn[y * size + x]) << x << "," << y;
  }
  // The ring inside each finder pattern is light; the bottom-right corner has no finder pattern.
  EXPECT_FALSE(drawn[(q + 1) * size + q + 1]);
  EXPECT_FALSE(drawn[(q + 1) * size + last - 1]);
  EXPECT_FALSE(drawn[(last - 1) * size + q + 1]);
  // The quiet zone is light.
  for (int i = 0; i < size; ++i) {
    EXPECT_FALSE(drawn[i]);
    EXPECT_FALSE(drawn[(size - 1) * size + i]);
  }
}

TEST(QrSvgTest, EmptyTextIsAnError) {
  EXPECT_EQ(QrCodeSvg("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(QrCodeSvg(std::string("a\0b", 3)).status().code(), StatusCode::kInvalidArgument);
}

TEST(QrSvgTest, TextBeyondCapacityIsAnErrorNotACrash) {
  // Version 40 at level M holds 2,331 bytes.
  EXPECT_EQ(QrCodeSvg(std::string(2332, 'x')).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(QrCodeSvg(std::string(100000, 'x')).status().code(), StatusCode::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(std::string svg, QrCodeSvg(std::string(2331, 'x')));
  EXPECT_NE(svg.find("viewBox=\"0 0 185 185\""), std::string::npos);  // 177 modules + 2 * 4
}

TEST(QrSvgTest, Utf8TextIsEncodedAsBytes) {
  ASSERT_OK_AND_ASSIGN(std::string svg, QrCodeSvg("Zo\u00eb \U0001F511"));
  EXPECT_NE(svg.find("<path"), std::string::npos);
}

}  // namespace
}  // namespace confide::auth
