#include "crypto/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "crypto/aead.h"
#include "crypto/encoding.h"
#include "crypto/hash.h"
#include "crypto/sodium_init.h"

namespace confide::crypto {
namespace {

constexpr std::string_view kKeyIdLabel = "confide/kek-id";
constexpr size_t kKeyIdBytes = 8;
constexpr size_t kKeyIdHexChars = 2 * kKeyIdBytes;
constexpr size_t kKekBytes = kAeadKeyBytes;  // the KEK wraps data keys with AeadSeal
// sodium_base64_ENCODED_LEN counts the terminating NUL.
constexpr size_t kKeyBase64Chars =
    sodium_base64_ENCODED_LEN(kKekBytes, sodium_base64_VARIANT_ORIGINAL) - 1;
// "<format tag> <16 hex> <44 base64>\n"
constexpr size_t kMaxTagBytes = 32;
constexpr size_t LineBytes(std::string_view tag) { return tag.size() + 1 + kKeyIdHexChars + 1 + kKeyBase64Chars + 1; }
// Anything longer than this is not a key file; reading stops there so a wrong path pointing at a
// large file costs nothing.
constexpr size_t kMaxReadBytes = 256;

// Zeroes a buffer that held key material when the scope ends, on every return path.
class WipeOnExit {
 public:
  WipeOnExit(void* p, size_t n) : p_(p), n_(n) {}
  ~WipeOnExit() { sodium_memzero(p_, n_); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  void* p_;
  size_t n_;
};

// Owns a POSIX file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now and reports the error: on some file systems close is where a write error surfaces.
  int Close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status ErrnoStatus(std::string_view what, const std::string& path, int err) {
  std::string msg(what);
  msg += " ";
  msg += path;
  msg += ": ";
  msg += std::strerror(err);
  if (err == ENOENT) return Status::NotFound(std::move(msg));
  return Status::IOError(std::move(msg));
}

Status WriteAll(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write key file", path, errno);
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Makes the file's directory entry durable: without it a crash after fsync(file) can still lose
// the name, and with it the only copy of the key.
Status SyncParentDirectory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) parent = ".";
  Fd dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return ErrnoStatus("cannot open directory of key file", path, errno);
  if (::fsync(dir.get()) != 0) return ErrnoStatus("cannot sync directory of key file", path, errno);
  return Status::Ok();
}

Status WriteNewFile(const std::string& path, const char* data, size_t size) {
  // O_EXCL also refuses to follow a symlink planted at `path`. 0600 is applied again with fchmod
  // because the process umask could have removed the owner's read bit.
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    if (errno == EEXIST) {
      return Status::Conflict("key file " + path + " already exists; refusing to overwrite it");
    }
    return ErrnoStatus("cannot create key file", path, errno);
  }
  Status s;
  if (::fchmod(fd.get(), 0600) != 0) {
    s = ErrnoStatus("cannot set mode 0600 on key file", path, errno);
  }
  if (s.ok()) s = WriteAll(fd.get(), data, size, path);
  if (s.ok() && ::fsync(fd.get()) != 0) s = ErrnoStatus("cannot sync key file", path, errno);
  if (fd.Close() != 0 && s.ok()) s = ErrnoStatus("cannot close key file", path, errno);
  if (s.ok()) s = SyncParentDirectory(path);
  if (!s.ok()) {
    // We created this file; removing it keeps a failed write from blocking the next attempt
    // (O_EXCL) or being mistaken for a key.
    ::unlink(path.c_str());
  }
  return s;
}

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status Malformed(const std::string& path, std::string_view why) {
  // Never echo the file's contents: they are key material.
  std::string msg = "key file " + path + " is malformed (" + std::string(why) +
                    "); expected one line \"confide-kek-v1 <key-id> <key-base64>\"";
  return Status::InvalidArgument(std::move(msg));
}

}  // namespace

std::string KekIdOf(const SecretKey& kek) {
  // With an empty key the "id" would be an unkeyed constant, matching every other empty key.
  if (kek.size() < crypto_generichash_KEYBYTES_MIN ||
      kek.size() > crypto_generichash_KEYBYTES_MAX) {
    std::fputs("confide: KekIdOf called without a 16..64-byte key\n", stderr);
    std::abort();
  }
  const Hash32 h = Blake2b256({AsBytes(kKeyIdLabel)}, kek.view());
  return HexEncode(ByteView(h.data(), kKeyIdBytes));
}

