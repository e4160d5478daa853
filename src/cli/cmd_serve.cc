// confide serve: the HTTP API and the web interface on the data directory.
#include <csignal>
#include <iostream>

#include "api/api.h"
#include "cli/commands.h"
#include "http/server.h"
#include "service/identity.h"
#include "service/retention.h"
#include "service/deadlines.h"
#include "service/subject_access.h"
#include "web/web_context.h"
#include "web/web_routes.h"

namespace confide::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert, tls_key, access_log;
  bool allow_insecure = false, no_access_log = false;
  int handler_threads = 64;
  int read_threads = 0;
};

int RunServe(const CliContext& ctx, const ServeArgs& a) {
  // Signals are taken by sigwait below, not by a handler: block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto vault = ctx.OpenVault();
  if (!vault.ok()) return ctx.Fail(vault.status());
  service::Identity identity(**vault);
  http::Router router;
  http::Metrics metrics;
  auto api = api::Api::Register(router, **vault, identity, metrics);
  if (!api.ok()) return ctx.Fail(api.status());
  auto organisation = (*vault)->GetOrganisation();
  if (!organisation.ok()) return ctx.Fail(organisation.status());
  auto retention = service::Retention::Create(**vault);
  if (!retention.ok()) return ctx.Fail(retention.status());
  auto subject_access = service::SubjectAccess::Create(**vault);
  if (!subject_access.ok()) return ctx.Fail(subject_access.status());
  auto deadlines = service::Deadlines::Create(**vault);
  if (!deadlines.ok()) return ctx.Fail(deadlines.status());
  auto foi = service::FoiRegister::Create(**vault);
  if (!foi.ok()) return ctx.Fail(foi.status());
  // The demo loader names its organisation "... (DEMO)": its pages then carry the demo banner.
  web::WebContext web_context{**vault, identity,
                              {organisation->name, organisation->name.ends_with("(DEMO)"),
                               identity.config().idle_timeout_micros / 1000000},
                              std::move(retention).value(), std::move(subject_access).value(),
                              std::move(deadlines).value(), std::move(foi).value()};
  if (Status s = web::AddWebRoutes(router, web_context); !s.ok()) return ctx.Fail(s);

  http::ServerOptions options;
  options.listen = a.listen;
  options.tls_cert_file = a.tls_cert;
  options.tls_key_file = a.tls_key;
  options.allow_insecure_non_loopback = a.allow_insecure;
  options.handler_threads = a.handler_threads;
  options.read_threads = a.read_threads;
  http::Hooks hooks;
  hooks.metrics = &metrics;
  if (!a.no_access_log) {
    const std::string path = a.access_log.empty() ? (*vault)->config().data_dir + "/logs/access.log" : a.access_log;
    auto log = http::AccessLog::ToFile(path);
    if (!log.ok()) return ctx.Fail(log.status());
    hooks.access_log = *log;
  }
  auto server = http::Server::Start(router, options, hooks);
  if (!server.ok()) return ctx.Fail(server.status());
  const std::string url = std::string((*server)->tls() ? "https://" : "http://") + (*server)->BoundAddress();
  if (ctx.json) {
    *ctx.out << nlohmann::json{{"listening", url}, {"port", (*server)->port()}}.dump() << std::endl;
  } else {
    *ctx.out << "Confide is listening on " << url << " (Ctrl-C to stop)" << std::endl;
  }
  int sig = 0;
  sigwait(&signals, &sig);
  *ctx.err << "Stopping: finishing requests in progress" << std::endl;
  (*server)->Stop();
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, CliContext& ctx, Action& run) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the JSON API over HTTP(S)");
  serve->add_option("--listen", a->listen, "ADDR:PORT to listen on (port 0 picks a free port and prints it)");
  serve->add_option("--tls-cert", a->tls_cert, "TLS certificate chain (PEM)");
  serve->add_option("--tls-key", a->tls_key, "TLS private key (PEM)");
  serve->add_flag("--allow-insecure-listen", a->allow_insecure,
                  "Listen beyond loopback without TLS (only behind a TLS-terminating proxy on a trusted network)");
  serve->add_option("--access-log", a->access_log, "Where to write JSON access log lines (default DATA/logs/access.log)");
  serve->add_flag("--no-access-log", a->no_access_log, "Write no access log");
  serve->add_option("--handler-threads", a->handler_threads, "Threads that run requests that may wait: writes (default 64)");
  serve->add_option("--read-threads", a->read_threads, "Threads that run GET requests (default: one per CPU)");
  serve->callback([&ctx, &run, a] { run = [&ctx, a] { return RunServe(ctx, *a); }; });
}

}  // namespace confide::cli
