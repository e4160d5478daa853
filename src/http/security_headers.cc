#include "http/security_headers.h"

namespace confide::http {

void AddSecurityHeaders(Response& response, bool tls) {
  response.SetHeaderIfAbsent("Cache-Control", "no-store");
  response.SetHeaderIfAbsent("X-Content-Type-Options", "nosniff");
  response.SetHeaderIfAbsent("Referrer-Policy", "no-referrer");
  response.SetHeaderIfAbsent("X-Frame-Options", "DENY");
  response.SetHeaderIfAbsent("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  response.SetHeaderIfAbsent("Cross-Origin-Opener-Policy", "same-origin");
  response.SetHeaderIfAbsent("Cross-Origin-Resource-Policy", "same-origin");
  response.SetHeaderIfAbsent("Permissions-Policy",
                             "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                             "microphone=(), payment=(), usb=()");
  if (tls) response.SetHeaderIfAbsent("Strict-Transport-Security", "max-age=31536000");
}

}  // namespace confide::http
