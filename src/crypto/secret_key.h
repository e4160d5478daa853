// SecretKey: key material that lives in guarded, locked memory and is wiped when destroyed.
//
// The bytes sit in sodium_malloc'd memory (guard pages, mlock'd, never swapped where the OS allows)
// and are zeroed by sodium_free. Copying is deleted; moving transfers ownership. Constructing from
// a caller's buffer wipes the caller's copy. The pages are read-only once the key is in place, so a
// stray write faults. A moved-from SecretKey is empty (data() == nullptr, size() == 0), and every
// crypto function refuses an empty key. Not thread-safe for mutation; const use is safe.
//
// Cost: each key takes its own guard-paged mapping (about 16 KiB of address space, two or three
// resident pages, several system calls, ~30 us to create and free). Fine for the organisation's
// long-lived keys; do not hold one per data subject for a whole table at once.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/bytes.h"
#include "confide/result.h"

namespace confide::crypto {

class SecretKey {
 public:
  static constexpr size_t kDefaultSize = 32;

  // A fresh random key of `size` bytes (size 0 gives an empty key). Running out of guarded memory
  // is treated like any out-of-memory condition: std::bad_alloc, as `new` does.
  static SecretKey Generate(size_t size = kDefaultSize);
  // Takes the bytes and wipes `source` (sodium_memzero) before returning, whatever the outcome.
  // `source` keeps its size; only its contents are zeroed. Fails with kInvalidArgument if `source`
  // is empty, kInternal if guarded memory cannot be allocated.
  static Result<SecretKey> FromBytes(Bytes& source);
  static Result<SecretKey> FromBytes(uint8_t* source, size_t size);

  SecretKey(SecretKey&& other) noexcept;
  SecretKey& operator=(SecretKey&& other) noexcept;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey();

  ByteView view() const { return {data_, size_}; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

  // Constant-time comparison (keys of different sizes are unequal).
  bool Equals(const SecretKey& other) const;

  // TEST ONLY: true if `size` bytes at `p` are all zero; used to prove wiping.
  static bool IsZeroForTest(const uint8_t* p, size_t size);

 private:
  SecretKey(uint8_t* data, size_t size) : data_(data), size_(size) {}
  void Release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace confide::crypto
