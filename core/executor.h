// The interface every executor implements: run a batch of independent tasks
// on a number of workers, timing the whole pool lifetime as the study did
// (start the workers, run every task, shut down); and the registry through
// which the benchmark grid and the tests find executors.
//
// An executor receives the workload in one form: prepared in the calling
// process, as a Workload. In-process executors call its RunTask() from their
// workers; an executor whose workers live in other processes or on other
// hosts rebuilds it there from workload.spec(), which every Workload carries.
// One form means one thing to get right, and no executor ignores an argument.
//
// A new executor is one file in executors/, added to executors/CMakeLists.txt,
// its registration inside namespace execbench:
//
//   class Inline final : public Executor {  // every task on the caller
//    public:
//     absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
//                                     int workers) override {
//       BatchResult result{.workers = 1,
//                          .spans = std::vector<TaskSpan>(tasks),
//                          .checksums = std::vector<uint64_t>(tasks)};
//       const int64_t start = MonotonicNowNs();
//       TaskRunner runner(workload, /*worker=*/0, start);
//       for (int i = 0; i < tasks; ++i) {
//         absl::Status ran = runner.Run(i, result.spans[i],
//                                       result.checksums[i]);
//         if (!ran.ok()) return ran;
//       }
//       SetBatchTimes(start, start, MonotonicNowNs(), result);
//       return result;
//     }
//   };
//
//   EXECBENCH_REGISTER_EXECUTOR({.name = "Inline",
//                                .description = "a plain loop",
//                                .single_worker = true,
//                                .make = [] {
//                                  return std::make_unique<Inline>();
//                                }});
//
// It then appears in every workload's rows of the grid, in `bench --help`,
// and in the executor and conformance tests, which run every registered
// executor. The payloads that tasks carry (core/payload_sizes.h) travel
// through the executor's channel: this one would run
// InProcessPayloads(workload, tasks).workload() and check its results
// (executors/in_process_payloads.h), as Serial does.

#ifndef EXECBENCH_CORE_EXECUTOR_H_
#define EXECBENCH_CORE_EXECUTOR_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/batch_result.h"
#include "core/static_registration.h"
#include "core/workload.h"

namespace execbench {

class Executor {
 public:
  virtual ~Executor() = default;

  // Runs tasks 0 .. tasks-1 of `workload`, already prepared in this process,
  // once each on `workers` workers. Any failed task fails the whole batch
  // with a message that names the task and worker. BatchResult::cpu_ns and
  // involuntary_switches count only worker processes; RunBatch() adds the
  // calling process's.
  virtual absl::StatusOr<BatchResult> Run(Workload& workload, int tasks,
                                          int workers) = 0;
};

struct ExecutorRegistration {
  std::string name;  // CamelCase; the second part of benchmark names
  std::string description;
  // Runs with one worker only, whatever --workers says (Serial).
  bool single_worker = false;
  // Its workers are processes of their own that each rebuild and prepare
  // the workload (Processes, Mpi): a batch holds every worker's inputs.
  bool worker_processes = false;
  std::function<std::unique_ptr<Executor>()> make;
  // Whether it runs `workload`; empty: runs every workload.
  std::function<bool(const WorkloadRegistration&)> runs;
  // UnavailableError("<reason>") when the executor cannot run here for a
  // reason outside the suite (Mpi without mpirun); empty: always available.
  // The grid registers no rows of an unavailable executor.
  std::function<absl::Status()> availability;
  // The most workers it can run here (Mpi: ranks - 1); empty: no limit. The
  // grid leaves out larger worker counts.
  std::function<int()> max_workers;
};

// Adds an executor; returns true so that it can initialise a static.
bool RegisterExecutor(ExecutorRegistration registration);

// The registered executors: single-worker ones (the baselines) first, then
// by name.
std::vector<const ExecutorRegistration*> RegisteredExecutors();

// The executor named `name`, or NotFoundError listing the known ones.
absl::StatusOr<const ExecutorRegistration*> FindExecutor(
    absl::string_view name);

}  // namespace execbench

#define EXECBENCH_REGISTER_EXECUTOR(...)                       \
  EXECBENCH_STATIC_REGISTRATION(::execbench::RegisterExecutor( \
      ::execbench::ExecutorRegistration __VA_ARGS__))

#endif  // EXECBENCH_CORE_EXECUTOR_H_
