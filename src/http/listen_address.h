// Parsing ServerOptions::listen ("127.0.0.1:8080", "[::1]:0") into an endpoint.
// Thread-safety: pure functions.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string>
#include <string_view>

#include "confide/result.h"

namespace confide::http {

// kInvalidArgument unless `listen` is a numeric IPv4 address or a bracketed IPv6 address, a colon
// and a port 0-65535. Host names are refused: what a name resolves to can change, what is exposed
// must not.
Result<boost::asio::ip::tcp::endpoint> ParseListenAddress(std::string_view listen);

// 127.0.0.0/8, ::1, or an IPv4-mapped loopback address.
bool IsLoopback(const boost::asio::ip::address& address);

// "127.0.0.1:8080" or "[::1]:8080".
std::string FormatEndpoint(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace confide::http
