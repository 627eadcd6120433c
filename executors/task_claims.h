// ClaimTasks(): how pool workers (Threads, and Processes through shared
// memory) take tasks from the counter they share.
//
// One task per claim makes every task's hand-off a write to the counter's
// cache line, which then moves between the workers' cores: on this suite's
// 2-vCPU VM that was most of Noop/Threads' 60 ns per task. A claim instead
// takes a share of what remains, remaining / (kClaimShareDivisor x workers)
// tasks and at least one (guided self-scheduling, Polychronopoulos and Kuck,
// IEEE Trans. Computers 1987): a batch of N tasks costs about
// kClaimShareDivisor x workers x ln(N) claims, and claims shrink as the batch
// ends, so no worker holds back much that an idle one could run. While fewer
// than 2 x kClaimShareDivisor x workers tasks remain, a claim is one task: the
// study's batches (5 to 20 long tasks) go out one task at a time, as from a
// ProcessPoolExecutor.

#ifndef EXECBENCH_EXECUTORS_TASK_CLAIMS_H_
#define EXECBENCH_EXECUTORS_TASK_CLAIMS_H_

#include <algorithm>
#include <atomic>
#include <cstdint>

namespace execbench {

inline constexpr int32_t kClaimShareDivisor = 16;

// Tasks [begin, end) of a claim; empty once none remain.
struct TaskClaim {
  int32_t begin;
  int32_t end;
};

// Claims the next tasks of a batch of `tasks` from `next_task`, which
// `workers` workers share.
inline TaskClaim ClaimTasks(std::atomic<int32_t>& next_task, int32_t tasks,
                            int32_t workers) {
  int32_t begin = next_task.load(std::memory_order_relaxed);
  while (begin < tasks) {
    const int32_t size =
        std::max(1, (tasks - begin) / (kClaimShareDivisor * workers));
    if (next_task.compare_exchange_weak(begin, begin + size,
                                        std::memory_order_relaxed)) {
      return {begin, begin + size};
    }
  }
  return {tasks, tasks};
}

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_TASK_CLAIMS_H_
