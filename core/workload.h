// The interface every workload implements, and the registry through which the
// benchmark grid, the tests and process-pool workers find workloads.
//
// A new workload is one file in workloads/, added to workloads/CMakeLists.txt:
// its flags (core/suite_flag.h), then its class and registration inside
// namespace execbench:
//
//   EXECBENCH_FLAG(execbench::PositiveInt, sleep_tasks, {8}, "Sleep: tasks");
//
//   class Sleep final : public Workload {
//    public:
//     explicit Sleep(int64_t us) : us_(us) {}
//     absl::StatusOr<uint64_t> RunTask(int index) override {
//       absl::SleepFor(absl::Microseconds(us_));
//       return index;  // a checksum that depends only on the spec and index
//     }
//    private:
//     const int64_t us_;
//   };
//
//   EXECBENCH_REGISTER_WORKLOAD({
//       .name = "Sleep",
//       .description = "tasks that sleep",
//       .make = [](const WorkloadSpec& spec)
//           -> absl::StatusOr<std::unique_ptr<Workload>> {
//         absl::StatusOr<int64_t> us = spec.GetInt("us");
//         if (!us.ok()) return us.status();
//         return std::make_unique<Sleep>(*us);
//       },
//       .from_flags = []() -> absl::StatusOr<WorkloadRun> {
//         return WorkloadRun{.spec = {.params = {{"us", "1000"}}},
//                            .tasks = absl::GetFlag(FLAGS_sleep_tasks).value};
//       },
//       .small_profile = {{"sleep_tasks", "3"}}});
//
// It then appears in every executor's rows of the grid, in `bench --help`,
// and in the conformance tests, which run it at its small profile.
//
// Messages: a workload whose tasks, like a Python pool's, send their argument
// to a process worker as bytes and get their result back as bytes says
// sends_messages() and implements three hooks; the process pool
// (executors/pool_messages.h) then runs, for each task `index`:
//
//   calling process, in the batch:  argument = ArgumentMessage(index)
//   worker, in place of RunTask():  result = RunMessage(index, argument)
//   calling process, after:         checksum = ReceiveMessage(index, result)
//
// where ReceiveMessage() returns the checksum that RunTask(index) returns in
// one process. Its workers call PrepareToRunMessages() rather than Prepare():
// they need no inputs of their own, as their arguments arrive. Executors
// that run tasks in one process call RunTask() alone.

#ifndef EXECBENCH_CORE_WORKLOAD_H_
#define EXECBENCH_CORE_WORKLOAD_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/flag_values.h"
#include "core/static_registration.h"
#include "core/workload_spec.h"

namespace execbench {

class AsyncWorkload;

// What one task does. One object serves every task of a batch in a process.
class Workload {
 public:
  virtual ~Workload() = default;

  // Makes this process ready to run tasks (inputs, library state). Called once
  // per process before the first task: outside the timed region for in-process
  // executors, inside it for process-pool workers, which must each build their
  // own inputs as Python's workers unpickle theirs.
  virtual absl::Status Prepare() { return absl::OkStatus(); }

  // Whether process pools fork this workload's workers from a preloaded
  // server that has run PrepareBeforeFork() (executors/fork_server.h).
  virtual bool prepares_before_fork() const { return false; }

  // Does, once in a process from which process-pool workers are then forked,
  // the part of Prepare() that they can inherit (start an interpreter, import
  // modules), as Python's forkserver preloads modules; each worker still
  // calls Prepare(). Runs outside the timed region. It must not start a
  // thread: the server checks, as a fork after threads can deadlock.
  virtual absl::Status PrepareBeforeFork() { return absl::OkStatus(); }

  // Runs task `index` and returns a checksum of its result that depends only
  // on the spec and `index`, so that every executor must produce the same.
  // Called concurrently from several threads after Prepare().
  virtual absl::StatusOr<uint64_t> RunTask(int index) = 0;

  // Messages (see the top of this file). The defaults are for a workload that
  // sends none; the others are called only when sends_messages() is true.
  virtual bool sends_messages() const { return false; }
  // In the calling process, after Prepare(): task `index`'s argument.
  virtual absl::StatusOr<std::string> ArgumentMessage(int index);
  // In a process-pool worker, inside the batch: what Prepare() does, less
  // what arriving arguments make unnecessary.
  virtual absl::Status PrepareToRunMessages() { return Prepare(); }
  // In a process-pool worker, concurrently like RunTask(): runs task
  // `index` on the `argument` that ArgumentMessage() made; its result.
  virtual absl::StatusOr<std::string> RunMessage(int index,
                                                 absl::string_view argument);
  // In the calling process: the checksum of task `index`, whose result
  // RunMessage() made, as RunTask(index) would return it.
  virtual absl::StatusOr<uint64_t> ReceiveMessage(int index,
                                                  absl::string_view result);

