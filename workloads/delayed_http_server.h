// DelayedHttpServer: an HTTP server on 127.0.0.1 that answers each
// GET /task/<index> after a fixed delay with a deterministic body, so that
// HTTP tasks against it are latency-bound like downloads from a remote server.
// The body is "task <index>\n" then "abc...z" repeated, cut to its size; other
// paths get 404.

#ifndef EXECBENCH_WORKLOADS_DELAYED_HTTP_SERVER_H_
#define EXECBENCH_WORKLOADS_DELAYED_HTTP_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace execbench {

class DelayedHttpServer {
 public:
  struct Options {
    absl::Duration delay;
    int64_t body_bytes = 0;
    // Requests answered at once; each waits out its delay on its own thread,
    // so that this many concurrent clients all see the configured delay.
    int max_concurrent_requests = 256;
  };

  // Starts serving on an ephemeral port of 127.0.0.1.
  static absl::StatusOr<std::unique_ptr<DelayedHttpServer>> Start(
      const Options& options);

  DelayedHttpServer(const DelayedHttpServer&) = delete;
  DelayedHttpServer& operator=(const DelayedHttpServer&) = delete;

  // Stops serving (see Stop()).
  ~DelayedHttpServer();

  // Closes the listening socket, answers requests still waiting out their
  // delay with 503, and joins every thread. Idempotent.
  void Stop();

  const Options& options() const { return options_; }
  int port() const { return port_; }
  // "http://127.0.0.1:<port>", to which callers append "/task/<index>".
  std::string base_url() const;

 private:
  explicit DelayedHttpServer(const Options& options);

  // Sleeps for the delay; false if Stop() cut it short.
  bool WaitOutDelay();

  const Options options_;
  const std::string filler_;  // a body without its task line
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::thread listener_;
  absl::Notification listener_returned_;
  // Readable once Stop() is called. Delays are timed waits on it, which
  // share no lock: a burst of hundreds of delays ends without a convoy.
  const int stop_event_;
};

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_DELAYED_HTTP_SERVER_H_
