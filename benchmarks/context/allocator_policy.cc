// FixAllocatorThresholds() with glibc's mallopt(), and what came of it.

#include "benchmarks/context/allocator_policy.h"

#include <malloc.h>

#include "absl/strings/str_cat.h"

namespace execbench {
namespace {

enum class Thresholds { kDefaults, kFixed, kRefused };

// Set once, before any thread starts.
Thresholds thresholds = Thresholds::kDefaults;

}  // namespace

void FixAllocatorThresholds() {
  const bool fixed =
      mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapThresholdBytes)) == 1 &&
      mallopt(M_TRIM_THRESHOLD, static_cast<int>(kTrimThresholdBytes)) == 1;
  thresholds = fixed ? Thresholds::kFixed : Thresholds::kRefused;
}

ContextEntries AllocatorPolicyContext() {
  switch (thresholds) {
    case Thresholds::kFixed:
      return {
          {"execbench_allocator",
           absl::StrCat("mmap from ", kMmapThresholdBytes,
                        " bytes, trim above ", kTrimThresholdBytes, " bytes")}};
    case Thresholds::kRefused:
      return {{"execbench_allocator", "glibc's defaults (mallopt refused)"}};
    case Thresholds::kDefaults:
      break;
  }
  return {{"execbench_allocator", "glibc's defaults (never fixed)"}};
}

}  // namespace execbench
