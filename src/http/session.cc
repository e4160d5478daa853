// One connection: reads requests one after another (HTTP/1.1 keep-alive), runs each on the
// handler pool or inline, writes the response, and closes when told to, on error or on timeout.
// Everything runs on the connection's strand except Register, Start and RequestStop (which only
// post to it) and Invoke on the handler pool, which reads exchange_ while the strand leaves it
// alone (phase kHandling: no read is started until the response is back).
//
// Timeouts: idle_timeout waiting for a request's first byte and write_timeout for writes and the
// TLS handshake are Beast's (the stream closes itself); read_timeout from a request's first byte
// to its last is this class's own timer, which cancels the read so that a 408 can still be sent.
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <limits>
#include <optional>
#include <type_traits>

#include "http/exchange.h"
#include "http/request_id.h"
#include "http/server_context.h"

namespace confide::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kFirstReadBytes = 8192;
// After refusing a request whose body was not read, keep reading (and dropping) for a while so that
// closing does not reset the connection before the client has read the refusal.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 1 << 20;

bool ExpectsContinue(const BeastRequest& header) {
  const auto it = header.find(bhttp::field::expect);
  return header.version() == 11 && it != header.end() &&
         EqualsIgnoreCase(std::string_view(it->value().data(), it->value().size()), "100-continue");
}

template <bool kTls>
class Connection final : public Session, public std::enable_shared_from_this<Connection<kTls>> {
  using Stream = std::conditional_t<kTls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;
  enum class Phase { kStarting, kIdle, kReading, kHandling, kWriting, kClosing };

 public:
  Connection(ServerContext& ctx, tcp::socket&& socket, std::string remote)
      : ctx_(ctx), executor_(socket.get_executor()), stream_(MakeStream(std::move(socket), ctx)),
        read_timer_(executor_), remote_(std::move(remote)) {}

  ~Connection() override {
    if (registered_) ctx_.Remove(where_);
  }

  // False if the server is stopping or full; the connection is then dropped with this object.
  bool Register() {
    registered_ = ctx_.Add(this->shared_from_this(), where_);
    return registered_;
  }

  void Start() {
    asio::dispatch(executor_, [self = this->shared_from_this()] { self->Begin(); });
  }

  void RequestStop() override {
    asio::post(executor_, [self = this->shared_from_this()] { self->OnStop(); });
  }

