#include "crypto/secret_key.h"

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

#include "crypto/hash.h"
#include "crypto/sodium_init.h"

namespace confide::crypto {
namespace {

// Returns guarded memory for `size` bytes, or nullptr. sodium_malloc needs libsodium initialised
// (it reads the page size that sodium_init records), so that comes first.
uint8_t* AllocateGuarded(size_t size) {
  if (!EnsureSodium().ok()) return nullptr;
  return static_cast<uint8_t*>(sodium_malloc(size));
}

}  // namespace

SecretKey SecretKey::Generate(size_t size) {
  // A zero-sized key holds nothing; returning the empty state keeps every later size check honest.
  if (size == 0) return SecretKey(nullptr, 0);
  uint8_t* data = AllocateGuarded(size);
  // Running out of guarded pages (the mmap count or address space) is an out-of-memory condition,
  // like failing `new`; it is not an input error, so it is reported the way C++ reports OOM.
  if (data == nullptr) throw std::bad_alloc();
  randombytes_buf(data, size);
  // Key bytes never change after construction; read-only pages turn a stray write into a crash
  // rather than a silently different key. sodium_free restores write access before wiping.
  sodium_mprotect_readonly(data);
  return SecretKey(data, size);
}

Result<SecretKey> SecretKey::FromBytes(Bytes& source) {
  return FromBytes(source.data(), source.size());
}

Result<SecretKey> SecretKey::FromBytes(uint8_t* source, size_t size) {
  if (source == nullptr || size == 0) {
    return Status::InvalidArgument("secret key material is empty");
  }
  uint8_t* data = AllocateGuarded(size);
  if (data == nullptr) {
    sodium_memzero(source, size);
    return Status::Internal("could not allocate guarded memory for a secret key");
  }
  std::memcpy(data, source, size);
  // The caller's copy is the one that could outlive us in ordinary (swappable, unwiped) memory.
  sodium_memzero(source, size);
  sodium_mprotect_readonly(data);
  return SecretKey(data, size);
}

SecretKey::SecretKey(SecretKey&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecretKey::~SecretKey() { Release(); }

void SecretKey::Release() {
  // sodium_free makes the pages writable again, zeroes them, unlocks and unmaps them.
  if (data_ != nullptr) sodium_free(data_);
  data_ = nullptr;
  size_ = 0;
}

bool SecretKey::Equals(const SecretKey& other) const {
  return ConstantTimeEquals(view(), other.view());
}

bool SecretKey::IsZeroForTest(const uint8_t* p, size_t size) {
  if (size == 0) return true;
  return sodium_is_zero(p, size) == 1;
}

}  // namespace confide::crypto
