#include "http/listen_address.h"

namespace confide::http {

Result<boost::asio::ip::tcp::endpoint> ParseListenAddress(std::string_view listen) {
  auto invalid = [&] {
    return Status::InvalidArgument("listen address must be IPv4:PORT or [IPv6]:PORT with a numeric address, not '" +
                                   std::string(listen) + "'");
  };
  const size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == listen.size() || listen.size() - colon - 1 > 5) return invalid();
  std::string_view host = listen.substr(0, colon);
  const std::string_view port_text = listen.substr(colon + 1);
  unsigned port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9') return invalid();
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port > 65535) return invalid();
  const bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  const boost::asio::ip::address address = boost::asio::ip::make_address(std::string(host), ec);
  if (ec || address.is_v6() != bracketed) return invalid();
  return boost::asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

bool IsLoopback(const boost::asio::ip::address& address) {
  if (address.is_v4()) return address.to_v4().is_loopback();
  const boost::asio::ip::address_v6 v6 = address.to_v6();
  if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).is_loopback();
  return v6.is_loopback();
}

std::string FormatEndpoint(const boost::asio::ip::tcp::endpoint& endpoint) {
  const std::string address = endpoint.address().to_string();
  const std::string port = std::to_string(endpoint.port());
  return endpoint.address().is_v6() ? "[" + address + "]:" + port : address + ":" + port;
}

}  // namespace confide::http
