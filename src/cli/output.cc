#include "cli/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <algorithm>

#include "domain/civil_date.h"

namespace confide::cli {

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument: return kExitInvalidInput;
    case StatusCode::kNotFound: return kExitNotFound;
    case StatusCode::kPermissionDenied: return kExitPermissionDenied;
    case StatusCode::kConflict: return kExitConflict;
    case StatusCode::kFailedPrecondition: return kExitPrecondition;
    case StatusCode::kCorruption: return kExitIntegrity;
    case StatusCode::kIOError: return kExitIoError;
    case StatusCode::kInternal: return kExitFailure;
  }
  return kExitFailure;
}

int CliContext::Fail(const Status& s) const {
  if (json) {
    *out << nlohmann::json{{"error", {{"code", StatusCodeName(s.code())}, {"message", s.message()}}}}.dump() << "\n";
  } else {
    *err << "confide: " << s.message() << "\n";
  }
  return ExitCodeFor(s);
}

int CliContext::Ok(const nlohmann::json& j, const std::function<void(std::ostream&)>& human) const {
  if (json) {
    *out << j.dump(2) << "\n";
  } else {
    human(*out);
  }
  return kExitOk;
}

Result<std::unique_ptr<service::Vault>> CliContext::OpenVault() const {
  if (data_dir.empty()) return Status::InvalidArgument("no data directory: pass --data DIR or set CONFIDE_DATA");
  return service::Vault::Open(data_dir);
}

Status CliContext::RequireActor() const {
  if (actor <= 0) return Status::InvalidArgument("say which staff member is acting: pass --as STAFF_ID or set CONFIDE_ACTOR");
  return Status::Ok();
}

namespace {
// Terminal columns taken by UTF-8 text: one per code point (continuation bytes take none). Names
// like "Sinéad" or "Wójcik" must not push the columns out of line.
size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (unsigned char c : s) width += (c & 0xC0) != 0x80;
  return width;
}
}  // namespace

void PrintTable(std::ostream& out, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  for (size_t i = 0; i < header.size(); ++i) width[i] = DisplayWidth(header[i]);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) width[i] = std::max(width[i], DisplayWidth(row[i]));
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < width.size(); ++i) {
      const std::string cell = i < row.size() ? row[i] : "";
      out << cell;
      if (i + 1 < width.size()) out << std::string(width[i] - DisplayWidth(cell) + 2, ' ');
    }
    out << "\n";
  };
  print_row(header);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const auto& row : rows) print_row(row);
  if (rows.empty()) out << "(none)\n";
}

ProgressBar::ProgressBar(std::ostream& err, std::string label)
    : err_(err), label_(std::move(label)), enabled_(::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() {
  if (enabled_ && last_percent_ >= 0) err_ << "\n";
}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_ || total == 0) return;
  const int percent = static_cast<int>(done * 100 / total);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  const int filled = percent / 4;
  err_ << "\r" << label_ << " [" << std::string(filled, '#') << std::string(25 - filled, ' ') << "] " << percent << "% ("
       << done << "/" << total << ")" << std::flush;
}

std::string FormatTime(UnixMicros t) { return domain::FormatTimestampIso(t); }

Result<domain::CivilDate> DateArg(const std::string& text, const char* what) {
  auto d = domain::CivilDate::Parse(text);
  if (!d.ok()) return Status::InvalidArgument(std::string(what) + ": " + std::string(d.status().message()));
  return *d;
}

Result<std::optional<domain::CivilDate>> OptionalDateArg(const std::string& text, const char* what) {
  if (text.empty()) return std::optional<domain::CivilDate>();
  CONFIDE_ASSIGN_OR_RETURN(domain::CivilDate d, DateArg(text, what));
  return std::optional<domain::CivilDate>(d);
}

Status WriteNewPrivateFile(const std::filesystem::path& path, const std::string& content) {
  // Created and checked in one step, owner-only from the start (no window in which the file exists
  // with the umask's permissions, no race with another file appearing at the path), never through
  // a symbolic link; a file that could not be written whole is removed, so no partial copy remains.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Status::Conflict(path.string() + " already exists");
    return Status::IOError("cannot write " + path.string() + ": " + std::strerror(errno));
  }
  size_t done = 0;
  bool ok = true;
  while (ok && done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    ::unlink(path.c_str());
    return Status::IOError("cannot write " + path.string() + ": " + std::strerror(saved));
  }
  return Status::Ok();
}


}  // namespace confide::cli
