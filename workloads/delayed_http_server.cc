// DelayedHttpServer on cpp-httplib: a thread pool sized for the concurrent
// requests, each of which sleeps out the delay before it answers.

#include "workloads/delayed_http_server.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "httplib.h"

namespace execbench {
namespace {

constexpr char kHost[] = "127.0.0.1";

// httplib::Server with a listen backlog that holds a burst of concurrent
// connections. Debian's library listens with a backlog of 5: the connections
// of a burst beyond it wait for TCP retransmissions, from a second to over
// the clients' timeouts.
class BurstTolerantServer : public httplib::Server {
 public:
  absl::Status RaiseListenBacklog() {
    // listen() on a listening socket only changes its backlog.
    if (::listen(svr_sock_, SOMAXCONN) != 0) {
      return absl::InternalError(
          absl::StrCat("cannot raise the listen backlog of the HTTP server: ",
                       std::strerror(errno)));
    }
    return absl::OkStatus();
  }
};

// The first bytes of the body of task `index`, cut with the body if shorter.
std::string TaskLine(int64_t index) {
  return absl::StrCat("task ", index, "\n");
}

// Every body but its task line: the alphabet, repeated.
std::string Filler(int64_t body_bytes) {
  std::string filler(static_cast<size_t>(body_bytes), '\0');
  for (size_t i = 0; i < filler.size(); ++i) {
    filler[i] = static_cast<char>('a' + i % 26);
  }
  return filler;
}

}  // namespace

DelayedHttpServer::DelayedHttpServer(const Options& options)
    : options_(options),
      filler_(Filler(options.body_bytes)),
      stop_event_(eventfd(0, EFD_CLOEXEC)) {}

absl::StatusOr<std::unique_ptr<DelayedHttpServer>> DelayedHttpServer::Start(
    const Options& options) {
  if (options.delay < absl::ZeroDuration() || options.body_bytes < 0 ||
      options.max_concurrent_requests < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "HTTP server: bad options (delay ", absl::FormatDuration(options.delay),
        ", body_bytes ", options.body_bytes, ", max_concurrent_requests ",
        options.max_concurrent_requests, ")"));
  }
  std::unique_ptr<DelayedHttpServer> self(new DelayedHttpServer(options));
  if (self->stop_event_ < 0) {
    return absl::InternalError(absl::StrCat(
        "HTTP server: cannot create an eventfd: ", std::strerror(errno)));
  }
  auto server = std::make_unique<BurstTolerantServer>();
  BurstTolerantServer& http = *server;
  self->server_ = std::move(server);

  http.new_task_queue = [threads = options.max_concurrent_requests] {
    return new httplib::ThreadPool(threads);
  };
  // One request per connection, so that no idle client holds a thread.
  http.set_keep_alive_max_count(1);
  // Answers leave at once, not held back waiting for the client's ACKs.
  http.set_tcp_nodelay(true);
  http.Get(R"(/task/(\d+))",
           [self = self.get()](const httplib::Request& request,
                               httplib::Response& response) {
             if (!self->WaitOutDelay()) {
               response.status = 503;
               return;
             }
             int64_t index;
             if (!absl::SimpleAtoi(request.matches[1].str(), &index)) {
               response.status = 404;
               return;
             }
             // Streamed from the shared filler: a burst of large responses
             // costs no allocation and no copy beyond the socket's.
             response.set_content_provider(
                 self->filler_.size(), "application/octet-stream",
                 [line = TaskLine(index), &filler = self->filler_](
                     size_t offset, size_t length, httplib::DataSink& sink) {
                   if (offset < line.size()) {
                     return sink.write(line.data() + offset,
                                       std::min(length, line.size() - offset));
                   }
                   return sink.write(filler.data() + offset, length);
                 });
           });

  self->port_ = http.bind_to_any_port(kHost);
  if (self->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("HTTP server: cannot listen on ", kHost));
  }
  self->listener_ = std::thread([self = self.get(), &http] {
    http.listen_after_bind();
    self->listener_returned_.Notify();
  });
  // Stop() can only stop a server that is running.
  while (!http.is_running() && !self->listener_returned_.HasBeenNotified()) {
    absl::SleepFor(absl::Milliseconds(1));
  }
  if (self->listener_returned_.HasBeenNotified()) {
    return absl::UnavailableError(
        absl::StrCat("HTTP server on ", self->base_url(), " did not start"));
  }
  if (absl::Status status = http.RaiseListenBacklog(); !status.ok()) {
    return status;
  }
  return self;
}

DelayedHttpServer::~DelayedHttpServer() {
  Stop();
  if (stop_event_ >= 0) close(stop_event_);
}

void DelayedHttpServer::Stop() {
  eventfd_write(stop_event_, 1);
  if (server_ != nullptr) server_->stop();
  if (listener_.joinable()) listener_.join();
}

bool DelayedHttpServer::WaitOutDelay() {
  pollfd stop = {.fd = stop_event_, .events = POLLIN};
  const timespec delay = absl::ToTimespec(options_.delay);
  int ready;
  do {
    ready = ppoll(&stop, 1, &delay, nullptr);
  } while (ready < 0 && errno == EINTR);
  return ready == 0;
}

std::string DelayedHttpServer::base_url() const {
  return absl::StrCat("http://", kHost, ":", port_);
}

}  // namespace execbench