Result<KeyEncryptionKey> CreateKeyFile(const std::string& path, std::string_view tag) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  SecretKey kek = SecretKey::Generate(kKekBytes);
  CONFIDE_RETURN_IF_ERROR(WriteKeyFile(path, kek, tag));
  std::string id = KekIdOf(kek);
  return KeyEncryptionKey{std::move(kek), std::move(id)};
}

Status WriteKeyFile(const std::string& path, const SecretKey& kek, std::string_view tag) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  if (kek.size() != kKekBytes) {
    return Status::InvalidArgument("key-encryption key must be 32 bytes");
  }
  if (tag.size() > kMaxTagBytes) return Status::Internal("key file format tag too long");
  std::array<char, LineBytes("") + kMaxTagBytes + 1> line;  // +1: sodium_bin2base64 writes a NUL terminator
  WipeOnExit wipe(line.data(), line.size());
  const std::string id = KekIdOf(kek);
  char* p = line.data();
  std::memcpy(p, tag.data(), tag.size());
  p += tag.size();
  *p++ = ' ';
  std::memcpy(p, id.data(), id.size());
  p += id.size();
  *p++ = ' ';
  sodium_bin2base64(p, kKeyBase64Chars + 1, kek.data(), kek.size(), sodium_base64_VARIANT_ORIGINAL);
  p += kKeyBase64Chars;
  *p++ = '\n';
  return WriteNewFile(path, line.data(), LineBytes(tag));
}

Result<KeyEncryptionKey> ReadKeyFile(const std::string& path, std::string_view tag) {
  CONFIDE_RETURN_IF_ERROR(EnsureSodium());
  // Symlinks are followed on purpose: secret stores (systemd credentials, Kubernetes secrets)
  // expose keys through them. The checks below use fstat, so they apply to the file actually read.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Status::NotFound("key file " + path + " does not exist");
    return ErrnoStatus("cannot open key file", path, errno);
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus("cannot stat key file", path, errno);
  if (!S_ISREG(st.st_mode)) {
    return Status::InvalidArgument("key file " + path + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return Status::FailedPrecondition(
        "key file " + path + " has mode " + mode +
        ", which lets group or others access the key; run `chmod 600 " + path +
        "` and check who may have read it");
  }

  std::array<char, kMaxReadBytes + 1> buf;
  WipeOnExit wipe_buf(buf.data(), buf.size());
  size_t len = 0;
  while (len < buf.size()) {
    ssize_t n = ::read(fd.get(), buf.data() + len, buf.size() - len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot read key file", path, errno);
    }
    if (n == 0) break;
    len += static_cast<size_t>(n);
  }
  if (len > kMaxReadBytes) return Malformed(path, "too long");

  std::string_view text(buf.data(), len);
  if (text.empty() || text.back() != '\n') return Malformed(path, "missing final newline");
  text.remove_suffix(1);
  if (text.find_first_of("\r\n") != std::string_view::npos) {
    return Malformed(path, "more than one line");
  }
  const size_t sp1 = text.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : text.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || text.find(' ', sp2 + 1) != std::string_view::npos) {
    return Malformed(path, "expected exactly three space-separated fields");
  }
  const std::string_view magic = text.substr(0, sp1);
  const std::string_view id = text.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view key_text = text.substr(sp2 + 1);
  if (magic != tag) return Malformed(path, "unknown format tag");
  if (id.size() != kKeyIdHexChars || !IsLowerHex(id)) {
    return Malformed(path, "key id is not 16 lower-case hex digits");
  }
  Result<Bytes> decoded = Base64Decode(key_text);
  if (!decoded.ok()) return Malformed(path, "key is not valid base64");
  Bytes& key_bytes = decoded.value();
  if (key_bytes.size() != kKekBytes) {
    sodium_memzero(key_bytes.data(), key_bytes.size());
    return Malformed(path, "key is not 32 bytes");
  }
  CONFIDE_ASSIGN_OR_RETURN(SecretKey kek, SecretKey::FromBytes(key_bytes));
  std::string computed_id = KekIdOf(kek);
  if (!ConstantTimeEquals(AsBytes(computed_id), AsBytes(id))) {
    return Status::InvalidArgument("key id in key file " + path +
                                   " does not match its key: the file is damaged or was edited");
  }
  return KeyEncryptionKey{std::move(kek), std::move(computed_id)};
}

}  // namespace confide::crypto
