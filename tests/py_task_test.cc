// Tests of PyTask, the user's Python function on the embedded interpreter
// (workloads/py_task.cc, workloads/python/user_function.h), and of the
// preloaded fork servers that Python workloads' workers are forked from:
// every task runs exactly once on every executor, process-pool workers are
// children of a preloaded server, which keeps no worker between batches and
// does not fork at all if preloading started a thread; generator items reach
// their tasks; arguments and results travel pickled, through a process
// pool's message arena (items of every size, beside payloads, counted as
// moved, and failing the batch when they do not fit); bad functions are
// named in one line. Exits and kills of bench with its
// preloaded servers: tests/python/test_py_task.py.

#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/payload_sizes.h"
#include "core/workload.h"
#include "executors/fork_server.h"
#include "executors/pool_messages.h"
#include "executors/proc_stat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "tests/workload_batches.h"
#include "workloads/hashing/bytes_checksum.h"
#include "workloads/python/interpreter.h"
#include "workloads/python/user_function.h"

namespace execbench {
namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

const std::string kFixtures =
    std::string(EXECBENCH_SOURCE_ROOT) + "/tests/fixtures/python";

WorkloadSpec PyTaskSpec(const std::string& function,
                        const std::string& generator = "") {
  return {.name = "PyTask",
          .params = {
              {"function", absl::StrCat("user_tasks:", function)},
              {"args",
               generator.empty() ? "" : absl::StrCat("user_tasks:", generator)},
              {"path", kFixtures}}};
}

// pickle.dumps(eval(`expression`)), with the GIL.
std::string Pickled(const std::string& expression) {
  EXPECT_TRUE(StartInterpreter().ok());
  Gil gil;
  PyRef globals(PyDict_New());
  PyRef value(PyRun_String(
      absl::StrCat("__import__('pickle').dumps(", expression, ")").c_str(),
      Py_eval_input, globals.get(), globals.get()));
  if (value.get() == nullptr || !PyBytes_Check(value.get())) {
    ADD_FAILURE() << PythonErrorStatus(expression);
    return "";
  }
  return std::string(PyBytes_AS_STRING(value.get()),
                     PyBytes_GET_SIZE(value.get()));
}

// The task log that user_tasks.record writes to, in this test process and
// every process forked from it: in /tmp, as the fork servers, started before
// the test's private $TMPDIR, have no other folder in common with it.
class TaskLog {
 public:
  TaskLog() : path_(absl::StrCat("/tmp/execbench-task-log-", getpid())) {
    Clear();
  }
  ~TaskLog() { std::remove(path_.c_str()); }

  void Clear() { std::ofstream(path_, std::ios::trunc); }

  // Task index -> the parent pids of the processes that ran it.
  std::map<int, std::vector<pid_t>> Read() const {
    std::map<int, std::vector<pid_t>> runs;
    std::ifstream in(path_);
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> fields = absl::StrSplit(line, ' ');
      int index;
      pid_t parent;
      if (fields.size() == 2 && absl::SimpleAtoi(fields[0], &index) &&
          absl::SimpleAtoi(fields[1], &parent)) {
        runs[index].push_back(parent);
      }
    }
    return runs;
  }

 private:
  const std::string path_;
};

TEST(PyTaskTest, EveryTaskRunsExactlyOnceOnEveryExecutor) {
  constexpr int kTasks = 7;
  TaskLog log;
  for (const std::string& executor : RegisteredExecutorNames("PyTask")) {
    log.Clear();
    absl::StatusOr<BatchResult> batch =
        RunWorkloadBatch(executor, PyTaskSpec("record"), kTasks);
    ASSERT_TRUE(batch.ok()) << executor << ": " << batch.status();
    const std::map<int, std::vector<pid_t>> runs = log.Read();
    ASSERT_THAT(runs, SizeIs(kTasks)) << executor;
    for (int task = 0; task < kTasks; ++task) {
      EXPECT_THAT(runs.at(task), SizeIs(1)) << executor << " task " << task;
      EXPECT_EQ(batch->checksums[task],
                BytesChecksum(Pickled(absl::StrCat(task))))
          << executor << " task " << task;
    }
  }
}

