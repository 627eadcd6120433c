// Tests of the Cmd workload on every executor that runs here: each task's
// command runs exactly once; a command that exits with a status, is killed
// by a signal or runs past its timeout fails its batch naming the task, why
// and its stderr's last lines; nothing is left running; and the checksum is
// the command's stdout's. On process pools, what a worker's commands leave
// running ends with the batch, even when the worker is killed at the batch
// timeout. Its bounded capture of output is tested on its own.

#include <signal.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/executor.h"
#include "core/flag_values.h"
#include "core/workload.h"
#include "executors/batch_timeout.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "tests/test_folder.h"
#include "tests/workload_batches.h"
#include "workloads/command/command_output.h"
#include "workloads/command/command_template.h"

namespace execbench {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// The spec that bench builds from --cmd_task and --cmd_timeout_ms.
WorkloadSpec CmdSpec(const std::string& command, int timeout_ms) {
  absl::FlagSaver restore_flags;
  EXPECT_TRUE(SetFlags({{"cmd_task", command},
                        {"cmd_timeout_ms", absl::StrCat(timeout_ms)}})
                  .ok());
  absl::StatusOr<const WorkloadRegistration*> cmd = FindWorkload("Cmd");
  EXPECT_TRUE(cmd.ok()) << cmd.status();
  absl::StatusOr<WorkloadRun> run = RunFromFlags(**cmd);
  EXPECT_TRUE(run.ok()) << run.status();
  return run->spec;
}

// Whether process `pid` still runs: it exists and is not a zombie.
bool Running(pid_t pid) {
  const std::string stat = ReadFile(absl::StrCat("/proc/", pid, "/stat"));
  if (stat.empty()) return false;
  const std::vector<std::string> fields =
      absl::StrSplit(stat.substr(stat.rfind(')') + 2), ' ');
  return fields[0] != "Z";
}

// The pid that a command wrote to file `path`; 0 if there is none.
pid_t PidInFile(const std::filesystem::path& path) {
  pid_t pid;
  return absl::SimpleAtoi(absl::StripAsciiWhitespace(ReadFile(path)), &pid)
             ? pid
             : 0;
}

// Whether process `pid` stops running within a few seconds: a killed
// process ends a moment after its signal is sent.
bool Ends(pid_t pid) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (Running(pid)) {
    if (absl::Now() > deadline) return false;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return true;
}

class CommandWorkloadTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { descriptors_ = ListDirectory("/proc/self/fd"); }

  // Whatever the batch did, the executor's process gives back every
  // descriptor and keeps no child but its fork servers.
  void TearDown() override {
    EXPECT_EQ(ListDirectory("/proc/self/fd"), descriptors_);
    EXPECT_THAT(ChildrenBesidesForkServers(), IsEmpty());
    EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
  }

  absl::StatusOr<BatchResult> Run(const std::string& command, int tasks,
                                  int timeout_ms = 60'000) {
    return RunWorkloadBatch(GetParam(), CmdSpec(command, timeout_ms), tasks);
  }

  TestFolder folder_;

 private:
  std::set<std::string> descriptors_;
};

TEST_P(CommandWorkloadTest, EachTaskRunsItsCommandOnce) {
  constexpr int kTasks = 7;
  const std::string log = folder_.path() / "ran";
  absl::StatusOr<BatchResult> batch =
      Run(absl::StrCat("echo {task} >> ", log), kTasks);
  ASSERT_TRUE(batch.ok()) << batch.status();
  std::vector<int> ran;
  for (absl::string_view line :
       absl::StrSplit(ReadFile(log), '\n', absl::SkipEmpty())) {
    int index;
    ASSERT_TRUE(absl::SimpleAtoi(line, &index)) << line;
    ran.push_back(index);
  }
  std::sort(ran.begin(), ran.end());
  EXPECT_THAT(ran, ElementsAreArray({0, 1, 2, 3, 4, 5, 6}));
}

TEST_P(CommandWorkloadTest, AFailedCommandNamesItsTaskStatusAndStderr) {
  absl::StatusOr<BatchResult> batch =
      Run("echo starting >&2; echo 'cannot go on with {task}' >&2; "
          "[ {task} -ne 2 ] || exit 3",
          4);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(
      batch.status().message(),
      AllOf(HasSubstr("Cmd: task 2 "), HasSubstr("exited with status 3"),
            HasSubstr("starting | cannot go on with 2")));
}

TEST_P(CommandWorkloadTest, ACommandKilledByASignalNamesIt) {
  absl::StatusOr<BatchResult> batch = Run("[ {task} -ne 1 ] || kill -9 $$", 3);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(),
              AllOf(HasSubstr("Cmd: task 1 "), HasSubstr("killed by SIGKILL")));
}

