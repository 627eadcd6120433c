// FixAllocatorThresholds() with glibc's mallopt().

#include "benchmarks/allocator_policy.h"

#include <malloc.h>

#include "absl/strings/str_cat.h"

namespace execbench {

std::string FixAllocatorThresholds() {
  if (mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapThresholdBytes)) != 1 ||
      mallopt(M_TRIM_THRESHOLD, static_cast<int>(kTrimThresholdBytes)) != 1) {
    return "glibc's defaults (mallopt refused)";
  }
  return absl::StrCat("mmap from ", kMmapThresholdBytes, " bytes, trim above ",
                      kTrimThresholdBytes, " bytes");
}

}  // namespace execbench