 private:
  static Stream MakeStream(tcp::socket&& socket, ServerContext& ctx) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *ctx.tls);
    } else {
      return Stream(std::move(socket));
    }
  }

  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void Begin() {
    if constexpr (kTls) {
      Lowest().expires_after(ctx_.options.write_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) { self->OnHandshake(ec); });
    } else {
      WaitForRequest();
    }
  }

  void OnHandshake(beast::error_code ec) {
    if (ec) {
      if (!stopping_) ctx_.metrics.Reject(Rejection::kTlsHandshake);
      return CloseNow();
    }
    WaitForRequest();
  }

  void OnStop() {
    stopping_ = true;
    // Idle (or still shaking hands): nothing is owed to the client, so close now. Otherwise the
    // current request is finished and answered with Connection: close.
    if (phase_ == Phase::kIdle || phase_ == Phase::kStarting) Lowest().cancel();
  }

  // Waits for the first byte of the next request (idle_timeout), unless it is already buffered.
  void WaitForRequest() {
    if (stopping_) return CloseNow();
    if (buffer_.size() > 0) return ReadHeader();
    phase_ = Phase::kIdle;
    Lowest().expires_after(ctx_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                            [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                              self->OnFirstBytes(ec, n);
                            });
  }

  void OnFirstBytes(beast::error_code ec, size_t n) {
    buffer_.commit(n);
    if (ec) return CloseNow();  // closed by the client, idle too long, or the server is stopping
    if (n == 0) return WaitForRequest();
    ReadHeader();
  }

  void ReadHeader() {
    phase_ = Phase::kReading;
    Lowest().expires_never();  // read_timer_ takes over
    exchange_ = Exchange();
    exchange_.start = std::chrono::steady_clock::now();
    exchange_.request.request_id = NewRequestId();
    exchange_.request.remote_address = remote_;
    exchange_.request.tls = kTls;
    version_ = 11;
    keep_alive_ = false;
    linger_ = false;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(ctx_.options.max_header_bytes));
    // No body limit while the header is read: Beast would refuse a declared length over it before
    // the route (and so the route's own limit) is known. AcceptHeader checks the declared length
    // and OnHeader sets the route's limit before any of the body is read.
    // (Not boost::none: Beast 1.74 compares a length with an empty optional as "over the limit".)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    timed_out_ = false;
    // Usually the whole header came with the first bytes: parse it here, without a timer or
    // another trip through the strand. Otherwise read the rest under read_timeout.
    beast::error_code ec;
    buffer_.consume(parser_->put(buffer_.data(), ec));
    if (!ec) return OnHeader({});
    if (ec != bhttp::error::need_more) return OnReadError(ec);
    StartReadTimer();
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void StartReadTimer() {
    if (read_timer_armed_) return;
    read_timer_armed_ = true;
    const uint64_t generation = ++read_generation_;
    read_timer_.expires_after(ctx_.options.read_timeout);
    read_timer_.async_wait([self = this->shared_from_this(), generation](beast::error_code ec) {
      if (!ec) self->OnReadTimeout(generation);
    });
  }

  void StopReadTimer() {
    if (!read_timer_armed_) return;
    read_timer_armed_ = false;
    ++read_generation_;  // an expiry already queued is ignored
    read_timer_.cancel();
  }

  void OnReadTimeout(uint64_t generation) {
    if (generation != read_generation_ || phase_ != Phase::kReading) return;
    timed_out_ = true;
    Lowest().cancel();  // the read completes with operation_aborted; OnReadError answers 408
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const BeastRequest& header = parser_->get();
    version_ = header.version() == 10 ? 10 : 11;
    keep_alive_ = header.keep_alive();
    std::optional<uint64_t> content_length;
    if (const auto declared = parser_->content_length()) content_length = *declared;
    if (std::optional<Response> refusal = AcceptHeader(ctx_, header, content_length, parser_->chunked(), exchange_)) {
      StopReadTimer();
      // An unread body would be taken for the next request, and after a malformed or ambiguous
      // request nothing that follows can be trusted: answer, then close.
      const bool malformed = refusal->status == 400 || refusal->status == 505;
      if (!parser_->is_done() || malformed) linger_ = true;
      if (refusal->status == 413) ctx_.metrics.Reject(Rejection::kBodyTooLarge);
      if (malformed) ctx_.metrics.Reject(Rejection::kMalformed);
      return Send(std::move(*refusal));
    }
    parser_->body_limit(BodyLimit(ctx_, exchange_));
    if (parser_->is_done()) return OnBody({});
    StartReadTimer();  // if the header was parsed without one: the body's wait starts now
    if (ExpectsContinue(header)) {
      continue_ = bhttp::response<bhttp::empty_body>(bhttp::status::continue_, 11);
      return bhttp::async_write(stream_, continue_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
        if (ec) return self->OnReadError(ec);
        self->ReadBody();
      });
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    StopReadTimer();
    CompleteRequest(parser_->release(), exchange_);
    Dispatch();
  }

  void OnReadError(beast::error_code ec) {
    StopReadTimer();
    linger_ = true;
    keep_alive_ = false;
    if (timed_out_) {
      ctx_.metrics.Reject(Rejection::kTimeout);
      return Send(ServerProblem(408, "The request was not received in time.", "request-timeout", exchange_));
    }
    if (ec == bhttp::error::header_limit) {
      ctx_.metrics.Reject(Rejection::kHeadersTooLarge);
      return Send(ServerProblem(431, "The request's header is larger than the server accepts.", "headers-too-large",
                                exchange_));
    }
    if (ec == bhttp::error::body_limit) {
      ctx_.metrics.Reject(Rejection::kBodyTooLarge);
      return Send(ServerProblem(413, "The request body is larger than this resource accepts.", "body-too-large",
                                exchange_));
    }
    // The client went away (end of stream, mid-message or not) or the network failed: nobody to answer.
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
        ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category()) {
      return CloseNow();
    }
    ctx_.metrics.Reject(Rejection::kMalformed);
    Send(ServerProblem(400, "The request is not valid HTTP/1.1.", "malformed-request", exchange_));
  }

  void Dispatch() {
    phase_ = Phase::kHandling;
    if (exchange_.route->options.inline_handler) {
      Response response = Invoke(ctx_, exchange_);
      if (!response.hold) return Send(std::move(response));
      return Hold(std::move(response));
    }
    const std::string_view method = exchange_.request.method;
    const bool read = (method == "GET" || method == "HEAD") && !exchange_.route->options.may_block;
    asio::post(read ? ctx_.readers : ctx_.handlers, [self = this->shared_from_this()]() mutable {
      Response response = Invoke(self->ctx_, self->exchange_);
      if (response.hold) return self->Hold(std::move(response));
      asio::post(self->executor_, [self, response = std::move(response)]() mutable { self->Send(std::move(response)); });
    });
  }

  // Sends `response` once its hold is released (or what the hold says to send instead). The work
  // guard keeps the I/O threads running until then, so a stopping server still answers.
  void Hold(Response response) {
    std::shared_ptr<ResponseHold> hold = std::move(response.hold);
    auto work = std::make_shared<asio::executor_work_guard<decltype(executor_)>>(executor_);
    hold->WhenReleased([self = this->shared_from_this(), work = std::move(work),
                        response = std::move(response)](std::optional<Response> instead) mutable {
      Response out = instead ? std::move(*instead) : std::move(response);
      out.hold.reset();
      asio::post(self->executor_, [self, out = std::move(out)]() mutable { self->Send(std::move(out)); });
    });
  }

  void Send(Response response) {
    phase_ = Phase::kWriting;
    Finalize(ctx_, exchange_, response);
    status_ = response.status;
    if (linger_ || stopping_) keep_alive_ = false;
    ToBeast(std::move(response), version_, keep_alive_, exchange_.request.method == "HEAD", response_);
    bytes_out_ = response_.body().size();
    Lowest().expires_after(ctx_.options.write_timeout);
    bhttp::async_write(stream_, response_,
                       [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnWritten(ec); });
  }

  void OnWritten(beast::error_code ec) {
    Record(ctx_, exchange_, status_, bytes_out_);
    if (ec) return CloseNow();
    if (!keep_alive_) return CloseGracefully();
    response_ = BeastResponse();
    parser_.reset();
    WaitForRequest();
  }

  void CloseGracefully() {
    phase_ = Phase::kClosing;
    if constexpr (kTls) {
      Lowest().expires_after(kLingerTime);
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->CloseNow(); });
    } else {
      beast::error_code ignored;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      if (!linger_) return CloseNow();
      Lowest().expires_after(kLingerTime);
      Linger(0);
    }
  }

  void Linger(size_t dropped) {
    Lowest().async_read_some(buffer_.prepare(kFirstReadBytes),
                             [self = this->shared_from_this(), dropped](beast::error_code ec, size_t n) {
                               if (ec || dropped + n > kLingerBytes) return self->CloseNow();
                               self->Linger(dropped + n);
                             });
  }

  void CloseNow() {
    phase_ = Phase::kClosing;
    StopReadTimer();
    beast::error_code ignored;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    Lowest().close();
  }

  ServerContext& ctx_;
  const asio::any_io_executor executor_;  // the connection's strand
  Stream stream_;
  asio::steady_timer read_timer_;
  const std::string remote_;
  bool registered_ = false;
  std::list<std::weak_ptr<Session>>::iterator where_;

  Phase phase_ = Phase::kStarting;
  bool stopping_ = false;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  uint64_t read_generation_ = 0;
  bool read_timer_armed_ = false;
  bool timed_out_ = false;
  Exchange exchange_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool linger_ = false;  // the request was not read to its end
  bhttp::response<bhttp::empty_body> continue_;
  BeastResponse response_;
  int status_ = 0;
  uint64_t bytes_out_ = 0;
};

template <bool kTls>
void Launch(ServerContext& ctx, tcp::socket&& socket, std::string remote) {
  auto connection = std::make_shared<Connection<kTls>>(ctx, std::move(socket), std::move(remote));
  if (connection->Register()) connection->Start();
}

}  // namespace

void StartSession(ServerContext& ctx, tcp::socket socket) {
  beast::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return;  // already reset by the peer
  socket.set_option(tcp::no_delay(true), ec);  // a response goes out in one write; don't hold it back
  asio::ip::address address = peer.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
  }
  if (ctx.tls != nullptr) {
    Launch<true>(ctx, std::move(socket), address.to_string());
  } else {
    Launch<false>(ctx, std::move(socket), address.to_string());
  }
}

}  // namespace confide::http
