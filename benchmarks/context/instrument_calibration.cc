// Calibrating the instrument against bare calls of empty tasks.

#include "benchmarks/context/instrument_calibration.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "absl/strings/str_format.h"
#include "benchmark/benchmark.h"
#include "core/batch_result.h"
#include "core/workload.h"
#include "executors/clock.h"
#include "executors/task_runner.h"

namespace execbench {
namespace {

constexpr int kTasks = 100'000;
constexpr int kTrials = 5;

class EmptyTask final : public Workload {
 public:
  absl::StatusOr<uint64_t> RunTask(int index) override {
    return static_cast<uint64_t>(index);
  }
};

// Runs every task through TaskRunner, or bare; returns the time taken.
int64_t TimeTasks(Workload& tasks, bool instrumented,
                  std::vector<TaskSpan>& spans,
                  std::vector<uint64_t>& checksums) {
  const int64_t start = MonotonicNowNs();
  if (instrumented) {
    TaskRunner runner(tasks, /*worker=*/0, start);
    for (int i = 0; i < kTasks; ++i)
      (void)runner.Run(i, spans[i], checksums[i]);
  } else {
    for (int i = 0; i < kTasks; ++i) {
      absl::StatusOr<uint64_t> checksum = tasks.RunTask(i);
      checksums[i] = checksum.ok() ? *checksum : 0;
    }
  }
  benchmark::ClobberMemory();
  return MonotonicNowNs() - start;
}

}  // namespace

double MeasureInstrumentNsPerTask() {
  EmptyTask tasks;
  std::vector<TaskSpan> spans(kTasks);
  std::vector<uint64_t> checksums(kTasks);
  int64_t best_instrumented = std::numeric_limits<int64_t>::max();
  int64_t best_bare = std::numeric_limits<int64_t>::max();
  for (int trial = 0; trial < kTrials; ++trial) {
    best_instrumented =
        std::min(best_instrumented, TimeTasks(tasks, true, spans, checksums));
    best_bare = std::min(best_bare, TimeTasks(tasks, false, spans, checksums));
  }
  return std::max<double>(0, best_instrumented - best_bare) / kTasks;
}

ContextEntries InstrumentContext() {
  return {{"execbench_instrument_ns_per_task",
           absl::StrFormat("%.1f", MeasureInstrumentNsPerTask())}};
}

}  // namespace execbench
