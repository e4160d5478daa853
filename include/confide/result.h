// Result<T>: either a value of type T or a non-OK Status.
//
// Returned Results may not be ignored. Accessing value() on an error is a programming error and
// aborts; check ok() first or use CONFIDE_ASSIGN_OR_RETURN.
// Thread-safety: as for T.
#pragma once

#include <cstdlib>
#include <optional>
#include <type_traits>
#include <utility>

#include "confide/status.h"

namespace confide {

template <typename T>
class [[nodiscard]] Result {
 public:
  // REQUIRES: !status.ok(). An OK status without a value is a bug; it becomes kInternal.
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (status_.ok()) status_ = Status::Internal("Result constructed from OK status without value");
  }
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & { Check(); return *value_; }
  const T& value() const& { Check(); return *value_; }
  T&& value() && { Check(); return std::move(*value_); }

  T* operator->() { Check(); return &*value_; }
  const T* operator->() const { Check(); return &*value_; }
  T& operator*() & { Check(); return *value_; }
  const T& operator*() const& { Check(); return *value_; }

 private:
  void Check() const {
    // Reaching here with an error means the caller skipped ok(): a bug, not bad input.
    if (!value_.has_value()) std::abort();
  }

  Status status_;
  std::optional<T> value_;
};

}  // namespace confide

#define CONFIDE_CONCAT_INNER_(a, b) a##b
#define CONFIDE_CONCAT_(a, b) CONFIDE_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (a Result<T>); on error returns its Status, else moves the value into `lhs`.
#define CONFIDE_ASSIGN_OR_RETURN(lhs, rexpr) \
  CONFIDE_ASSIGN_OR_RETURN_IMPL_(CONFIDE_CONCAT_(confide_result_, __LINE__), lhs, rexpr)
#define CONFIDE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                   \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()
