#include "cli/command_log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <nlohmann/json.hpp>

namespace confide::cli {

void LogCommand(const std::string& log_path, const std::string& command, int64_t actor, int exit_code, double millis) {
  try {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(log_path).parent_path(), ec);
    auto logger = spdlog::get("confide");
    if (!logger) {
      logger = spdlog::basic_logger_mt("confide", log_path);
      // The message is already a JSON object; the pattern only adds the time and level around it.
      logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
      logger->flush_on(spdlog::level::info);
    }
    nlohmann::json fields{{"event", "command"}, {"command", command}, {"actor", actor}, {"exit", exit_code},
                          {"ms", static_cast<int64_t>(millis)}};
    std::string body = fields.dump();
    logger->info("{}", body.substr(1, body.size() - 2));  // strip the braces: the pattern supplies them
  } catch (const std::exception&) {
    // Logging is best effort; the audit log, not this file, is the record of what happened.
  }
}

}  // namespace confide::cli
