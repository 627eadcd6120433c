// PyTask: the user's own Python function, `bench --py_task=MODULE:FUNCTION`,
// on the embedded interpreter, so that the grid answers for their code: each
// task calls it with the task's index, or with its item of a generator
// function (--py_args=MODULE:FUNCTION, one task per item). Threads share the
// process's interpreter and take its GIL per task, as PyCpu's do; each
// process-pool worker has its own, forked from a server that imported the
// user's module before (executors/fork_server.h).
//
// The checksum is that of the pickled result (workloads/python/
// user_function.h): one pickle.dumps of the result per task and a hash of its
// bytes. On a process pool its tasks send messages (core/workload.h), as a
// Python pool's do: the calling process pickles each task's argument, the
// worker unpickles it, calls the function and pickles its result, which the
// calling process unpickles and hashes. Such workers never run the generator
// function: their arguments arrive. Other executors (Mpi's ranks included)
// call the function in the process that holds the items.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "workloads/python/interpreter.h"
#include "workloads/python/python_workload.h"
#include "workloads/python/user_function.h"

EXECBENCH_FLAG(std::string, py_task, "",
               "PyTask: MODULE:FUNCTION, your Python function, called with "
               "the task's index (or its --py_args item); none: no PyTask "
               "rows");
EXECBENCH_FLAG(std::string, py_path, "",
               "PyTask: a folder put first on sys.path, to import "
               "--py_task's and --py_args's modules from");
EXECBENCH_FLAG(std::string, py_args, "",
               "PyTask: MODULE:FUNCTION of a generator function: one task "
               "per item it yields, called with that item");
EXECBENCH_FLAG(execbench::TaskCount, py_task_tasks, {8},
               "PyTask: tasks per batch without --py_args (with it: one per "
               "item)");

namespace execbench {
namespace {

class PyTask final : public PythonWorkload {
 public:
  PyTask(std::string function, std::string generator, std::string path)
      : function_(std::move(function)),
        generator_(std::move(generator)),
        path_(std::move(path)) {}

  // Imports the user's modules, as Python's forkserver preloads them.
  absl::Status PrepareBeforeFork() override {
    if (user_.has_value()) return absl::OkStatus();
    if (absl::Status started = PythonWorkload::PrepareBeforeFork();
        !started.ok()) {
      return started;
    }
    Gil gil;
    absl::StatusOr<UserFunction> user =
        UserFunction::Import(function_, generator_, path_);
    if (!user.ok()) return user.status();
    user_ = *std::move(user);
    return absl::OkStatus();
  }

  // Imports the user's modules and takes the generator function's items, in
  // the calling process and in each process that calls RunTask().
  absl::Status Prepare() override {
    if (absl::Status imported = PrepareBeforeFork(); !imported.ok()) {
      return imported;
    }
    Gil gil;
    return user_->TakeItems();
  }

  absl::StatusOr<uint64_t> RunTask(int index) override {
    Gil gil;
    return user_->RunTask(index);
  }

  bool sends_messages() const override { return true; }

  absl::StatusOr<std::string> ArgumentMessage(int index) override {
    Gil gil;
    return user_->PickledArgument(index);
  }

  // Imports the user's modules, and takes no items: arguments arrive.
  absl::Status PrepareToRunMessages() override { return PrepareBeforeFork(); }

  absl::StatusOr<std::string> RunMessage(int index,
                                         absl::string_view argument) override {
    Gil gil;
    return user_->RunPickled(index, argument);
  }

  absl::StatusOr<uint64_t> ReceiveMessage(int index,
                                          absl::string_view result) override {
    Gil gil;
    return user_->ReceivePickled(index, result);
  }

