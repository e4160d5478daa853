// Initialises libsodium once per process. Every crypto entry point calls EnsureSodium(); it is
// cheap after the first call. Thread-safe.
#pragma once

#include "confide/status.h"

namespace confide::crypto {

// Returns kInternal if libsodium cannot initialise (no usable randomness source).
Status EnsureSodium();

// Fills `out` with cryptographically secure random bytes.
void RandomBytes(void* out, size_t n);

}  // namespace confide::crypto
