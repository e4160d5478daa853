// confide package keygen | public-key | open: the recipient's side of a disclosure package. The
// recipient needs no Confide data directory: a key file of their own, the sender organisation's
// public key (from `confide audit head`, or given out with the recipient's registration), and a
// folder that keeps the receipts of what they have opened (so a second copy is refused).
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "crypto/key_file.h"
#include "disclosure/disclosure_package.h"

namespace confide::cli {
namespace {

namespace fs = std::filesystem;

Result<crypto::SigningKey> ReadRecipientKey(const std::string& path) {
  CONFIDE_ASSIGN_OR_RETURN(crypto::KeyEncryptionKey file, crypto::ReadKeyFile(path, crypto::kRecipientKeyFileTag));
  return crypto::SigningKey::FromSeed(file.key);
}

std::string PublicHex(const crypto::SigningKey& key) { return HexEncode(ByteView(key.public_key().data(), key.public_key().size())); }

int RunKeygen(const CliContext& ctx, const std::string& path) {
  auto file = crypto::CreateKeyFile(path, crypto::kRecipientKeyFileTag);
  if (!file.ok()) return ctx.Fail(file.status());
  auto key = crypto::SigningKey::FromSeed(file->key);
  if (!key.ok()) return ctx.Fail(key.status());
  return ctx.Ok({{"key_file", path}, {"public_key", PublicHex(*key)}}, [&](std::ostream& o) {
    o << "Created " << path << " (mode 0600). Keep it safe: it opens every package sent to you.\n"
      << "Your public key, for the sender's directory of recipients:\n  " << PublicHex(*key) << "\n";
  });
}

int RunPublicKey(const CliContext& ctx, const std::string& path) {
  auto key = ReadRecipientKey(path);
  if (!key.ok()) return ctx.Fail(key.status());
  return ctx.Ok({{"public_key", PublicHex(*key)}}, [&](std::ostream& o) { o << PublicHex(*key) << "\n"; });
}

struct OpenArgs {
  std::string package, key, sender_key, receipts, out;
};

Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > max_bytes) return Status::InvalidArgument(path + " is too large to be a disclosure package");
  return text.str();
}

int RunOpen(const CliContext& ctx, const OpenArgs& a) {
  auto key = ReadRecipientKey(a.key);
  if (!key.ok()) return ctx.Fail(key.status());
  auto sender = HexDecode(a.sender_key);
  if (!sender.ok() || sender->size() != crypto::kPublicKeyBytes) {
    return ctx.Fail(Status::InvalidArgument("--sender-key must be the sending organisation's public key: 64 hex digits"));
  }
  auto text = ReadWholeFile(a.package, 512u << 20);
  if (!text.ok()) return ctx.Fail(text.status());
  std::error_code ec;
  fs::create_directories(a.receipts, ec);
  if (ec) return ctx.Fail(Status::IOError("cannot create the receipts folder " + a.receipts));
  // The receipts kept so far name the packages already opened.
  std::set<std::string> opened_before;
  for (const auto& entry : fs::directory_iterator(a.receipts)) {
    if (entry.path().extension() == ".json") opened_before.insert(entry.path().stem().string());
  }
  const UnixMicros now = SystemClock().NowMicros();
  auto opened = disclosure::OpenPackage(*text, *key, *sender, now, opened_before);
  if (!opened.ok()) return ctx.Fail(opened.status());
  // Nothing is written unless the whole package opened; the files go into a new folder.
  if (fs::exists(a.out)) return ctx.Fail(Status::Conflict("the output folder " + a.out + " already exists"));
  fs::create_directories(a.out, ec);
  if (ec) return ctx.Fail(Status::IOError("cannot create the output folder " + a.out));
  fs::permissions(a.out, fs::perms::owner_all, ec);
  for (const disclosure::PackageFile& f : opened->files) {
    if (Status s = WriteNewPrivateFile(fs::path(a.out) / f.name, f.content); !s.ok()) return ctx.Fail(s);
  }
  if (Status s = WriteNewPrivateFile(fs::path(a.out) / "manifest.json", opened->manifest.dump(2) + "\n"); !s.ok()) return ctx.Fail(s);
  const std::string package_id = opened->manifest["package_id"].get<std::string>();
  const std::string receipt_text = opened->receipt.dump(2) + "\n";
  if (Status s = WriteNewPrivateFile(fs::path(a.receipts) / (package_id + ".json"), receipt_text); !s.ok()) return ctx.Fail(s);
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : opened->files) files.push_back(f.name);
  return ctx.Ok({{"package_id", package_id}, {"from", opened->manifest["organisation"]}, {"files", files}, {"out", a.out},
                 {"receipt", opened->receipt}},
                [&](std::ostream& o) {
                  o << "Opened package " << package_id << " from " << opened->manifest["organisation"].get<std::string>()
                    << " (signature verified, expires " << opened->manifest["expires_at"].get<std::string>() << ").\n"
                    << "Files in " << a.out << ":\n";
                  for (const auto& f : opened->files) o << "  " << f.name << "\n";
                  o << "Receipt (send it back to the sender): " << (fs::path(a.receipts) / (package_id + ".json")).string() << "\n";
                });
}

}  // namespace

void AddPackageCommands(CLI::App& app, CliContext& ctx, Action& run) {
  CLI::App* package = app.add_subcommand("package", "Disclosure packages, on the recipient's side")->require_subcommand(1);

  auto key_path = std::make_shared<std::string>();
  CLI::App* keygen = package->add_subcommand("keygen", "Create a recipient key file (mode 0600) and print its public key");
  keygen->add_option("--key", *key_path, "Where to create the key file (never overwritten)")->required();
  keygen->callback([&ctx, &run, key_path] { run = [&ctx, key_path] { return RunKeygen(ctx, *key_path); }; });

  auto pub_path = std::make_shared<std::string>();
  CLI::App* pub = package->add_subcommand("public-key", "Print the public key of a recipient key file");
  pub->add_option("--key", *pub_path, "The recipient key file")->required();
  pub->callback([&ctx, &run, pub_path] { run = [&ctx, pub_path] { return RunPublicKey(ctx, *pub_path); }; });

  auto oa = std::make_shared<OpenArgs>();
  CLI::App* open = package->add_subcommand("open", "Verify and decrypt a package sent to you; write its files and a signed receipt");
  open->add_option("package", oa->package, "The package file")->required();
  open->add_option("--key", oa->key, "Your recipient key file")->required();
  open->add_option("--sender-key", oa->sender_key, "The sending organisation's public key (hex), as you know it")->required();
  open->add_option("--receipts", oa->receipts, "The folder of receipts of packages opened before (a second copy is refused)")->required();
  open->add_option("--out", oa->out, "A new folder for the package's files")->required();
  open->callback([&ctx, &run, oa] { run = [&ctx, oa] { return RunOpen(ctx, *oa); }; });
}

}  // namespace confide::cli
