// DelayedHttpServer: an HTTP server on 127.0.0.1 that answers each
// GET /task/<index> after a fixed delay with a deterministic body, so that
// HTTP tasks against it are latency-bound like downloads from a remote server.
// The body is "task <index>\n" then "abc...z" repeated, cut to its size; other
// paths get 404.
//
// It is event-driven (libmicrohttpd, one epoll thread): a request
// waiting out its delay is a suspended connection, not a sleeping thread, and
// one timer thread resumes each when it is due. A burst of hundreds of
// concurrent clients therefore costs no switches between hundreds of threads,
// and bodies leave in blocks taken in turn, so that an answer that falls due
// does not wait for whole bodies of the answers before it.

#ifndef EXECBENCH_WORKLOADS_HTTP_DELAYED_HTTP_SERVER_H_
#define EXECBENCH_WORKLOADS_HTTP_DELAYED_HTTP_SERVER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

struct MHD_Connection;
struct MHD_Daemon;
struct MHD_Response;

namespace execbench {

class DelayedHttpServer {
 public:
  struct Options {
    absl::Duration delay;
    int64_t body_bytes = 0;
  };

  // Starts serving on an ephemeral port of 127.0.0.1.
  static absl::StatusOr<std::unique_ptr<DelayedHttpServer>> Start(
      const Options& options);

  DelayedHttpServer(const DelayedHttpServer&) = delete;
  DelayedHttpServer& operator=(const DelayedHttpServer&) = delete;

  // Stops serving (see Stop()).
  ~DelayedHttpServer();

  // Stops accepting connections, answers requests still waiting out their
  // delay with 503 (waiting at most a second for them to leave), closes every
  // connection and joins every thread. Idempotent.
  void Stop();

  const Options& options() const { return options_; }
  int port() const { return port_; }
  // "http://127.0.0.1:<port>", to which callers append "/task/<index>".
  std::string base_url() const;

 private:
  // A suspended connection and when its delay ends.
  struct DelayedRequest {
    absl::Time due;
    MHD_Connection* connection;
  };

  explicit DelayedHttpServer(const Options& options);

  // libmicrohttpd's callbacks, which call the members below.
  friend struct MhdCallbacks;

  // Handles one call of libmicrohttpd's request handler: delays a new task
  // request (suspends its connection) and answers it once resumed; answers
  // anything else with 404 at once. False makes libmicrohttpd close the
  // connection.
  bool HandleRequest(MHD_Connection* connection, const char* url,
                     const char* method, void** request_state);
  // A request has left libmicrohttpd: answered, or its connection closed.
  void RequestCompleted();
  // Answers with the body of `task`, one of `answers_in_flight`.
  bool AnswerTask(MHD_Connection* connection, int64_t task,
                  int answers_in_flight) const;
  // The timer thread: resumes each delayed request when it is due, until
  // Stop() takes over the rest.
  void ResumeDelayedRequests();
  // Waits until delayed requests are due and takes them out of `delayed_`;
  // none once Stop() is called.
  std::vector<MHD_Connection*> AwaitDueRequests();

  const Options options_;
  const std::string filler_;  // a body without its task line
  MHD_Response* const not_found_;
  MHD_Response* const unavailable_;
  MHD_Daemon* daemon_ = nullptr;
  int port_ = 0;
  std::thread timer_;

  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  // In the order they are due: every request waits the same delay, counted
  // from a clock read under the lock.
  std::deque<DelayedRequest> delayed_ ABSL_GUARDED_BY(mutex_);
  // Requests seen whose connection has not yet completed them.
  int unanswered_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HTTP_DELAYED_HTTP_SERVER_H_
