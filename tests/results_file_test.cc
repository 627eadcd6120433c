// Tests of bench's results file (--benchmark_out), running the bench binary:
// it is written at the end of the run, with the context's end-of-run
// entries, in the format asked for; a bench stopped during the run leaves an
// earlier file of that name as it was; a bad format or folder gets one line
// and exit code 2; --benchmark_display_aggregates_only thins the display,
// not the file.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/json_reader.h"
#include "tests/test_folder.h"

extern char** environ;

namespace execbench {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Flags of a run of a few milliseconds.
const std::vector<std::string> kQuickNoop = {
    "--benchmark_filter=^Noop/Serial/", "--benchmark_min_time=0",
    "--noop_tasks=10", "--warmup_batches=0"};

class ResultsFileTest : public testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directory(dir_ / "out"); }

  // Starts bench with `args`, its stdout and stderr going to files of the
  // test's folder; returns its pid.
  pid_t StartBench(const std::vector<std::string>& args) {
    std::vector<std::string> command = {EXECBENCH_BENCH_PATH};
    command.insert(command.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : command) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO,
                                     (dir_ / "stdout").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO,
                                     (dir_ / "stderr").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int spawned =
        posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(spawned, 0) << "cannot start " << argv[0];
    return pid;
  }

  // Runs bench with `args` to its end; returns its exit code.
  int RunBench(const std::vector<std::string>& args) {
    int status = 0;
    EXPECT_GT(waitpid(StartBench(args), &status, 0), 0);
    EXPECT_TRUE(WIFEXITED(status)) << status;
    return WEXITSTATUS(status);
  }

  std::string Stdout() const { return ReadFile(dir_ / "stdout"); }
  std::string Stderr() const { return ReadFile(dir_ / "stderr"); }
  std::vector<std::string> StderrLines() const {
    return absl::StrSplit(Stderr(), '\n', absl::SkipEmpty());
  }

  // The names of the files in the folder the results go to.
  std::vector<std::string> OutFiles() const { return folder_.Names("out"); }

  TestFolder folder_;
  const std::filesystem::path dir_ = folder_.path();
};

TEST_F(ResultsFileTest, HoldsTheRunsAndTheEndOfRunContext) {
  const std::filesystem::path out = dir_ / "out" / "results.json";
  std::vector<std::string> args = kQuickNoop;
  args.push_back("--benchmark_out=" + out.string());
  ASSERT_EQ(RunBench(args), 0) << Stderr();
  absl::StatusOr<JsonValue> results = ReadJson(ReadFile(out));
  ASSERT_TRUE(results.ok()) << results.status();
  const JsonValue& context = (*results)["context"];
  for (const char* key :
       {"date", "num_cpus", "execbench_commit", "execbench_flag_noop_tasks",
        "execbench_parallel_ceiling_start", "execbench_parallel_ceiling_end"}) {
    EXPECT_NE(context.Find(key), nullptr) << key;
  }
  const JsonValue& rows = (*results)["benchmarks"];
  ASSERT_EQ(rows.array.size(), 1u);
  EXPECT_EQ(rows.array[0]["name"].string, "Noop/Serial/workers:1/manual_time");
  EXPECT_EQ(rows.array[0]["tasks"].number, 10);
  EXPECT_THAT(OutFiles(), ElementsAre("results.json"));
}

TEST_F(ResultsFileTest, TakesGoogleBenchmarksOtherFormats) {
  const std::filesystem::path out = dir_ / "out" / "results.csv";
  std::vector<std::string> args = kQuickNoop;
  args.push_back("--benchmark_out=" + out.string());
  args.push_back("--benchmark_out_format=csv");
  ASSERT_EQ(RunBench(args), 0) << Stderr();
  const std::string csv = ReadFile(out);
  EXPECT_THAT(csv, HasSubstr("execbench_parallel_ceiling_end: "));
  EXPECT_THAT(csv, HasSubstr("\nname,iterations,real_time,"));
  EXPECT_THAT(csv, HasSubstr("\n\"Noop/Serial/workers:1/manual_time\",1,"));
}

TEST_F(ResultsFileTest, StoppedRunLeavesTheEarlierFileAsItWas) {
  const std::filesystem::path out = dir_ / "out" / "results.json";
  std::ofstream(out) << "earlier results";
  // One batch of 10 Cpu tasks of about 2 s each: the run is stopped in it.
  const pid_t bench =
      StartBench({"--benchmark_filter=^Cpu/Serial/", "--benchmark_min_time=0",
                  "--warmup_batches=0", "--cpu_iterations=1000000000",
                  "--benchmark_out=" + out.string()});
  // The console's header, printed when the run starts.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (Stderr().find("wall: one batch") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_THAT(Stderr(), HasSubstr("wall: one batch"));
  ASSERT_EQ(kill(bench, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(bench, &status, 0), bench);
  EXPECT_TRUE(WIFSIGNALED(status)) << "bench ended before it was stopped";
  EXPECT_EQ(ReadFile(out), "earlier results");
  EXPECT_THAT(OutFiles(), ElementsAre("results.json"));
}

TEST_F(ResultsFileTest, BadFormatIsOneLineAndExitCode2) {
  std::vector<std::string> args = kQuickNoop;
  args.push_back("--benchmark_out=" + (dir_ / "out" / "results").string());
  args.push_back("--benchmark_out_format=xml");
  EXPECT_EQ(RunBench(args), 2);
  EXPECT_THAT(StderrLines(),
              ElementsAre(StartsWith("bench: bad value for "
                                     "--benchmark_out_format: 'xml'")));
  EXPECT_EQ(Stdout(), "");
  EXPECT_THAT(OutFiles(), ElementsAre());
}

TEST_F(ResultsFileTest, MissingFolderIsOneLineAndExitCode2) {
  const std::string out = (dir_ / "out" / "missing" / "results.json").string();
  std::vector<std::string> args = kQuickNoop;
  args.push_back("--benchmark_out=" + out);
  EXPECT_EQ(RunBench(args), 2);
  EXPECT_THAT(StderrLines(),
              ElementsAre(HasSubstr("--benchmark_out=" + out + ": folder")));
  EXPECT_THAT(OutFiles(), ElementsAre());
}

TEST_F(ResultsFileTest, DisplayOfAggregatesOnlyKeepsEveryRunInTheFile) {
  const std::filesystem::path out = dir_ / "out" / "results.json";
  std::vector<std::string> args = kQuickNoop;
  args.push_back("--benchmark_repetitions=3");
  args.push_back("--benchmark_display_aggregates_only");
  args.push_back("--benchmark_format=json");
  args.push_back("--benchmark_out=" + out.string());
  ASSERT_EQ(RunBench(args), 0) << Stderr();
  // Google Benchmark writes the cv of a counter whose mean is 0 as NaN,
  // which is no JSON: the rows are read from the text.
  auto run_types = [](const std::string& text) {
    std::vector<std::string> types;
    static const std::regex kRunType(R"re("run_type": "([a-z]+)")re");
    for (std::sregex_iterator it(text.begin(), text.end(), kRunType), end;
         it != end; ++it) {
      types.push_back((*it)[1]);
    }
    return types;
  };
  EXPECT_THAT(run_types(Stdout()),
              ElementsAre("aggregate", "aggregate", "aggregate", "aggregate"));
  EXPECT_THAT(run_types(ReadFile(out)),
              ElementsAre("iteration", "iteration", "iteration", "aggregate",
                          "aggregate", "aggregate", "aggregate"));
}

}  // namespace
}  // namespace execbench
