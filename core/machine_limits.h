// What this machine lets a process hold: the memory available, and how many
// more threads (or processes, which the kernel counts alike) it can start.
// Flags are bounded by them up front, and executors and the batch loop check
// them before they start workers or allocate a batch, so that a batch too big
// for the machine fails with a message naming the limit, not with an abort,
// a segfault or the OOM killer.

#ifndef EXECBENCH_CORE_MACHINE_LIMITS_H_
#define EXECBENCH_CORE_MACHINE_LIMITS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace execbench {

// The memory this process can still get, in bytes: the least of the
// machine's (MemAvailable of /proc/meminfo), its cgroup's limit less its
// usage, and RLIMIT_AS (ulimit -v) less its address space; -1 if
// /proc/meminfo cannot be read.
int64_t AvailableMemoryBytes();

// OK if `bytes` fit in the available memory (or it is unknown); otherwise
// ResourceExhaustedError: "<who>: X GB is needed for <what>, and only Y GB
// is available".
absl::Status CheckMemory(absl::string_view who, absl::string_view what,
                         double bytes);

// The most threads that may exist on this machine at once, the smaller of
// kernel.threads-max and kernel.pid_max: every thread takes a pid.
int MachineThreadLimit();

// OK if this process can start `threads` more threads (or processes) now;
// otherwise ResourceExhaustedError naming `who` and the limit that stops it:
// the machine's threads alive against kernel.threads-max and kernel.pid_max,
// the pids controller of its cgroup, RLIMIT_NPROC (except for root), the
// memory maps a thread stack takes against vm.max_map_count, and the memory
// each thread needs at the least (its kernel stack and first pages).
absl::Status CheckThreadsCanStart(absl::string_view who, int64_t threads);

}  // namespace execbench

#endif  // EXECBENCH_CORE_MACHINE_LIMITS_H_
