#include "cli/json_input.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>

namespace confide::cli {
namespace {

constexpr size_t kMaxInputBytes = 12 * 1024 * 1024;

Result<std::string> ReadAll(std::istream& in, const std::string& name) {
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) return Status::InvalidArgument(name + " is larger than 12 MiB");
  }
  if (in.bad()) return Status::IOError("cannot read " + name);
  return text;
}

}  // namespace

CLI::Option* AddJsonInputOption(CLI::App* cmd, std::string& path, const std::string& body) {
  return cmd->add_option("--input", path,
                         "Read the details from this JSON file (- for standard input) instead of options, so they stay "
                         "off the command line: the body of " + body + " (docs/cli.md)");
}

void RequireUnlessInput(const CLI::App& cmd, const std::string& input, const std::vector<std::string>& names) {
  if (!input.empty()) return;
  for (const std::string& name : names) {
    if (cmd.count(name) == 0) throw CLI::RequiredError(name + " (or --input FILE)");
  }
}

Status CheckInputAlone(const CLI::App& cmd, const std::vector<std::string>& keep) {
  for (const CLI::Option* opt : cmd.get_options()) {
    if (opt->count() == 0) continue;
    const std::string name = opt->get_name();
    if (name == "--input" || std::find(keep.begin(), keep.end(), name) != keep.end()) continue;
    return Status::InvalidArgument(name + " cannot be combined with --input: give everything in the file");
  }
  return Status::Ok();
}

Result<nlohmann::json> ReadJsonInput(const std::string& path) {
  Result<std::string> text = Status::Internal("unread");
  if (path == "-") {
    text = ReadAll(std::cin, "standard input");
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::InvalidArgument("cannot open the --input file " + path);
    text = ReadAll(in, "the --input file");
  }
  if (!text.ok()) return text.status();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("the --input is not valid JSON");
  if (!j.is_object()) return Status::InvalidArgument("the --input must be a JSON object");
  return j;
}

}  // namespace confide::cli
