// The list of the context's probes, and their gathering.

#include "benchmarks/context/run_context.h"

#include "benchmark/benchmark.h"
#include "benchmarks/context/allocator_policy.h"
#include "benchmarks/context/build.h"
#include "benchmarks/context/cpu_model.h"
#include "benchmarks/context/flag_settings.h"
#include "benchmarks/context/hypervisor_traits.h"
#include "benchmarks/context/instrument_calibration.h"
#include "benchmarks/context/kernel.h"
#include "benchmarks/context/parallel_ceiling.h"
#include "benchmarks/context/runtime_libraries.h"
#include "benchmarks/context/wall_clock.h"
#include "executors/mpi_world/world.h"

namespace execbench {
namespace {

// Every probe, in the order they are read, with the keys each returns.
constexpr Probe kProbes[] = {
    // execbench_commit, execbench_commit_dirty, execbench_build_type,
    // execbench_compiler, execbench_<library>_version
    {ProbeTime::kStart, BuildContext},
    // execbench_tbb_version, execbench_openmp_version, execbench_mpi_version,
    // execbench_jpeg_turbo_version
    {ProbeTime::kStart, RuntimeLibrariesContext},
    // execbench_cpu_model
    {ProbeTime::kStart, CpuModelContext},
    // execbench_kernel
    {ProbeTime::kStart, KernelContext},
    // execbench_profile, execbench_flag_<name>, execbench_flags_changed
    {ProbeTime::kStart, FlagSettingsContext},
    // mpi_ranks, mpi_hosts, mpi_init_s, mpi_launch_s, mpi_clock_offset_ns,
    // mpi_clock_uncertainty_ns (under mpirun only)
    {ProbeTime::kStart, mpi::WorldContext},
    // execbench_free_page_reporting, execbench_halt_poll_ns
    {ProbeTime::kStart, HypervisorContext},
    // execbench_allocator
    {ProbeTime::kStart, AllocatorPolicyContext},
    // execbench_wall_clock
    {ProbeTime::kStart, WallClockContext},
    // execbench_parallel_ceiling_start
    {ProbeTime::kStart, ParallelCeilingAtStart},
    // execbench_instrument_ns_per_task
    {ProbeTime::kStart, InstrumentContext},
    // execbench_parallel_ceiling_end
    {ProbeTime::kEnd, ParallelCeilingAtEnd},
    // mpi_clock_offset_end_ns, mpi_clock_uncertainty_end_ns (under mpirun)
    {ProbeTime::kEnd, mpi::ClosingWorldContext},
};

}  // namespace

void RunContext::Gather(ProbeTime when) {
  for (const Probe& probe : kProbes) {
    if (probe.when != when) continue;
    for (const auto& [key, value] : probe.read()) {
      benchmark::AddCustomContext(key, value);
      entries_[key] = value;
    }
  }
}

}  // namespace execbench
