// Cookies: reading one from a request's Cookie header, and writing the Set-Cookie value of a
// __Host- cookie (Secure, Path=/, no Domain: no other site or subdomain can set or read it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/request.h"

namespace confide::http {

// The value of the first cookie called `name`, if the request sent one.
std::optional<std::string> CookieValue(const Request& req, std::string_view name);

// "NAME=VALUE; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=N" (Max-Age=0 deletes it).
std::string HostCookie(std::string_view name, std::string_view value, int64_t max_age_seconds);

}  // namespace confide::http