 private:
  const std::string function_;
  const std::string generator_;
  const std::string path_;
  std::optional<UserFunction> user_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakePyTask(const WorkloadSpec& spec) {
  absl::StatusOr<std::string> function = spec.GetString("function");
  if (!function.ok()) return function.status();
  absl::StatusOr<std::string> generator = spec.GetString("args");
  if (!generator.ok()) return generator.status();
  absl::StatusOr<std::string> path = spec.GetString("path");
  if (!path.ok()) return path.status();
  return std::make_unique<PyTask>(*std::move(function), *std::move(generator),
                                  *std::move(path));
}

// "--py_args=gen:items: it yields no items".
absl::Status FlagError(absl::string_view flag, absl::string_view value,
                       absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("--", flag, "=", value, ": ", message));
}

// The tasks of a batch as the flags ask, importing the user's function (and
// taking the generator's items) in this process. An error names the flag
// at fault.
absl::StatusOr<int> CountTasksFromFlags() {
  const std::string function = absl::GetFlag(FLAGS_py_task);
  const std::string generator = absl::GetFlag(FLAGS_py_args);
  const std::string path = absl::GetFlag(FLAGS_py_path);
  if (absl::Status started = StartInterpreter(); !started.ok()) return started;
  Gil gil;
  // The function alone first, so that its errors name its flag.
  absl::StatusOr<UserFunction> user = UserFunction::Import(function, "", path);
  if (!user.ok())
    return FlagError("py_task", function, user.status().message());
  if (generator.empty()) return absl::GetFlag(FLAGS_py_task_tasks).value;
  user = UserFunction::Import(function, generator, path);
  absl::Status taken = user.ok() ? user->TakeItems() : user.status();
  if (!taken.ok()) return FlagError("py_args", generator, taken.message());
  if (user->items() == 0) {
    return FlagError("py_args", generator, "it yields no items");
  }
  std::string error;
  TaskCount tasks;
  if (!AbslParseFlag(absl::StrCat(user->items()), &tasks, &error)) {
    return FlagError("py_args", generator, error);
  }
  return tasks.value;
}

// CountTasksFromFlags(), worked out once for the flags' values and kept:
// each working-out runs the user's generator, which bench's check of the
// flags does, and which building the run from them then need not do again.
absl::StatusOr<int> TasksFromFlags() {
  struct Counted {
    std::vector<std::string> flags;
    absl::StatusOr<int> tasks;
  };
  static absl::Mutex mutex(absl::kConstInit);
  static auto* counted = new std::optional<Counted>();  // under `mutex`
  std::vector<std::string> flags = {
      absl::GetFlag(FLAGS_py_task), absl::GetFlag(FLAGS_py_args),
      absl::GetFlag(FLAGS_py_path),
      absl::StrCat(absl::GetFlag(FLAGS_py_task_tasks).value)};
  absl::MutexLock lock(&mutex);
  if (!counted->has_value() || (*counted)->flags != flags) {
    counted->emplace(
        Counted{.flags = std::move(flags), .tasks = CountTasksFromFlags()});
  }
  return (*counted)->tasks;
}

// Whether the flags ask for PyTask.
absl::StatusOr<bool> CheckPyTaskFlags() {
  if (absl::GetFlag(FLAGS_py_task).empty()) {
    if (absl::GetFlag(FLAGS_py_args).empty()) return false;
    return absl::InvalidArgumentError(
        "--py_args needs --py_task=MODULE:FUNCTION");
  }
  absl::StatusOr<int> tasks = TasksFromFlags();
  if (!tasks.ok()) return tasks.status();
  return true;
}

absl::StatusOr<WorkloadRun> PyTaskFromFlags() {
  absl::StatusOr<int> tasks = TasksFromFlags();
  if (!tasks.ok()) return tasks.status();
  return WorkloadRun{
      .spec = {.params = {{"function", absl::GetFlag(FLAGS_py_task)},
                          {"args", absl::GetFlag(FLAGS_py_args)},
                          {"path", absl::GetFlag(FLAGS_py_path)}}},
      .tasks = *tasks};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "PyTask",
     .description = "your Python function (--py_task=MODULE:FUNCTION) on "
                    "the embedded interpreter (the GIL)",
     .make = MakePyTask,
     .from_flags = PyTaskFromFlags,
     // The study's loop, compiled into bench, called with n = the index.
     .small_profile = {{"py_task", "study_tasks:cpu_task"},
                       {"py_task_tasks", "5"}},
     .check_flags = CheckPyTaskFlags});

}  // namespace execbench
