// The headers every response carries unless the handler (or Hooks::before_send) already set a
// header of that name. The defaults suit a JSON API serving personal data: nothing is cached,
// nothing is sniffed, framed, referred or loaded; the web UI overrides Content-Security-Policy
// (and Cache-Control for static assets) per response.
// Thread-safety: pure function.
#pragma once

#include "http/response.h"

namespace confide::http {

// Adds the defaults below to `response`; Strict-Transport-Security only if `tls` (over plain HTTP
// the header is ignored by browsers and would only mislead).
//   Cache-Control: no-store
//   X-Content-Type-Options: nosniff
//   Referrer-Policy: no-referrer
//   X-Frame-Options: DENY
//   Content-Security-Policy: default-src 'none'; frame-ancestors 'none'
//   Cross-Origin-Opener-Policy: same-origin
//   Cross-Origin-Resource-Policy: same-origin
//   Permissions-Policy: accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(),
//                       microphone=(), payment=(), usb=()
//   Strict-Transport-Security: max-age=31536000
void AddSecurityHeaders(Response& response, bool tls);

}  // namespace confide::http
