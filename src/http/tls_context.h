// The server's TLS configuration (asio::ssl::context over OpenSSL).
//
// TLS 1.2 minimum (1.3 negotiated whenever the client has it); TLS 1.2 restricted to ECDHE with
// AEAD ciphers (Mozilla's "intermediate" list without DHE); no compression, no renegotiation, no
// session tickets (stateless tickets weaken forward secrecy under TLS 1.2); groups X25519, P-256,
// P-384. An encrypted private key is refused rather than prompting on the terminal.
// Thread-safety: the context is used by every connection concurrently (OpenSSL allows this once it
// is configured); do not change it after the server starts.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "confide/result.h"

namespace confide::http {

// kInvalidArgument naming the file if either cannot be read or parsed, or if the key does not
// belong to the certificate.
Result<std::unique_ptr<boost::asio::ssl::context>> MakeServerTlsContext(const std::string& cert_chain_file,
                                                                        const std::string& key_file);

}  // namespace confide::http
