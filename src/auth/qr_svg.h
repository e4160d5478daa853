// QR codes as inline SVG, for the TOTP enrolment page (the otpauth:// URI an authenticator app
// scans). Encoded by libqrencode; drawn here. Thread-safe (Debian builds libqrencode with
// pthreads).
//
// The SVG is self-contained and inert: one white background <rect>, one <path> of the dark modules
// (horizontal runs merged), a 4-module quiet zone (ISO/IEC 18004 asks for 4), the viewBox in module
// units so it scales to any size without blurring (shape-rendering="crispEdges"), role="img" with
// an aria-label. No scripts, no styles, no links, no external references, and the encoded text
// itself is not written into the SVG.
#pragma once

#include <string>
#include <string_view>

#include "confide/result.h"

namespace confide::auth {

inline constexpr int kQrQuietZoneModules = 4;

// `text` as a QR code (error correction level M, byte mode, smallest version that fits).
// `aria_label` is XML-escaped. kInvalidArgument if `text` is empty, contains a NUL byte, or does
// not fit in a QR code (about 2,300 bytes at level M); kInternal if libqrencode fails otherwise.
Result<std::string> QrCodeSvg(std::string_view text, std::string_view aria_label = "QR code");

}  // namespace confide::auth