TEST(PyTaskTest, ProcessPoolWorkersAreForkedFromPreloadedServers) {
  constexpr int kTasks = 6;
  TaskLog log;
  for (int batch = 0; batch < 2; ++batch) {
    log.Clear();
    ASSERT_TRUE(RunBatchOn("Processes", PyTaskSpec("record"), kTasks, 3).ok());
    const std::vector<pid_t> preloaded = PreloadedForkServerPids();
    ASSERT_THAT(preloaded, SizeIs(ForkServerPids().size()));
    const std::map<int, std::vector<pid_t>> runs = log.Read();
    ASSERT_THAT(runs, SizeIs(kTasks));
    for (const auto& [task, parents] : runs) {
      ASSERT_THAT(parents, SizeIs(1));
      EXPECT_NE(std::find(preloaded.begin(), preloaded.end(), parents[0]),
                preloaded.end())
          << "task " << task << " ran in a child of " << parents[0];
    }
    EXPECT_THAT(ChildrenOfForkServers(), IsEmpty()) << "batch " << batch;
  }
}

TEST(PyTaskTest, PreloadedServersLeaveNoFileBehindAndServeEachSpecOnce) {
  const std::set<std::string> shared_memory = SharedMemoryFiles();
  const std::set<std::string> temp_files = TempFiles();
  ASSERT_TRUE(RunBatchOn("Processes", PyTaskSpec("square"), 4, 2).ok());
  const std::vector<pid_t> preloaded = PreloadedForkServerPids();
  ASSERT_TRUE(RunBatchOn("Processes", PyTaskSpec("square"), 4, 2).ok());
  EXPECT_EQ(PreloadedForkServerPids(), preloaded);
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
  EXPECT_EQ(SharedMemoryFiles(), shared_memory);
  EXPECT_EQ(TempFiles(), temp_files);
}

TEST(PyTaskTest, APreloadedServerThatStartedAThreadDoesNotFork) {
  WorkloadSpec spec = PyTaskSpec("square");
  spec.params["function"] = "starts_thread:square";
  absl::StatusOr<BatchResult> batch = RunBatchOn("Processes", spec, 2, 2);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(std::string(batch.status().message()),
              HasSubstr("cannot preload PyTask: PyTask's PrepareBeforeFork() "
                        "left 2 threads running"));
  // They were killed, and their fork servers reap them at their next
  // request.
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  for (absl::string_view child :
       absl::StrSplit(ChildrenOfForkServers(), ' ', absl::SkipEmpty())) {
    pid_t pid = 0;
    ASSERT_TRUE(absl::SimpleAtoi(child, &pid));
    while (!ProcessEnded(pid) && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(10));
    }
    EXPECT_TRUE(ProcessEnded(pid)) << "pid " << pid;
  }
}

TEST(PyTaskTest, GeneratorItemsReachTheirTasks) {
  const std::vector<std::string> lengths = {"1", "2", "3", "1"};
  for (const std::string& executor : RegisteredExecutorNames("PyTask")) {
    absl::StatusOr<BatchResult> batch =
        RunWorkloadBatch(executor, PyTaskSpec("size", "words"), lengths.size());
    ASSERT_TRUE(batch.ok()) << executor << ": " << batch.status();
    for (size_t task = 0; task < lengths.size(); ++task) {
      EXPECT_EQ(batch->checksums[task], BytesChecksum(Pickled(lengths[task])))
          << executor << " task " << task;
    }
  }
}

TEST(PyTaskTest, ArgumentsAndResultsTravelPickled) {
  ASSERT_TRUE(StartInterpreter().ok());
  Gil gil;
  absl::StatusOr<UserFunction> user =
      UserFunction::Import("user_tasks:size", "user_tasks:words", kFixtures);
  ASSERT_TRUE(user.ok()) << user.status();
  ASSERT_TRUE(user->TakeItems().ok());
  EXPECT_EQ(user->items(), 4);
  absl::StatusOr<std::string> argument = user->PickledArgument(3);
  ASSERT_TRUE(argument.ok()) << argument.status();
  EXPECT_EQ(*argument, Pickled("{'key': ('d', 4)}"));
  absl::StatusOr<std::string> result = user->RunPickled(3, *argument);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(*result, Pickled("1"));
  absl::StatusOr<uint64_t> received = user->ReceivePickled(3, *result);
  ASSERT_TRUE(received.ok()) << received.status();
  EXPECT_EQ(*received, BytesChecksum(Pickled("1")));
  EXPECT_THAT(
      std::string(user->RunPickled(3, "not a pickle").status().message()),
      HasSubstr("unpickling its argument"));
  EXPECT_THAT(
      std::string(user->ReceivePickled(3, "not a pickle").status().message()),
      HasSubstr("user_tasks:size (task 3): unpickling its result"));
}

