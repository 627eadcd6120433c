// The optional asynchronous form of a workload, which the EventLoop executor
// drives from one thread with up to W tasks in flight, as asyncio does: a
// task starts its I/O through AsyncIo and ends in a callback. A workload with
// such a form returns it from Workload::async() and says so in its
// registration (WorkloadRegistration::asynchronous); the others change
// nothing.
//
// The loop owns the curl multi handle and the io_uring; a workload owns its
// requests (easy handles, buffers) until their callbacks run.

#ifndef EXECBENCH_CORE_ASYNC_WORKLOAD_H_
#define EXECBENCH_CORE_ASYNC_WORKLOAD_H_

#include <curl/curl.h>

#include <cstdint>

#include "absl/functional/any_invocable.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"

struct io_uring_sqe;

namespace execbench {

// What an event loop offers the tasks it drives. Every call and every
// callback happens on the loop's thread; every start ends in exactly one call
// of its callback, possibly before the start returns. A loop destroyed with
// starts in flight cancels them and still calls their callbacks, with a
// cancellation result (curl's CURLE_ABORTED_BY_CALLBACK, -ECANCELED), so
// that what a callback owns (an easy handle, a descriptor) is given back;
// what such a callback starts on that loop is cancelled at once.
class AsyncIo {
 public:
  virtual ~AsyncIo() = default;

  // Runs `transfer`, an easy handle set up by the caller, who keeps it until
  // `done` receives curl's result for it.
  virtual void StartTransfer(CURL* transfer,
                             absl::AnyInvocable<void(CURLcode)> done) = 0;

  // Submits one io_uring operation that `prepare` fills in; `done` receives
  // its completion's result (-errno on failure). The operation is submitted
  // before SubmitIo returns, so what the entry itself points to (a path, a
  // timespec) need only live until then; buffers live until `done`. Without
  // a ring (AsyncWorkload::uses_io_uring() false) `done` gets -EOPNOTSUPP.
  virtual void SubmitIo(absl::FunctionRef<void(io_uring_sqe*)> prepare,
                        absl::AnyInvocable<void(int)> done) = 0;
};

// How a task ends: its checksum (as RunTask() would return it) or its error.
using AsyncTaskDone = absl::AnyInvocable<void(absl::StatusOr<uint64_t>)>;

class AsyncWorkload {
 public:
  virtual ~AsyncWorkload() = default;

  // Whether tasks submit io_uring operations: the loop then makes a ring for
  // the batch, or fails with UnavailableError where the kernel refuses one.
  virtual bool uses_io_uring() const { return false; }

  // Starts task `index`, which calls `done` exactly once with what RunTask()
  // would return, from this call or from a callback of `io`.
  virtual void StartTask(int index, AsyncIo& io, AsyncTaskDone done) = 0;
};

}  // namespace execbench

#endif  // EXECBENCH_CORE_ASYNC_WORKLOAD_H_