TEST_P(CommandWorkloadTest, AHangingCommandIsKilledWithItsProcessGroup) {
  // The shell waits for a sleep of its own, which must die with it.
  const std::string pids = folder_.path() / "pid-";
  absl::StatusOr<BatchResult> batch =
      Run(absl::StrCat("sleep 1000 & echo $! > ", pids, "{task}; wait"), 2,
          /*timeout_ms=*/300);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(),
              AllOf(HasSubstr("Cmd: task "),
                    HasSubstr("ran past its timeout of 300ms")));
  int sleeps = 0;
  for (int task = 0; task < 2; ++task) {
    const pid_t pid = PidInFile(absl::StrCat(pids, task));
    if (pid == 0) continue;
    ++sleeps;
    EXPECT_TRUE(Ends(pid)) << "the sleep of task " << task;
  }
  EXPECT_GT(sleeps, 0);
}

TEST_P(CommandWorkloadTest, OutputHeldOpenOutsideTheGroupEndsAtTheTimeout) {
  // The sleep leaves the command's group, keeping its stdout open; the
  // command waits until it has.
  const std::string pid_file = folder_.path() / "pid";
  absl::StatusOr<BatchResult> batch =
      Run(absl::StrCat("setsid sh -c 'echo $$ > ", pid_file,
                       "; exec sleep 1000' & until [ -s ", pid_file,
                       " ]; do sleep 0.01; done"),
          1, /*timeout_ms=*/300);
  const pid_t pid = PidInFile(pid_file);
  ASSERT_NE(pid, 0);
  kill(pid, SIGKILL);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(), HasSubstr("Cmd: task 0 (setsid sh -c"));
  EXPECT_THAT(batch.status().message(),
              HasSubstr("ran past its timeout of 300ms"));
}

TEST_P(CommandWorkloadTest, TheChecksumIsOfTheIndexAndStdout) {
  absl::StatusOr<BatchResult> plain = Run("echo {task}", 3);
  ASSERT_TRUE(plain.ok()) << plain.status();
  // A line break in the command travels to worker processes in the spec.
  absl::StatusOr<BatchResult> two_lines =
      Run("echo {task} | tr -d '\n'\necho", 3);
  ASSERT_TRUE(two_lines.ok()) << two_lines.status();
  EXPECT_EQ(two_lines->checksums, plain->checksums);
  absl::StatusOr<BatchResult> other = Run("echo {task} | tr 0-9 a-j", 3);
  ASSERT_TRUE(other.ok()) << other.status();
  for (int task = 0; task < 3; ++task) {
    EXPECT_NE(other->checksums[task], plain->checksums[task]) << task;
    CommandOutput output;
    output.AddStdout(absl::StrCat(task, "\n"));
    EXPECT_EQ(plain->checksums[task], output.Checksum(task)) << task;
  }
}

INSTANTIATE_TEST_SUITE_P(Executors, CommandWorkloadTest,
                         testing::ValuesIn(RegisteredExecutorNames("Cmd")),
                         [](const auto& info) { return info.param; });

// Commands run as one task on a Processes worker, which write the pids of
// the processes they start to files in `folder_`: none of these may run
// once the batch has returned.
class CommandOnProcessesTest : public testing::Test {
 protected:
  void TearDown() override {
    EXPECT_THAT(ChildrenOfForkServers(), IsEmpty());
    EXPECT_THAT(ChildrenBesidesForkServers(), IsEmpty());
  }

