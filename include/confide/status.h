// Status: the outcome of an operation that can fail in an expected way.
//
// Expected failures (bad input, a missing person, a broken signature) are values, never exceptions.
// A Status is cheap to copy when OK and carries a code and a message otherwise. Messages must never
// contain personal data: they are shown on terminals, written to logs and returned over HTTP.
// Thread-safety: a Status is an immutable value; distinct objects may be used from any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace confide {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller's input is malformed (bad NHS number, bad date, ...)
  kNotFound,           // no such person, record, staff member, or file
  kPermissionDenied,   // the actor may not do this
  kConflict,           // the change conflicts with the current state (stale version, duplicate)
  kFailedPrecondition, // the system is not in a state to do this (not initialised, key missing)
  kCorruption,         // stored data failed an integrity check (bad MAC, bad signature, broken tree)
  kIOError,            // the operating system or database failed
  kInternal,           // an invariant was broken: a bug
};

// Returns the stable lower-case name of a code, e.g. "not_found".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {StatusCode::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status PermissionDenied(std::string msg) { return {StatusCode::kPermissionDenied, std::move(msg)}; }
  static Status Conflict(std::string msg) { return {StatusCode::kConflict, std::move(msg)}; }
  static Status FailedPrecondition(std::string msg) {
    return {StatusCode::kFailedPrecondition, std::move(msg)};
  }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {StatusCode::kIOError, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "not_found: no person with id p_12" or "ok".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context: `.
  Status WithContext(std::string_view context) const;

  bool operator==(const Status& other) const = default;

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace confide

// Propagates a non-OK Status to the caller (early return, as LevelDB does).
#define CONFIDE_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::confide::Status confide_status_ = (expr); \
    if (!confide_status_.ok()) return confide_status_; \
  } while (false)