  // Brings what batches share on the machine back to the same state before
  // each batch, in the benchmark's own process and outside the timed region
  // (Io has the page cache write back the previous batch's files, so that
  // their write-back does not slow the next batch).
  virtual absl::Status Settle() { return absl::OkStatus(); }

  // The asynchronous form of this workload (core/async_workload.h), or
  // nullptr for a workload without one.
  virtual AsyncWorkload* async() { return nullptr; }

  // The spec this workload was built from (by MakeWorkload), from which a
  // worker in another process rebuilds the same workload.
  const WorkloadSpec& spec() const { return spec_; }

 private:
  friend absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(
      const WorkloadSpec& spec);

  WorkloadSpec spec_;
};

// What the benchmark grid runs for one workload, as the flags ask.
struct WorkloadRun {
  // from_flags fills the parameters; RunFromFlags() names the spec.
  WorkloadSpec spec;
  int tasks = 0;  // per batch
  // Workload-specific counters reported beside the common ones.
  std::map<std::string, double> counters;
  // The memory a batch takes beyond its bookkeeping, which the benchmark
  // checks against what is available before its first batch: what each
  // process that runs tasks builds once (its inputs, which the benchmark's
  // own process holds by then) and what each task holds while it runs (a
  // result, a body).
  int64_t process_bytes = 0;
  int64_t running_task_bytes = 0;
};

struct WorkloadRegistration {
  std::string name;  // CamelCase; the first part of benchmark names
  std::string description;
  std::function<absl::StatusOr<std::unique_ptr<Workload>>(const WorkloadSpec&)>
      make;
  // Builds the run from the suite's flags, starting anything the workload
  // needs (a loopback server). Empty for workloads that only tests use.
  std::function<absl::StatusOr<WorkloadRun>()> from_flags;
  // What --profile=seed sets: the study's own sizes.
  FlagValues seed_profile;
  // A batch of a few milliseconds, for the conformance tests.
  FlagValues small_profile;
  // Says whether the flags ask for this workload (false leaves it out of the
  // grid), after the checks that need several of its flags or its own code
  // (an error is a bad flag: one line, exit code 2). bench calls it once,
  // when it reads its flags, before any benchmark runs, and keeps the answer
  // for the grid (benchmarks/cli/command_line.h); from_flags then runs only
  // for a workload that it said yes to. A check of one flag's value alone
  // belongs in the flag's type (core/flag_types.h), which bench applies as
  // it reads the flag: Cmd's --cmd_task is parsed by `sh -n` there, and
  // Cmd's check_flags only says whether it was given. Empty: always in the
  // grid.
  std::function<absl::StatusOr<bool>()> check_flags;
  // Whether make() builds a Workload whose async() is not nullptr, so that
  // the EventLoop executor runs it.
  bool asynchronous = false;
};

// Adds a workload; returns true so that it can initialise a static.
bool RegisterWorkload(WorkloadRegistration registration);

// The registered workloads, sorted by name.
std::vector<const WorkloadRegistration*> RegisteredWorkloads();

// The workload named `name`, or NotFoundError listing the known ones.
absl::StatusOr<const WorkloadRegistration*> FindWorkload(
    absl::string_view name);

// Builds the workload that `spec` names (not yet prepared), slowed when the
// spec carries a task slowdown (core/task_slowdown.h).
absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(
    const WorkloadSpec& spec);

// Builds the workload that `spec` names and prepares it.
absl::StatusOr<std::unique_ptr<Workload>> MakePreparedWorkload(
    const WorkloadSpec& spec);

// `workload.from_flags()` with its spec named, and the task slowdown and
// payload sizes of the flags added to it (core/task_slowdown.h,
// core/payload_sizes.h).
absl::StatusOr<WorkloadRun> RunFromFlags(const WorkloadRegistration& workload);

}  // namespace execbench

#define EXECBENCH_REGISTER_WORKLOAD(...)                       \
  EXECBENCH_STATIC_REGISTRATION(::execbench::RegisterWorkload( \
      ::execbench::WorkloadRegistration __VA_ARGS__))

#endif  // EXECBENCH_CORE_WORKLOAD_H_