  absl::StatusOr<BatchResult> Run(const std::string& command) {
    return RunBatchOn("Processes", CmdSpec(command, 60'000), 1, 1);
  }

  // "echo $$ > FOLDER/NAME": has the command write a pid to file NAME.
  std::string WritePid(const std::string& pid, const std::string& name) {
    return absl::StrCat("echo ", pid, " > ", (folder_.path() / name).string());
  }

  // Starts a sleep of `seconds` in a session of its own, and waits until it
  // has left the command's group; its pid goes to file NAME.
  std::string SetsidSleep(int seconds, const std::string& name) {
    const std::string file = (folder_.path() / name).string();
    return absl::StrCat("setsid sh -c 'echo $$ > ", file, "; exec sleep ",
                        seconds, "' > /dev/null 2>&1 & until [ -s ", file,
                        " ]; do sleep 0.01; done");
  }

  // Every process that the command wrote to file `names` has ended (killed
  // here if it still runs, not to outlive the test).
  void ExpectEnded(const std::vector<std::string>& names) {
    for (const std::string& name : names) {
      const pid_t pid = PidInFile(folder_.path() / name);
      ASSERT_NE(pid, 0) << "the command did not start its " << name;
      EXPECT_FALSE(Running(pid)) << "its " << name << " still runs";
      if (Running(pid)) kill(pid, SIGKILL);
    }
  }

  TestFolder folder_;
};

TEST_F(CommandOnProcessesTest, WhatAWorkerKilledAtTheBatchTimeoutRanEnds) {
  // The shell waits for a sleep in its group and one that left it (setsid,
  // outside the group that the Cmd timeout would kill).
  SetBatchTimeout(absl::Seconds(2));
  absl::StatusOr<BatchResult> batch =
      Run(absl::StrCat("sleep 30 & ", WritePid("$!", "sleep"), "; ",
                       SetsidSleep(30, "setsid_sleep"), "; ",
                       WritePid("$$", "shell"), "; wait"));
  SetBatchTimeout(kDefaultBatchTimeout);
  ASSERT_FALSE(batch.ok());
  EXPECT_THAT(batch.status().message(),
              HasSubstr("the batch ran past its timeout of 2 s "
                        "(--batch_timeout_s) with worker 0"));
  ExpectEnded({"shell", "sleep", "setsid_sleep"});
}

TEST_F(CommandOnProcessesTest, WhatACommandLeftRunningEndsWithTheBatch) {
  // A sleep in the command's group, which ends with the command, and one
  // that left it, which ends with the batch.
  absl::StatusOr<BatchResult> batch =
      Run(absl::StrCat("sleep 100 > /dev/null 2>&1 & ", WritePid("$!", "sleep"),
                       "; ", SetsidSleep(100, "setsid_sleep"), "; exit 0"));
  ASSERT_TRUE(batch.ok()) << batch.status();
  ExpectEnded({"sleep", "setsid_sleep"});
}

TEST(CommandOutputTest, KeepsTheStartOfStdoutAndCountsAllOfIt) {
  const std::string kept(CommandOutput::kKeptStdoutBytes, 'a');
  CommandOutput exact;
  exact.AddStdout(kept);
  CommandOutput longer;
  longer.AddStdout(kept.substr(0, 100));
  longer.AddStdout(kept.substr(100) + "bbb");
  CommandOutput same_length;
  same_length.AddStdout(kept + "ccc");
  EXPECT_NE(exact.Checksum(0), longer.Checksum(0));
  // What lies beyond the kept bytes counts only by its length.
  EXPECT_EQ(longer.Checksum(0), same_length.Checksum(0));
  EXPECT_NE(longer.Checksum(0), longer.Checksum(1));
  CommandOutput other_bytes;
  other_bytes.AddStdout(std::string(CommandOutput::kKeptStdoutBytes, 'b'));
  EXPECT_NE(exact.Checksum(0), other_bytes.Checksum(0));
}

TEST(CommandOutputTest, QuotesTheWholeLastLinesOfStderr) {
  CommandOutput output;
  EXPECT_EQ(output.StderrTail(), "");
  for (int line = 0; line < 1000; ++line) {
    output.AddStderr(absl::StrCat("line ", line, "\n"));
  }
  const std::string tail = output.StderrTail();
  EXPECT_LE(tail.size(), CommandOutput::kKeptStderrBytes * 2);
  EXPECT_THAT(tail, AllOf(HasSubstr("line 998 | line 999"),
                          Not(HasSubstr("line 0 |"))));
  const std::vector<std::string> lines = absl::StrSplit(tail, " | ");
  EXPECT_THAT(lines.front(), testing::MatchesRegex("line [0-9]+"));
}

TEST(CommandTemplateTest, ReplacesEveryTaskMark) {
  EXPECT_EQ(CommandForTask("cp in/{task} out/{task}.bak", 12),
            "cp in/12 out/12.bak");
  EXPECT_EQ(CommandForTask("true", 12), "true");
}

TEST(CommandTemplateTest, RefusesEmptyAndUnparsableCommands) {
  CommandTemplate flag;
  std::string error;
  EXPECT_TRUE(AbslParseFlag("gzip -c {task}.txt > /dev/null", &flag, &error))
      << error;
  EXPECT_EQ(flag.text, "gzip -c {task}.txt > /dev/null");
  EXPECT_FALSE(AbslParseFlag("", &flag, &error));
  EXPECT_THAT(error, HasSubstr("is empty"));
  EXPECT_FALSE(AbslParseFlag(" \n", &flag, &error));
  EXPECT_FALSE(AbslParseFlag("if true; then echo {task}", &flag, &error));
  EXPECT_THAT(error, HasSubstr("is not a command /bin/sh can parse"));
  EXPECT_FALSE(AbslParseFlag("echo 'unclosed", &flag, &error));
  EXPECT_EQ(flag.text, "gzip -c {task}.txt > /dev/null");
}

}  // namespace
}  // namespace execbench
