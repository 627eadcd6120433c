// Tests of the workloads that run the study's Python functions on the
// embedded interpreter: Python's own results in the checksums, a Python
// exception that fails the batch with the task and the traceback's last line,
// a missing optional module that is a skip (UnavailableError) and not a
// crash, and no interpreter thread or worker process left after a batch.
// The conformance tests check their checksums across executors.

#include <string>

#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/workload.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "tests/workload_batches.h"
#include "workloads/hashing/stable_hash.h"
#include "workloads/python/interpreter.h"

namespace execbench {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr char kMissingModule[] = "execbench_no_such_module";

// The value of a Python expression evaluated in __main__, as a long.
long PythonLong(const char* expression) {
  Gil gil;
  PyRef globals(PyDict_New());
  PyRef value(
      PyRun_String(expression, Py_eval_input, globals.get(), globals.get()));
  if (value.get() == nullptr) {
    ADD_FAILURE() << PythonErrorStatus(expression);
    return -1;
  }
  return PyLong_AsLong(value.get());
}

// The spec of `workload` at its small profile.
WorkloadSpec SmallSpec(const std::string& workload, int* tasks = nullptr) {
  absl::StatusOr<const WorkloadRegistration*> found = FindWorkload(workload);
  EXPECT_TRUE(found.ok()) << found.status();
  absl::FlagSaver restore_flags;
  EXPECT_TRUE(SetFlags((*found)->small_profile).ok());
  absl::StatusOr<WorkloadRun> run = RunFromFlags(**found);
  EXPECT_TRUE(run.ok()) << run.status();
  if (tasks != nullptr) *tasks = run->tasks;
  return run->spec;
}

TEST(PythonWorkloadsTest, PyCpuChecksumsArePythonsSumsOfTheRange) {
  for (const std::string& executor : RegisteredExecutorNames("PyCpu")) {
    absl::StatusOr<BatchResult> batch = RunWorkloadBatch(
        executor, {.name = "PyCpu", .params = {{"iterations", "1001"}}}, 3);
    ASSERT_TRUE(batch.ok()) << executor << ": " << batch.status();
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(batch->checksums[i], StableHash(1001 * 1000 / 2, i))
          << executor << " task " << i;
    }
  }
}

TEST(PythonWorkloadsTest, PythonExceptionFailsTheBatchNamingTaskAndLastLine) {
  const std::string folder = "/nonexistent-execbench-folder";
  for (const std::string& executor : RegisteredExecutorNames("PyIo")) {
    absl::StatusOr<BatchResult> batch = RunWorkloadBatch(
        executor,
        {.name = "PyIo", .params = {{"bytes", "10"}, {"folder", folder}}}, 4);
    ASSERT_FALSE(batch.ok()) << executor;
    EXPECT_NE(batch.status().code(), absl::StatusCode::kUnavailable);
    EXPECT_THAT(
        std::string(batch.status().message()),
        AllOf(HasSubstr("task "),
              HasSubstr(absl::StrCat(
                  "study_tasks.io_task: FileNotFoundError: [Errno 2] No such "
                  "file or directory: '",
                  folder, "/task-"))))
        << executor;
  }
}

TEST(PythonWorkloadsTest, MissingOptionalModuleIsASkipWithTheReason) {
  struct Case {
    const char* workload;
    const char* package;
  };
  for (const Case& test :
       {Case{"PyDot", "python3-numpy"}, Case{"PyImage", "python3-pil"}}) {
    WorkloadSpec spec = SmallSpec(test.workload);
    spec.params["module"] = kMissingModule;
    absl::StatusOr<BatchResult> batch = RunBatchOn("Serial", spec, 2, 1);
    ASSERT_FALSE(batch.ok()) << test.workload;
    EXPECT_EQ(batch.status().code(), absl::StatusCode::kUnavailable)
        << batch.status();
    EXPECT_THAT(
        std::string(batch.status().message()),
        AllOf(HasSubstr(absl::StrCat("No module named '", kMissingModule, "'")),
              HasSubstr(test.package)));
  }
}

TEST(PythonWorkloadsTest, NoInterpreterThreadOrWorkerIsLeftAfterABatch) {
  for (const char* workload : {"PyCpu", "PyApi", "PyIo", "PyDot", "PyImage"}) {
    int tasks = 0;
    const WorkloadSpec spec = SmallSpec(workload, &tasks);
    // The first batch starts the interpreter and imports what it needs
    // (NumPy starts its BLAS threads then), and a first batch on every
    // executor starts the pools that outlive batches by design (libgomp's
    // team); later batches start nothing that outlives them.
    ASSERT_TRUE(RunBatchOn("Threads", spec, tasks, 3).ok()) << workload;
    for (const std::string& executor : RegisteredExecutorNames(workload)) {
      ASSERT_TRUE(RunWorkloadBatch(executor, spec, tasks).ok()) << executor;
    }
    const int threads = ThreadCount();
    for (const std::string& executor : RegisteredExecutorNames(workload)) {
      absl::StatusOr<BatchResult> batch =
          RunWorkloadBatch(executor, spec, tasks);
      ASSERT_TRUE(batch.ok())
          << workload << " " << executor << ": " << batch.status();
      EXPECT_EQ(ThreadCount(), threads) << workload << " " << executor;
      EXPECT_EQ(PythonLong("__import__('threading').active_count()"), 1)
          << workload << " " << executor;
      EXPECT_THAT(ChildrenOfForkServers(), IsEmpty())
          << workload << " " << executor;
    }
  }
}

TEST(PythonWorkloadsTest, InterpreterIsIsolatedFromTheEnvironment) {
  ASSERT_TRUE(StartInterpreter().ok());
  EXPECT_EQ(PythonLong("__import__('sys').flags.isolated"), 1);
  EXPECT_EQ(PythonLong("__import__('sys').prefix == '/usr'"), 1);
  EXPECT_THAT(PythonVersion(), StartsWith("3."));
}

}  // namespace
}  // namespace execbench
