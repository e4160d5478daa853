#include "http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <limits>
#include <thread>

#include "http/listen_address.h"
#include "http/server_context.h"
#include "http/tls_context.h"

namespace confide::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

int IoThreads(const ServerOptions& options) {
  if (options.io_threads > 0) return options.io_threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

Status Validate(const ServerOptions& o) {
  if (o.max_body_bytes == 0) return Status::InvalidArgument("max_body_bytes must be positive");
  if (o.max_header_bytes < 1024 || o.max_header_bytes > std::numeric_limits<std::uint32_t>::max()) {
    return Status::InvalidArgument("max_header_bytes must be at least 1024");
  }
  if (o.io_threads < 0 || o.io_threads > 1024) return Status::InvalidArgument("io_threads must be 0-1024");
  if (o.handler_threads < 1 || o.handler_threads > 4096) return Status::InvalidArgument("handler_threads must be 1-4096");
  if (o.read_threads < 0 || o.read_threads > 4096) return Status::InvalidArgument("read_threads must be 0-4096");
  if (o.read_timeout.count() <= 0 || o.idle_timeout.count() <= 0 || o.write_timeout.count() <= 0) {
    return Status::InvalidArgument("timeouts must be positive");
  }
  if (o.max_connections == 0) return Status::InvalidArgument("max_connections must be positive");
  if (o.tls_cert_file.empty() != o.tls_key_file.empty()) {
    return Status::InvalidArgument("tls_cert_file and tls_key_file must be given together");
  }
  return Status::Ok();
}

}  // namespace

struct Server::Impl {
  Impl(const Router& router, ServerOptions options, Hooks hooks, std::unique_ptr<asio::ssl::context> tls_context)
      : own_registry(hooks.metrics ? nullptr : std::make_unique<Registry>()),
        tls(std::move(tls_context)),
        io_threads(IoThreads(options)),
        pool(static_cast<std::size_t>(options.handler_threads)),
        read_pool(static_cast<std::size_t>(options.read_threads > 0 ? options.read_threads : io_threads)),
        ioc(io_threads),
        acceptor(asio::make_strand(ioc)) {
    Registry& registry = hooks.metrics ? *hooks.metrics : *own_registry;
    ctx = std::make_unique<ServerContext>(router, std::move(options), std::move(hooks), registry, pool, read_pool, tls.get());
  }

  Status Listen(const tcp::endpoint& endpoint) {
    boost::system::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Status::IOError("cannot listen on " + FormatEndpoint(endpoint) + ": " + ec.message());
    bound = acceptor.local_endpoint(ec);
    if (ec) return Status::IOError("cannot read the bound address: " + ec.message());
    return Status::Ok();
  }

  void Run() {
    Accept();
    try {
      for (int i = 0; i < io_threads; ++i) {
        threads.emplace_back([this] {
          while (true) {
            try {
              ioc.run();
              return;
            } catch (const std::exception& e) {
              // Handlers and hooks are caught where they run; this is Asio or Beast itself.
              spdlog::error("http I/O thread: unexpected exception: {}", e.what());
            }
          }
        });
      }
    } catch (...) {
      ioc.stop();  // out of threads: undo, so that the caller sees an error and nothing running
      for (std::thread& t : threads) t.join();
      threads.clear();
      throw;
    }
  }

  void Accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](boost::system::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;  // Stop closed it
      if (ec) {
        // Out of file descriptors and the like: pause rather than spin, then accept again.
        retry.expires_after(std::chrono::milliseconds(100));
        retry.async_wait([this](boost::system::error_code wait_ec) {
          if (!wait_ec && acceptor.is_open()) Accept();
        });
        return;
      }
      StartSession(*ctx, std::move(socket));
      Accept();
    });
  }

  void Stop() {
    std::lock_guard stop_lock(stop_mu);
    if (stopped) return;
    std::vector<std::shared_ptr<Session>> open;
    {
      std::lock_guard lock(ctx->mu);
      ctx->stopping = true;  // from here on no connection registers
      for (const auto& weak : ctx->sessions) {
        if (auto s = weak.lock()) open.push_back(std::move(s));
      }
    }
    std::promise<void> closed;
    asio::post(acceptor.get_executor(), [this, &closed] {
      boost::system::error_code ignored;
      acceptor.close(ignored);
      retry.cancel();
      closed.set_value();
    });
    closed.get_future().wait();
    for (const auto& s : open) s->RequestStop();
    open.clear();
    {
      std::unique_lock lock(ctx->mu);
      ctx->changed.wait(lock, [this] { return ctx->sessions.empty(); });
    }
    work.reset();
    ioc.stop();
    for (std::thread& t : threads) t.join();
    threads.clear();
    pool.join();  // nothing is queued: every handler held a connection, and all are gone
    read_pool.join();
    stopped = true;
    stopped_cv.notify_all();
  }

  // Declaration order is destruction order reversed: the pool and io_context outlive nothing that
  // uses them, and ctx outlives the io_context's queued handlers.
  std::unique_ptr<Registry> own_registry;
  std::unique_ptr<asio::ssl::context> tls;
  const int io_threads;
  asio::thread_pool pool;
  asio::thread_pool read_pool;
  std::unique_ptr<ServerContext> ctx;
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
  tcp::acceptor acceptor;
  asio::steady_timer retry{acceptor.get_executor()};
  tcp::endpoint bound;
  std::vector<std::thread> threads;

  std::mutex stop_mu;
  std::condition_variable stopped_cv;
  bool stopped = false;  // guarded by stop_mu
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Start(const Router& router, ServerOptions options, Hooks hooks) {
  CONFIDE_RETURN_IF_ERROR(Validate(options));
  CONFIDE_ASSIGN_OR_RETURN(const tcp::endpoint endpoint, ParseListenAddress(options.listen));
  const bool use_tls = !options.tls_cert_file.empty();
  if (!use_tls && !IsLoopback(endpoint.address()) && !options.allow_insecure_non_loopback) {
    return Status::InvalidArgument(
        "refusing to serve plain HTTP on " + options.listen +
        ", which is not a loopback address: set tls_cert_file and tls_key_file, or allow_insecure_non_loopback "
        "when a TLS-terminating proxy on a private network is in front");
  }
  std::unique_ptr<asio::ssl::context> tls;
  if (use_tls) {
    CONFIDE_ASSIGN_OR_RETURN(tls, MakeServerTlsContext(options.tls_cert_file, options.tls_key_file));
  }
  try {
    auto impl = std::make_unique<Impl>(router, std::move(options), std::move(hooks), std::move(tls));
    CONFIDE_RETURN_IF_ERROR(impl->Listen(endpoint));
    impl->Run();
    return std::unique_ptr<Server>(new Server(std::move(impl)));
  } catch (const std::exception& e) {
    // Creating threads or the I/O context can throw (std::system_error when out of resources).
    return Status::IOError(std::string("cannot start the HTTP server: ") + e.what());
  }
}

std::string Server::BoundAddress() const { return FormatEndpoint(impl_->bound); }

int Server::port() const { return impl_->bound.port(); }

bool Server::tls() const { return impl_->tls != nullptr; }

void Server::Stop() { impl_->Stop(); }

void Server::Wait() {
  std::unique_lock lock(impl_->stop_mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace confide::http
