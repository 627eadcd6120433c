// Command-line parsing for `bench`.

#include "benchmarks/command_line.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "benchmark/benchmark.h"
#include "benchmarks/suite_flags.h"
#include "core/executor.h"
#include "core/flag_values.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "executors/task_runner.h"

namespace execbench {
namespace {

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::exit(2);
}

void PrintHelp() {
  std::printf(
      "Usage: bench [FLAGS]\n\n"
      "Runs every workload x executor x worker-count benchmark, named\n"
      "<Workload>/<Executor>/workers:<W>/manual_time, the granularity sweep\n"
      "(Granularity/<Executor>/workers:<W>/task_us:<T>) and the check of the\n"
      "HTTP server (ApiServer/concurrent_clients:<N>).\n\n"
      "Exit code: 0 when every selected benchmark ran (or was skipped as\n"
      "unavailable here), --failed_exit_code (1) when any failed, 2 for a bad\n"
      "flag or a --benchmark_filter that selects nothing or is not a regular\n"
      "expression.\n\nexecbench flags:\n");
  for (const absl::CommandLineFlag* flag : SuiteFlags()) {
    std::printf("  --%s=%s\n      %s\n", std::string(flag->Name()).c_str(),
                flag->DefaultValue().c_str(), flag->Help().c_str());
  }
  std::printf("\nWorkloads:\n");
  for (const WorkloadRegistration* workload : RegisteredWorkloads()) {
    if (workload->from_flags) {
      std::printf("  %-10s %s\n", workload->name.c_str(),
                  workload->description.c_str());
    }
  }
  std::printf("\nExecutors:\n");
  for (const ExecutorRegistration* executor : RegisteredExecutors()) {
    std::printf("  %-10s %s\n", executor->name.c_str(),
                executor->description.c_str());
  }
  std::printf("\nGoogle Benchmark flags:\n");
  benchmark::PrintDefaultHelp();
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

// What argv asks of Google Benchmark's output, read before Google Benchmark
// consumes its flags.
CommandLine OutputsOf(int argc, char** argv) {
  bool console = true;
  bool json = true;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (absl::ConsumePrefix(&arg, "--benchmark_format=")) {
      console = arg == "console";
    } else if (absl::ConsumePrefix(&arg, "--benchmark_out_format=")) {
      json = arg == "json";
    } else if (absl::ConsumePrefix(&arg, "--benchmark_out=")) {
      out = std::string(arg);
    }
  }
  return {.console_format = console, .json_out = json ? out : ""};
}

}  // namespace

CommandLine ParseCommandLineOrExit(int* argc, char** argv) {
  const CommandLine command_line = OutputsOf(*argc, argv);
  const std::string complaints = InitializeGoogleBenchmark(argc, argv);
  std::set<std::string> given;
  for (int i = 1; i < *argc; ++i) {
    given.insert(SetSuiteFlag(argv[i], complaints));
  }
  // Complaints that did not make a flag fail are warnings: pass them on.
  std::fputs(complaints.c_str(), stderr);
  *argc = 1;
  ApplyProfile(given);
  CheckOutputFolder("spans_out", absl::GetFlag(FLAGS_spans_out));
  CheckOutputFolder("trace_out", absl::GetFlag(FLAGS_trace_out));
  ApplyTaskCpu();
  return command_line;
}

}  // namespace execbench
