// IoLoop: one thread's event loop for curl transfers and io_uring operations,
// the AsyncIo that the EventLoop executor gives its tasks and that
// GetConcurrently() drives its burst of GETs with. One epoll set waits for
// everything: the sockets curl asks to watch (curl_multi_socket_action(), so
// that a wake-up costs only the sockets that are ready, not a pass over every
// transfer) and the ring's descriptor, readable when completions are queued.

#ifndef EXECBENCH_CORE_IO_LOOP_IO_LOOP_H_
#define EXECBENCH_CORE_IO_LOOP_IO_LOOP_H_

#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/async_workload.h"

struct io_uring;

namespace execbench {

class IoLoop final : public AsyncIo {
 public:
  // A loop for curl transfers, with an io_uring if `with_io_uring`: fails
  // with UnavailableError where the kernel refuses one (seccomp,
  // kernel.io_uring_disabled). curl_global_init() must have run.
  static absl::StatusOr<std::unique_ptr<IoLoop>> Create(bool with_io_uring);
  ~IoLoop() override;

  void StartTransfer(CURL* transfer,
                     absl::AnyInvocable<void(CURLcode)> done) override;
  void SubmitIo(absl::FunctionRef<void(io_uring_sqe*)> prepare,
                absl::AnyInvocable<void(int)> done) override;

  // Transfers and operations started whose callbacks have not run yet.
  int pending() const { return pending_; }

  // Waits until something is ready (at most a second) and runs the
  // callbacks of what finished. An error means the loop cannot go on.
  absl::Status Wait();

  // What curl's callbacks need (see io_loop.cc).
  struct CurlState;

 private:
  IoLoop() = default;
  absl::Status CurlError() const;
  void DriveCurl(curl_socket_t socket, int what);
  void CollectTransfers();
  void CollectCompletions();

  int epoll_fd_ = -1;
  CURLM* multi_ = nullptr;
  std::unique_ptr<io_uring> ring_;
  std::unique_ptr<CurlState> curl_;
  absl::flat_hash_map<CURL*, absl::AnyInvocable<void(CURLcode)>> transfers_;
  int pending_ = 0;
};

}  // namespace execbench

#endif  // EXECBENCH_CORE_IO_LOOP_IO_LOOP_H_