// The sizes of the items of user_tasks.sized_items, which record_reversed
// logs in place of their tasks' indices.
const std::vector<int> kItemSizes = {0, 10, 100000, 3 << 20};

// Python for user_tasks.sized(size).
std::string SizedItem(int size) {
  return absl::StrCat("(bytes(range(256)) * ", size / 256 + 1, ")[:", size,
                      "]");
}

// The bytes of every pickled item and pickled reversed item.
int64_t PickledItemBytes() {
  int64_t bytes = 0;
  for (int size : kItemSizes) {
    bytes += Pickled(SizedItem(size)).size() +
             Pickled(SizedItem(size) + "[::-1]").size();
  }
  return bytes;
}

TEST(PyTaskTest, PickledItemsOfEverySizeTravelThroughTheProcessPool) {
  const WorkloadSpec spec =
      PyTaskSpec("record_reversed", "recorded_sized_items");
  const int tasks = static_cast<int>(kItemSizes.size());
  TaskLog log;
  absl::StatusOr<BatchResult> serial = RunBatchOn("Serial", spec, tasks, 1);
  ASSERT_TRUE(serial.ok()) << serial.status();
  for (int task = 0; task < tasks; ++task) {
    EXPECT_EQ(serial->checksums[task],
              BytesChecksum(Pickled(SizedItem(kItemSizes[task]) + "[::-1]")))
        << "task " << task;
  }
  for (int workers : {1, 2}) {
    log.Clear();
    absl::StatusOr<BatchResult> batch =
        RunBatchOn("Processes", spec, tasks, workers);
    ASSERT_TRUE(batch.ok()) << workers << " workers: " << batch.status();
    EXPECT_EQ(batch->checksums, serial->checksums) << workers << " workers";
    EXPECT_EQ(batch->payload_bytes, PickledItemBytes()) << workers;
    EXPECT_GT(batch->move_ns, 0) << workers << " workers";
    std::map<int, std::vector<pid_t>> runs = log.Read();
    for (int size : kItemSizes) {
      ASSERT_THAT(runs[size], SizeIs(1)) << workers << " workers, " << size;
      EXPECT_THAT(PreloadedForkServerPids(), Contains(runs[size][0]))
          << "the item of " << size << " bytes ran in a child of "
          << runs[size][0];
    }
    // The generator function ran in this process alone.
    EXPECT_THAT(runs[-1], Not(IsEmpty()));
    EXPECT_THAT(runs[-1], Each(getppid())) << workers << " workers";
  }
}

TEST(PyTaskTest, PickledItemsTravelBesidePayloads) {
  constexpr int kPayloadBytes = 4096;
  WorkloadSpec spec = PyTaskSpec("reversed_item", "sized_items");
  spec.params[kArgumentBytesParameter] = absl::StrCat(kPayloadBytes);
  spec.params[kResultBytesParameter] = absl::StrCat(kPayloadBytes);
  const int tasks = static_cast<int>(kItemSizes.size());
  absl::StatusOr<BatchResult> serial = RunBatchOn("Serial", spec, tasks, 1);
  ASSERT_TRUE(serial.ok()) << serial.status();
  for (int workers : {1, 2}) {
    absl::StatusOr<BatchResult> batch =
        RunBatchOn("Processes", spec, tasks, workers);
    ASSERT_TRUE(batch.ok()) << workers << " workers: " << batch.status();
    EXPECT_EQ(batch->checksums, serial->checksums) << workers << " workers";
    EXPECT_EQ(batch->payload_bytes,
              2 * kPayloadBytes * tasks + PickledItemBytes())
        << workers << " workers";
  }
}

