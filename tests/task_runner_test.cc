// TaskRunner, the instrument: one clock read per task boundary (spans of one
// worker tile its time without gaps), and a task's CPU time read only where
// the timing asks for it.

#include "executors/task_runner.h"

#include <vector>

#include "core/workload.h"
#include "executors/clock.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

// Task i spins for spin_ns[i] of CPU time.
class Spinner final : public Workload {
 public:
  explicit Spinner(std::vector<int64_t> spin_ns)
      : spin_ns_(std::move(spin_ns)) {}
  absl::StatusOr<uint64_t> RunTask(int index) override {
    const int64_t end = ThreadCpuNs() + spin_ns_[index];
    while (ThreadCpuNs() < end) {
    }
    return static_cast<uint64_t>(index);
  }

 private:
  const std::vector<int64_t> spin_ns_;
};

std::vector<TaskSpan> RunAll(const std::vector<int64_t>& spin_ns,
                             TaskCpuTiming timing) {
  Spinner tasks(spin_ns);
  const int64_t start = MonotonicNowNs();
  TaskRunner runner(tasks, /*worker=*/3, start, timing);
  std::vector<TaskSpan> spans(spin_ns.size());
  for (size_t i = 0; i < spin_ns.size(); ++i) {
    uint64_t checksum = 0;
    EXPECT_TRUE(runner.Run(static_cast<int>(i), spans[i], checksum).ok());
    EXPECT_EQ(checksum, i);
  }
  EXPECT_EQ(spans[0].start_ns, runner.ready_ns() - start);
  return spans;
}

TEST(TaskRunnerTest, SpansOfOneWorkerFollowEachOtherWithoutGaps) {
  const std::vector<TaskSpan> spans =
      RunAll({0, 50'000, 0, 0}, TaskCpuTiming::kNever);
  for (size_t i = 1; i < spans.size(); ++i) {
    EXPECT_EQ(spans[i].start_ns, spans[i - 1].stop_ns) << "task " << i;
    EXPECT_EQ(spans[i].worker, 3);
  }
  EXPECT_GE(spans[1].stop_ns - spans[1].start_ns, 50'000);
}

TEST(TaskRunnerTest, LongTasksGetTheirCpuTimeAndShortOnesDoNot) {
  const std::vector<TaskSpan> spans =
      RunAll({2 * kLongTaskNs, 0, 2 * kLongTaskNs, 2 * kLongTaskNs},
             TaskCpuTiming::kLongTasks);
  EXPECT_GE(spans[0].cpu_ns, 2 * kLongTaskNs);
  EXPECT_EQ(spans[1].cpu_ns, kUnknownCpu);
  // Its CPU clock was not read at the start: the short task's read is missing.
  EXPECT_EQ(spans[2].cpu_ns, kUnknownCpu);
  EXPECT_GE(spans[3].cpu_ns, 2 * kLongTaskNs);
}

TEST(TaskRunnerTest, EveryTaskAndNeverMeanWhatTheySay) {
  for (const TaskSpan& span : RunAll({0, 0, 0}, TaskCpuTiming::kEveryTask)) {
    EXPECT_GE(span.cpu_ns, 0);
  }
  for (const TaskSpan& span :
       RunAll({2 * kLongTaskNs, 0}, TaskCpuTiming::kNever)) {
    EXPECT_EQ(span.cpu_ns, kUnknownCpu);
  }
}

}  // namespace
}  // namespace execbench
