// Command-line parsing for `bench`.

#include "benchmarks/cli/command_line.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "benchmark/benchmark.h"
#include "benchmarks/cli/bench_flags.h"
#include "benchmarks/cli/help.h"
#include "core/flag_types.h"
#include "core/flag_values.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "executors/batch_timeout.h"
#include "executors/pool_messages.h"
#include "executors/task_runner.h"

namespace execbench {
namespace {

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::exit(2);
}

// Runs Google Benchmark's flag parsing with its complaints about malformed
// values captured rather than printed; returns them.
std::string InitializeGoogleBenchmark(int* argc, char** argv) {
  std::fflush(stderr);
  FILE* capture = std::tmpfile();
  const int saved_stderr = dup(STDERR_FILENO);
  if (capture == nullptr || saved_stderr < 0) {
    benchmark::Initialize(argc, argv, PrintHelp);
    return "";
  }
  dup2(fileno(capture), STDERR_FILENO);
  benchmark::Initialize(argc, argv, PrintHelp);
  std::fflush(stderr);
  dup2(saved_stderr, STDERR_FILENO);
  close(saved_stderr);
  std::string complaints;
  std::rewind(capture);
  char buffer[512];
  while (std::fgets(buffer, sizeof(buffer), capture) != nullptr) {
    complaints += buffer;
  }
  std::fclose(capture);
  return complaints;
}

// Sets one suite flag from "--name=value", "--name" or "--noname"; returns
// its name. `benchmark_complaints` is what Google Benchmark said of its own
// flags.
std::string SetSuiteFlag(absl::string_view arg,
                         absl::string_view benchmark_complaints) {
  absl::string_view text = arg;
  if (!absl::ConsumePrefix(&text, "--") && !absl::ConsumePrefix(&text, "-")) {
    Fail(absl::StrCat("unexpected argument '", arg,
                      "': flags look like --name=value (see bench --help)"));
  }
  const size_t equals = text.find('=');
  const bool has_value = equals != absl::string_view::npos;
  const absl::string_view name = text.substr(0, equals);
  std::string value = has_value ? std::string(text.substr(equals + 1)) : "";
  if (absl::StartsWith(name, "benchmark_")) {
    const absl::string_view reason = absl::StripAsciiWhitespace(
        benchmark_complaints.substr(0, benchmark_complaints.find('\n')));
    Fail(absl::StrCat(
        "bad Google Benchmark flag '", arg,
        "': ", reason.empty() ? "unknown name or malformed value" : reason,
        " (see bench --help)"));
  }
  absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
  if (flag == nullptr && !has_value && absl::StartsWith(name, "no")) {
    flag = absl::FindCommandLineFlag(name.substr(2));
    if (flag != nullptr && flag->IsOfType<bool>()) value = "false";
  } else if (flag != nullptr && !has_value) {
    if (!flag->IsOfType<bool>()) {
      Fail(absl::StrCat("--", name, " needs a value: --", name, "=VALUE"));
    }
    value = "true";
  }
  if (flag == nullptr || !IsSuiteFlag(flag->Name()) ||
      (!has_value && value.empty())) {
    Fail(absl::StrCat("unknown flag '", arg, "' (see bench --help)"));
  }
  std::string error;
  if (!flag->ParseFrom(value, &error)) {
    Fail(absl::StrCat("bad value for --", flag->Name(), ": ", error));
  }
  return std::string(flag->Name());
}

void ApplyProfile(const std::set<std::string>& given) {
  const std::string profile = absl::GetFlag(FLAGS_profile);
  if (profile == "default") return;
  if (profile != "seed") {
    Fail(absl::StrCat("bad value for --profile: '", profile,
                      "' (choose default or seed)"));
  }
  for (const WorkloadRegistration* workload : RegisteredWorkloads()) {
    if (absl::Status set = SetFlags(workload->seed_profile, given); !set.ok()) {
      Fail(absl::StrCat("profile seed: ", set.message()));
    }
  }
}

// Output files are written after every benchmark has run: a folder that
// cannot take them is reported now, not after the run.
void CheckOutputFolder(absl::string_view flag, const std::string& path) {
  if (path.empty()) return;
  const std::filesystem::path parent =
      std::filesystem::path(path).parent_path();
  const std::string folder = parent.empty() ? "." : parent.string();
  if (!std::filesystem::is_directory(folder) ||
      access(folder.c_str(), W_OK) != 0) {
    Fail(absl::StrCat("--", flag, "=", path, ": folder '", folder,
                      "' does not exist or is not writable"));
  }
  if (std::filesystem::is_directory(path)) {
    Fail(absl::StrCat("--", flag, "=", path, " is a folder, not a file"));
  }
}

void ApplyTaskCpu() {
  const std::string when = absl::GetFlag(FLAGS_task_cpu);
  if (when == "long") {
    SetDefaultTaskCpuTiming(TaskCpuTiming::kLongTasks);
  } else if (when == "every") {
    SetDefaultTaskCpuTiming(TaskCpuTiming::kEveryTask);
  } else if (when == "never") {
    SetDefaultTaskCpuTiming(TaskCpuTiming::kNever);
  } else {
    Fail(absl::StrCat("bad value for --task_cpu: '", when,
                      "' (choose long, every or never)"));
  }
}

// Google Benchmark's reading of a boolean flag's value (IsTruthyFlagValue()
// in its commandlineflags.cc): false for "0", "f", "n", "false", "no" and
// "off" in any case and for one character that is not a letter or digit,
// true for anything else, "" (the bare flag) included.
bool GoogleBenchmarkTruth(absl::string_view value) {
  if (value.size() == 1) {
    return absl::ascii_isalnum(value[0]) &&
           absl::string_view("0fFnN").find(value[0]) == absl::string_view::npos;
  }
  const std::string lower = absl::AsciiStrToLower(value);
  return lower != "false" && lower != "no" && lower != "off";
}

// Takes the flags of what is shown and written (see command_line.h) out of
// argv, where Google Benchmark would read them; the last of a repeated flag
// wins, as in Google Benchmark.
CommandLine TakeOutputFlags(int* argc, char** argv) {
  CommandLine command_line;
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::ConsumePrefix(&arg, "--benchmark_format=")) {
      command_line.display_format = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--benchmark_out=")) {
      command_line.results_path = std::string(arg);
    } else if (absl::ConsumePrefix(&arg, "--benchmark_out_format=")) {
      command_line.results_format = std::string(arg);
    } else if (absl::ConsumePrefix(&arg,
                                   "--benchmark_display_aggregates_only") &&
               (arg.empty() || absl::ConsumePrefix(&arg, "="))) {
      command_line.display_aggregates_only = GoogleBenchmarkTruth(arg);
    } else {
      argv[kept++] = argv[i];
    }
  }
  *argc = kept;
  return command_line;
}

