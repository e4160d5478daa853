#include "http/access_log.h"

#include <spdlog/sinks/basic_file_sink.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace confide::http {
namespace {

void Write(spdlog::logger& logger, spdlog::level::level_enum level, const nlohmann::ordered_json& fields) {
  try {
    const std::string body = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    logger.log(level, "{}", std::string_view(body).substr(1, body.size() - 2));  // the pattern adds the braces
  } catch (const std::exception&) {
    // Best effort: a full disk must not fail requests. Metrics still count them.
  }
}

}  // namespace

std::string_view MethodLabel(std::string_view method) {
  for (std::string_view known : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}) {
    if (method == known) return known;
  }
  return "OTHER";
}

AccessLog::AccessLog(spdlog::sink_ptr sink, bool flush_each_line)
    : logger_(std::make_shared<spdlog::logger>("confide_http_access", std::move(sink))) {
  // As the CLI's operations log (src/cli/command_log.cc): the message is a JSON object's members.
  logger_->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  logger_->set_level(spdlog::level::info);
  logger_->flush_on(flush_each_line ? spdlog::level::info : spdlog::level::err);
}

Result<std::shared_ptr<AccessLog>> AccessLog::ToFile(const std::string& path, bool flush_each_line) {
  try {
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path);
    return std::make_shared<AccessLog>(std::move(sink), flush_each_line);
  } catch (const std::exception&) {
    return Status::IOError("cannot open the access log " + path);
  }
}

void AccessLog::Log(const AccessLogEntry& e) {
  nlohmann::ordered_json fields;
  fields["event"] = "http_request";
  fields["request_id"] = e.request_id;
  fields["method"] = MethodLabel(e.method);
  fields["route"] = e.route;
  fields["status"] = e.status;
  fields["duration_ms"] = std::round(e.duration_ms * 1000.0) / 1000.0;
  fields["bytes"] = e.bytes;
  fields["bytes_in"] = e.bytes_in;
  fields["remote"] = e.remote_address;
  fields["tls"] = e.tls;
  Write(*logger_, spdlog::level::info, fields);
}

void AccessLog::HandlerFailed(std::string_view request_id, std::string_view method, std::string_view route) {
  nlohmann::ordered_json fields;
  fields["event"] = "http_handler_exception";
  fields["request_id"] = request_id;
  fields["method"] = MethodLabel(method);
  fields["route"] = route;
  Write(*logger_, spdlog::level::err, fields);
}

}  // namespace confide::http
