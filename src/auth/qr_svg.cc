#include "auth/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace confide::auth {

namespace {

struct QrCodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeFree>;

std::string XmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool IsDark(const QRcode& code, int x, int y) {
  // libqrencode: bit 0 of each module's byte is 1 for dark; the other bits describe its role.
  return (code.data[y * code.width + x] & 1) != 0;
}

}  // namespace

Result<std::string> QrCodeSvg(std::string_view text, std::string_view aria_label) {
  if (text.empty()) return Status::InvalidArgument("nothing to encode in the QR code");
  if (text.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("QR code text contains a NUL byte");
  }
  const std::string c_text(text);  // libqrencode reads a NUL-terminated string
  errno = 0;
  QrCodePtr code(QRcode_encodeString(c_text.c_str(), /*version=*/0, QR_ECLEVEL_M, QR_MODE_8,
                                     /*casesensitive=*/1));
  if (!code) {
    if (errno == ERANGE) return Status::InvalidArgument("text too long for a QR code");
    return Status::Internal("QR encoding failed");
  }

  const int size = code->width + 2 * kQrQuietZoneModules;
  const std::string n = std::to_string(size);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
                    "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"" +
                    XmlEscape(aria_label) + "\">";
  // An explicit light background: on a dark page a transparent quiet zone would not scan.
  svg += "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>";
  svg += "<path fill=\"#000\" d=\"";
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width;) {
      if (!IsDark(*code, x, y)) {
        ++x;
        continue;
      }
      int run = 0;
      while (x + run < code->width && IsDark(*code, x + run, y)) ++run;
      // A run of `run` dark modules as a closed rectangle one module high.
      svg += "M" + std::to_string(x + kQrQuietZoneModules) + " " +
             std::to_string(y + kQrQuietZoneModules) + "h" + std::to_string(run) + "v1h-" +
             std::to_string(run) + "z";
      x += run;
    }
  }
  svg += "\"/></svg>";
  return svg;
}

}  // namespace confide::auth
