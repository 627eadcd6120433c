// IoLoop: one thread's event loop for curl transfers and io_uring operations,
// the AsyncIo that the EventLoop executor gives its tasks and that
// GetConcurrently() drives its burst of GETs with. One epoll set waits for
// everything: the sockets curl asks to watch (curl_multi_socket_action(), so
// that a wake-up costs only the sockets that are ready, not a pass over every
// transfer) and the ring's descriptor, readable when completions are queued.
//
// Every callback given to the loop runs exactly once, on the loop's thread:
// with its result, or, for what is still in flight when the loop is destroyed
// (after a failed Wait(), say), with a cancellation result. The destructor
// removes each transfer from curl and calls its callback with
// kCancelledTransfer, then cancels every io_uring operation, waits for all
// their completions and calls each callback with what its completion says:
// kCancelledIo for what was cancelled, the operation's own result for what
// finished first. What a callback starts on the loop it is destroying ends at
// once the same way, from within the start.

#ifndef EXECBENCH_CORE_IO_LOOP_IO_LOOP_H_
#define EXECBENCH_CORE_IO_LOOP_IO_LOOP_H_

#include <curl/curl.h>

#include <cerrno>
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
  // What the callbacks of transfers and io_uring operations cancelled by the
  // destructor receive.
  static constexpr CURLcode kCancelledTransfer = CURLE_ABORTED_BY_CALLBACK;
  static constexpr int kCancelledIo = -ECANCELED;

  // A loop for curl transfers, with an io_uring if `with_io_uring`: fails
  // with UnavailableError where the kernel refuses one (seccomp,
  // kernel.io_uring_disabled). curl_global_init() must have run.
  static absl::StatusOr<std::unique_ptr<IoLoop>> Create(bool with_io_uring);
  // Cancels what is in flight and runs its callbacks (see above). Cancelling
  // io_uring operations takes Linux 5.19 (IORING_ASYNC_CANCEL_ANY); before
  // it, the destructor waits for each to complete on its own.
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
  io_uring_sqe* FreeEntry();
  void CancelTransfers();
  void CancelIo();

  int epoll_fd_ = -1;
  CURLM* multi_ = nullptr;
  std::unique_ptr<io_uring> ring_;
  std::unique_ptr<CurlState> curl_;
  absl::flat_hash_map<CURL*, absl::AnyInvocable<void(CURLcode)>> transfers_;
  int pending_ = 0;
  // Set by the destructor: what starts from then on is cancelled at once.
  bool cancelling_ = false;
};

}  // namespace execbench

#endif  // EXECBENCH_CORE_IO_LOOP_IO_LOOP_H_
