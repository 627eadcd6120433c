// Cpu: a CPU-bound integer loop, the study's "CPU heavy" experiment. Python's
// `for i in range(n): count += i` would be folded to n*(n-1)/2 by a C++
// compiler, so each iteration here is a step of a 64-bit mixing function
// (LCG step then xorshift): a serial dependency chain that can be neither
// folded nor vectorised. The checksum is the chain's final value.

#include <cstdint>
#include <memory>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"

EXECBENCH_FLAG(execbench::PositiveInt, cpu_iterations, {10'000'000},
               "Cpu: loop iterations per task (about 20 ms on a 3 GHz core)");
EXECBENCH_FLAG(execbench::TaskCount, cpu_tasks, {10}, "Cpu: tasks per batch");

namespace execbench {
namespace {

class Cpu final : public Workload {
 public:
  explicit Cpu(int64_t iterations) : iterations_(iterations) {}

  absl::StatusOr<uint64_t> RunTask(int index) override {
    uint64_t x = 0x9E3779B97F4A7C15u ^ static_cast<uint64_t>(index);
    for (int64_t i = 0; i < iterations_; ++i) {
      x = x * 6364136223846793005u + 1442695040888963407u;
      x ^= x >> 29;
    }
    benchmark::DoNotOptimize(x);
    return x;
  }

 private:
  const int64_t iterations_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeCpu(const WorkloadSpec& spec) {
  absl::StatusOr<int64_t> iterations = spec.GetInt("iterations");
  if (!iterations.ok()) return iterations.status();
  return std::make_unique<Cpu>(*iterations);
}

absl::StatusOr<WorkloadRun> CpuFromFlags() {
  return WorkloadRun{
      .spec = {.params = {{"iterations",
                           absl::StrCat(
                               absl::GetFlag(FLAGS_cpu_iterations).value)}}},
      .tasks = absl::GetFlag(FLAGS_cpu_tasks).value};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Cpu",
     .description = "CPU-bound integer loop (the study's CPU heavy)",
     .make = MakeCpu,
     .from_flags = CpuFromFlags,
     // The study: 10 tasks of a 10^7-iteration loop.
     .seed_profile = {{"cpu_iterations", "10000000"}, {"cpu_tasks", "10"}},
     .small_profile = {{"cpu_iterations", "10000"}, {"cpu_tasks", "5"}}});

}  // namespace execbench
