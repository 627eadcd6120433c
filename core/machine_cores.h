// MachineCores(): how many cores this machine has online, the one count that
// sizes what follows the machine (bench's default worker counts, the number
// of fork servers). It counts as std::thread::hardware_concurrency() does,
// which on Linux is the online CPUs, the same count as the num_cpus that
// Google Benchmark writes into the JSON context and the scripts read, so
// that a run's grid and its analysis agree on the machine. A process
// confined to fewer CPUs (taskset, a cpuset) still sees every online one:
// pass --workers there.

#ifndef EXECBENCH_CORE_MACHINE_CORES_H_
#define EXECBENCH_CORE_MACHINE_CORES_H_

namespace execbench {

// At least 1, also where the count is unknown.
int MachineCores();

}  // namespace execbench

#endif  // EXECBENCH_CORE_MACHINE_CORES_H_