// Google Benchmark reads any integer as --benchmark_repetitions: 0 runs
// nothing and exits 0, a negative count aborts. It reads any number of
// seconds too, infinity included, which never ends. Each is held to a range
// here (the last of a repeated flag counts, as in Google Benchmark); a
// malformed value is Google Benchmark's own complaint (SetSuiteFlag()).
void CheckGoogleBenchmarkNumbers(int argc, char** argv) {
  // Every repetition of every benchmark is kept until the results file is
  // written at the end, a kilobyte or two each.
  constexpr int kMaxRepetitions = 1000;
  constexpr double kMaxSeconds = 86400;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    int repetitions;
    double seconds;
    std::string error;
    if (absl::ConsumePrefix(&arg, "--benchmark_repetitions=")) {
      if (absl::SimpleAtoi(arg, &repetitions) &&
          !ParseIntInRange(arg, 1, kMaxRepetitions, &repetitions, &error)) {
        Fail(absl::StrCat("bad value for --benchmark_repetitions: ", error));
      }
    } else if (absl::ConsumePrefix(&arg, "--benchmark_min_time=") ||
               absl::ConsumePrefix(&arg, "--benchmark_min_warmup_time=")) {
      if (absl::SimpleAtod(arg, &seconds) &&
          !(seconds >= 0 && seconds <= kMaxSeconds)) {
        Fail(absl::StrCat("bad value for ", argv[i], ": seconds from 0 to ",
                          kMaxSeconds));
      }
    }
  }
}

void CheckFormat(absl::string_view flag, const std::string& format) {
  if (format != "console" && format != "json" && format != "csv") {
    Fail(absl::StrCat("bad value for --", flag, ": '", format,
                      "' (choose console, json or csv)"));
  }
}

}  // namespace

void ApplyBatchTimeout() {
  SetBatchTimeout(absl::Seconds(absl::GetFlag(FLAGS_batch_timeout_s).value));
}

CommandLine ParseCommandLineOrExit(int* argc, char** argv) {
  CommandLine command_line = TakeOutputFlags(argc, argv);
  CheckGoogleBenchmarkNumbers(*argc, argv);
  const std::string complaints = InitializeGoogleBenchmark(argc, argv);
  std::set<std::string> given;
  for (int i = 1; i < *argc; ++i) {
    given.insert(SetSuiteFlag(argv[i], complaints));
  }
  // Complaints that did not make a flag fail are warnings: pass them on.
  std::fputs(complaints.c_str(), stderr);
  *argc = 1;
  CheckFormat("benchmark_format", command_line.display_format);
  CheckFormat("benchmark_out_format", command_line.results_format);
  ApplyProfile(given);
  CheckOutputFolder("benchmark_out", command_line.results_path);
  CheckOutputFolder("spans_out", absl::GetFlag(FLAGS_spans_out));
  CheckOutputFolder("trace_out", absl::GetFlag(FLAGS_trace_out));
  ApplyTaskCpu();
  ApplyBatchTimeout();
  SetMessageArenaBytes(int64_t{absl::GetFlag(FLAGS_message_arena_mib).value}
                       << 20);
  for (const WorkloadRegistration* workload : RegisteredWorkloads()) {
    absl::StatusOr<bool> asked = true;
    if (workload->check_flags) asked = workload->check_flags();
    if (!asked.ok()) Fail(std::string(asked.status().message()));
    if (*asked && workload->from_flags) {
      command_line.grid_workloads.push_back(workload);
    }
  }
  return command_line;
}

}  // namespace execbench