TEST(PyTaskTest, MessagesThatDoNotFitTheArenaFailTheBatchLeavingNothing) {
  const WorkloadSpec grow = PyTaskSpec("grow");
  const WorkloadSpec items = PyTaskSpec("reversed_item", "sized_items");
  // Each spec's preloaded servers are started, and its results fit the
  // default arena.
  ASSERT_TRUE(RunBatchOn("Processes", grow, 3, 2).ok());
  ASSERT_TRUE(
      RunBatchOn("Processes", items, static_cast<int>(kItemSizes.size()), 2)
          .ok());
  const std::set<std::string> descriptors = ListDirectory("/proc/self/fd");
  const std::set<std::string> shared_memory = SharedMemoryFiles();
  SetMessageArenaBytes(1 << 20);
  absl::StatusOr<BatchResult> result = RunBatchOn("Processes", grow, 3, 2);
  absl::StatusOr<BatchResult> argument =
      RunBatchOn("Processes", items, static_cast<int>(kItemSizes.size()), 2);
  SetMessageArenaBytes(kDefaultMessageArenaBytes);

  ASSERT_FALSE(result.ok());
  const std::string result_error(result.status().message());
  EXPECT_THAT(result_error, HasSubstr("process pool broken: task "));
  EXPECT_THAT(result_error,
              HasSubstr(absl::StrCat(
                  ": its result of ", Pickled("bytes(2 << 20)").size(),
                  " bytes does not fit in the process pool's message arena "
                  "of 1048576 bytes, ")));
  EXPECT_EQ(result_error.find('\n'), std::string::npos) << result_error;
  ASSERT_FALSE(argument.ok());
  int64_t taken = 0;
  for (int size : {0, 10, 100000}) taken += Pickled(SizedItem(size)).size();
  EXPECT_EQ(
      argument.status().message(),
      absl::StrCat("task 3's argument of ", Pickled(SizedItem(3 << 20)).size(),
                   " bytes does not fit in the process pool's message "
                   "arena of 1048576 bytes, ",
                   taken, " of them taken (--message_arena_mib)"));
  EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
  EXPECT_EQ(ListDirectory("/proc/self/fd"), descriptors);
  EXPECT_EQ(SharedMemoryFiles(), shared_memory);
}

TEST(PyTaskTest, BadFunctionsAreNamedInOneLine) {
  ASSERT_TRUE(StartInterpreter().ok());
  Gil gil;
  struct Case {
    const char* function;
    const char* generator;
    const char* message;
  };
  for (const Case& test : {
           Case{"execbench_no_such_module:f", "",
                "cannot import module execbench_no_such_module "
                "(ModuleNotFoundError: No module named "
                "'execbench_no_such_module')"},
           Case{"user_tasks:missing", "", "module user_tasks has no missing"},
           Case{"user_tasks:NOT_A_FUNCTION", "",
                "user_tasks:NOT_A_FUNCTION is not a function"},
           Case{"user_tasks:two_arguments", "",
                "user_tasks:two_arguments does not take 1 argument"},
           Case{"no_colon", "", "'no_colon' is not MODULE:FUNCTION"},
           Case{"user_tasks:size", "user_tasks:size",
                "user_tasks:size does not take 0 arguments"},
       }) {
    absl::StatusOr<UserFunction> user =
        UserFunction::Import(test.function, test.generator, kFixtures);
    ASSERT_FALSE(user.ok()) << test.function;
    EXPECT_THAT(std::string(user.status().message()), HasSubstr(test.message));
    EXPECT_EQ(std::string(user.status().message()).find('\n'),
              std::string::npos);
  }
  absl::StatusOr<UserFunction> not_iterable = UserFunction::Import(
      "user_tasks:size", "user_tasks:not_iterable", kFixtures);
  ASSERT_TRUE(not_iterable.ok());
  EXPECT_THAT(std::string(not_iterable->TakeItems().message()),
              HasSubstr("returned a int, which is not iterable"));
}

TEST(PyTaskTest, AnExceptionFailsTheBatchNamingTheTask) {
  for (const std::string& executor : RegisteredExecutorNames("PyTask")) {
    absl::StatusOr<BatchResult> batch =
        RunWorkloadBatch(executor, PyTaskSpec("fails"), 3);
    ASSERT_FALSE(batch.ok()) << executor;
    EXPECT_THAT(std::string(batch.status().message()),
                HasSubstr("user_tasks:fails (task "))
        << executor;
    EXPECT_THAT(std::string(batch.status().message()),
                HasSubstr("ValueError: task "))
        << executor;
  }
}

}  // namespace
}  // namespace execbench
