#include "http/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <filesystem>
#include <fstream>

namespace confide::http {
namespace {

constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

bool Readable(const std::string& path) {
  std::ifstream in(path);
  return in.good() && std::filesystem::is_regular_file(path);
}

}  // namespace

Result<std::unique_ptr<boost::asio::ssl::context>> MakeServerTlsContext(const std::string& cert_chain_file,
                                                                        const std::string& key_file) {
  namespace ssl = boost::asio::ssl;
  if (!Readable(cert_chain_file)) return Status::InvalidArgument("cannot read the TLS certificate file " + cert_chain_file);
  if (!Readable(key_file)) return Status::InvalidArgument("cannot read the TLS key file " + key_file);

  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  boost::system::error_code ec;
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                       ssl::context::single_dh_use,
                   ec);
  if (ec) return Status::Internal("cannot set TLS options: " + ec.message());
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET);
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1 ||
      SSL_CTX_set1_groups_list(native, "X25519:P-256:P-384") != 1) {
    return Status::Internal("cannot configure TLS versions, ciphers or groups");
  }
  // Without this OpenSSL would prompt on the terminal for an encrypted key's passphrase.
  ctx->set_password_callback([](std::size_t, ssl::context::password_purpose) { return std::string(); }, ec);

  ctx->use_certificate_chain_file(cert_chain_file, ec);
  if (ec) return Status::InvalidArgument("cannot load the TLS certificate chain " + cert_chain_file + ": " + ec.message());
  ctx->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec && ec.category() == boost::asio::error::get_ssl_category() &&
      ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH) {
    return Status::InvalidArgument("the TLS private key " + key_file + " does not match the certificate " +
                                   cert_chain_file);
  }
  if (ec) {
    return Status::InvalidArgument("cannot load the TLS private key " + key_file + " (it must be unencrypted PEM): " +
                                   ec.message());
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    return Status::InvalidArgument("the TLS private key " + key_file + " does not match the certificate " +
                                   cert_chain_file);
  }
  return ctx;
}

}  // namespace confide::http
