// SharedBatch: the memory that one process-pool batch shares between the
// parent, a fork server and the workers. Workers take tasks from a shared
// counter and write each task's span and checksum into its own slot, so no
// task is sent or returned through a pipe. The memory is an anonymous memfd:
// nothing appears in /dev/shm and it is freed when the last mapping goes.
//
// With payloads (core/payload_sizes.h), every task's argument and result
// have an area of their own after the task slots, sized for the batch: the
// process pool's channel (executors/pool_payloads.h). One mapping made
// before the batch, rather than pipes, so that moving a payload costs two
// copies (into the area, out of it) and no system call, and a batch's
// workers never wait on the parent's writing of a pipe.
//
// With messages (a workload that sends_messages(), core/workload.h; the
// channel is executors/pool_messages.h), every task also has a message slot,
// its argument's and its result's (offset, length) in the message arena
// that ends the memory. Arguments are made in the batch, results are of
// sizes no one knows before, so the arena is large and sparse: the memfd is
// sized for it but its pages are allocated only as messages are written.
// The parent lays out every argument from the arena's start and sets
// header().message_arena_used after the last; each worker then takes room
// for a result by adding its length to it, and a result that does not fit
// fails the batch rather than being written.
//
// Layout, each part after the previous (the message parts only with
// messages):
//
//   SharedBatchHeader
//   SharedWorkerSlot  x workers
//   SharedTaskSlot    x tasks
//   argument payload  x tasks  (argument_bytes each)
//   result payload    x tasks  (result_bytes each)
//   SharedMessageSlot x tasks  (8-byte aligned)
//   message arena              (message_arena_bytes, page-aligned, sparse)

#ifndef EXECBENCH_EXECUTORS_SHARED_BATCH_H_
#define EXECBENCH_EXECUTORS_SHARED_BATCH_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/payload_sizes.h"
#include "executors/task_runner.h"

namespace execbench {

struct SharedBatchHeader {
  int64_t start_ns = 0;  // MonotonicNowNs() at the batch start
  int32_t tasks = 0;
  int32_t workers = 0;
  TaskCpuTiming task_cpu_timing = TaskCpuTiming::kLongTasks;
  int64_t argument_bytes = 0;       // per task; 0: no argument area
  int64_t result_bytes = 0;         // per task; 0: no result area
  int64_t message_arena_bytes = 0;  // 0: no messages
  // On a cache line of its own: every claim writes it, and every worker
  // reads the fields around it.
  alignas(64) std::atomic<int32_t> next_task{0};
  alignas(64) std::atomic<int32_t> abort{
      0};  // set on the first failure: stop taking tasks
  // The arena's bytes taken by messages, from its start.
  alignas(64) std::atomic<int64_t> message_arena_used{0};
  std::atomic<int32_t> error_claimed{0};
  std::atomic<int32_t> error_ready{0};
  char error[2048] = {};  // the first failure, NUL-terminated
};

// Written by the worker while it runs, then by the fork server that forked
// and reaped it.
struct alignas(64) SharedWorkerSlot {
  int64_t ready_ns = 0;  // MonotonicNowNs() when it could take tasks; 0: never
  std::atomic<int32_t> current_task{-1};  // -1 when not running a task
  int32_t pid = 0;                        // 0: not forked
  // How it ended, once reaped: as from waitpid(), its user + system CPU time
  // and its involuntary context switches.
  int32_t wait_status = 0;
  int64_t cpu_ns = 0;
  int64_t move_ns = 0;          // its time spent moving payloads, as it reports
  int64_t message_move_ns = 0;  // and messages
  int64_t involuntary_switches = 0;
};

// Packed, 40 bytes: workers claim runs of neighbouring tasks
// (task_claims.h), so two workers write the same cache line only where their
// claims meet, and a batch of a million tasks writes 40 MB rather than the
// 64 MB of a line per task.
struct SharedTaskSlot {
  std::atomic<int32_t> done{0};  // 1 once the fields below are written
  int32_t worker = 0;
  int64_t start_ns = 0;  // relative to the batch start
  int64_t stop_ns = 0;
  int64_t cpu_ns = 0;
  uint64_t checksum = 0;
};

static_assert(sizeof(SharedTaskSlot) == 40);
static_assert(std::is_trivially_destructible_v<SharedTaskSlot>,
              "task slots start as the zero bytes of a fresh memfd, which "
              "are their default values");
static_assert(std::atomic<int32_t>::is_always_lock_free &&
                  std::atomic<int64_t>::is_always_lock_free,
              "shared-memory atomics must be lock-free to work across "
              "processes");

// Where a task's messages are in the message arena, as offsets from its
// start; zero bytes until written, as the task slots.
struct SharedMessageSlot {
  int64_t argument_offset = 0;
  int64_t argument_bytes = 0;
  int64_t result_offset = 0;  // written by the worker with the result
  int64_t result_bytes = 0;
};
static_assert(std::is_trivially_destructible_v<SharedMessageSlot>);

class SharedBatch {
 public:
  // Creates the memory of a batch of `tasks` on `workers`, whose workers
  // time tasks' CPU as `task_cpu_timing` says, with the payload areas that
  // `payloads` asks for, its pages already in memory, and unless
  // `message_arena_bytes` is 0 message slots and a sparse message arena of
  // that size; the caller sets header().start_ns when the batch starts.
  static absl::StatusOr<SharedBatch> Create(int tasks, int workers,
                                            TaskCpuTiming task_cpu_timing,
                                            PayloadSizes payloads = {},
                                            int64_t message_arena_bytes = 0);
  // Maps the memory of an existing batch from its descriptor, taking
  // ownership of `fd`.
  static absl::StatusOr<SharedBatch> Map(int fd);

  SharedBatch(SharedBatch&& other) noexcept;
  SharedBatch& operator=(SharedBatch&&) = delete;
  ~SharedBatch();

  int fd() const { return fd_; }
  SharedBatchHeader& header() const;
  SharedWorkerSlot& worker(int index) const;
  SharedTaskSlot& task(int index) const;
  // Task `index`'s argument and result areas (empty without payloads).
  absl::Span<char> argument(int index) const;
  absl::Span<char> result(int index) const;
  // Task `index`'s message slot, and the message arena (only with messages).
  SharedMessageSlot& message(int index) const;
  absl::Span<char> message_arena() const;

  // Maps the pages of task slots [begin, end) into this process's page
  // tables at once, writable (MADV_POPULATE_WRITE), where writing the slots
  // would fault once per page: a worker calls it for each long run of tasks
  // it claims. Where the kernel cannot (before Linux 5.14), the slots fault
  // in as they are written.
  void MapTaskSlots(int begin, int end) const;

  // Records `message` as the batch's failure unless one was recorded first,
  // and tells every worker to stop taking tasks.
  void ReportFailure(absl::string_view message) const;
  // The recorded failure, or "" if none.
  std::string failure() const;

 private:
  SharedBatch(int fd, void* base, size_t size)
      : fd_(fd), base_(base), size_(size) {}

  int fd_;
  void* base_;
  size_t size_;
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_SHARED_BATCH_H_
