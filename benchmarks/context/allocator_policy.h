// The allocator policy of every bench process: glibc's malloc thresholds
// fixed at the values its own heuristic settles at.
//
// By default glibc serves blocks above a threshold with mmap() and gives
// freed memory at the top of the heap back to the kernel above another, and
// it raises both as larger blocks are freed (up to 32 MiB and 64 MiB). The
// allocator a batch meets thus depends on what ran before it in the process,
// and a task that allocates a few hundred KiB (an Api body, a decoded image)
// can pay a page fault per 4 KiB page on every task, or on none. With the
// thresholds fixed from the start, every batch meets the same allocator:
// blocks under 32 MiB come from the heap, and up to 64 MiB of freed heap stays
// in the process for the next task. Measured with Api/*/workers:64 (256
// tasks, 2 cores, 11 interleaved repetitions): EventLoop, whose one thread
// holds 64 bodies at once, went from 259-274 ms to 247 ms; Threads stayed at
// 265-270 ms.

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_ALLOCATOR_POLICY_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_ALLOCATOR_POLICY_H_

#include <cstdint>

#include "benchmarks/context/probe.h"

namespace execbench {

// Blocks from this size on are mmap()ed, and freed heap above this much is
// returned to the kernel.
inline constexpr int64_t kMmapThresholdBytes = int64_t{32} << 20;
inline constexpr int64_t kTrimThresholdBytes = int64_t{64} << 20;

// Fixes the thresholds for this process and those it forks; call it first,
// before any thread or child starts.
void FixAllocatorThresholds();

// What the run context records (execbench_allocator): the thresholds in
// effect, or why they are glibc's defaults (they were never fixed, or a
// sanitizer's allocator refused mallopt()).
ContextEntries AllocatorPolicyContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_ALLOCATOR_POLICY_H_
