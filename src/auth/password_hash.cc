#include "auth/password_hash.h"

#include <sodium.h>

#include <map>
#include <mutex>
#include <utility>

#include "common/bytes.h"
#include "crypto/sodium_init.h"

namespace confide::auth {

namespace {

// libsodium reads hash strings as NUL-terminated C strings of fewer than crypto_pwhash_STRBYTES
// characters. Copying into a std::string of bounded length makes both hold for any string_view.
bool ToHashCString(std::string_view encoded_hash, std::string& out) {
  if (encoded_hash.empty() || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (encoded_hash.find('\0') != std::string_view::npos) return false;
  out.assign(encoded_hash);
  return true;
}

bool WithinLimits(const PasswordHashParams& p) {
  return p.opslimit >= crypto_pwhash_argon2id_OPSLIMIT_MIN &&
         p.opslimit <= crypto_pwhash_argon2id_OPSLIMIT_MAX &&
         p.memlimit >= crypto_pwhash_argon2id_MEMLIMIT_MIN &&
         p.memlimit <= crypto_pwhash_argon2id_MEMLIMIT_MAX;
}

}  // namespace

PasswordHashParams DefaultPasswordHashParams() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordHashParams TestPasswordHashParams() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params) {
  CONFIDE_RETURN_IF_ERROR(crypto::EnsureSodium());
  if (!WithinLimits(params)) {
    return Status::InvalidArgument("password hash parameters out of range");
  }
  if (password.size() > crypto_pwhash_argon2id_PASSWD_MAX) {
    return Status::InvalidArgument("password too long to hash");
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.opslimit, params.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // The limits were checked above, so only a failed allocation of memlimit bytes is left.
    return Status::Internal("password hashing failed (out of memory)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  if (!crypto::EnsureSodium().ok()) return false;
  std::string hash;
  if (!ToHashCString(encoded_hash, hash)) return false;
  // The argon2id-specific call, so an argon2i string (or anything else) is refused, not accepted.
  return crypto_pwhash_argon2id_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view encoded_hash, const PasswordHashParams& params) {
  if (!crypto::EnsureSodium().ok()) return true;
  std::string hash;
  if (!ToHashCString(encoded_hash, hash)) return true;
  // 0: same algorithm and parameters; 1: different parameters; -1: not an argon2id string.
  return crypto_pwhash_argon2id_str_needs_rehash(hash.c_str(), params.opslimit, params.memlimit) !=
         0;
}

const std::string& DummyPasswordHash(const PasswordHashParams& params) {
  static std::mutex mutex;
  // Nodes of a std::map never move, so references handed out stay valid as others are added.
  static std::map<std::pair<uint64_t, size_t>, std::string> hashes;
  static const std::string kUnavailable;
  std::lock_guard<std::mutex> lock(mutex);
  const auto key = std::make_pair(params.opslimit, params.memlimit);
  if (auto it = hashes.find(key); it != hashes.end()) return it->second;
  // A random password, then forgotten: nobody can know a password that matches. (Secrecy is not
  // what protects a missing account anyway: sign-in refuses it whatever is typed.)
  uint8_t random_password[32];
  crypto::RandomBytes(random_password, sizeof random_password);
  Result<std::string> hash = HashPassword(HexEncode(random_password), params);
  if (!hash.ok()) return kUnavailable;
  return hashes.emplace(key, std::move(hash).value()).first->second;
}

}  // namespace confide::auth
