// Cross-executor checksum checks.

#include "benchmarks/runner/checksum_reference.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace execbench {

absl::Status ChecksumReference::Check(const WorkloadSpec& spec,
                                      const std::string& source,
                                      const std::vector<uint64_t>& checksums) {
  absl::MutexLock lock(&mutex_);
  auto [it, inserted] =
      references_.try_emplace(spec.Serialize(), Reference{source, checksums});
  if (inserted) return absl::OkStatus();
  Reference& reference = it->second;
  const size_t shared = std::min(checksums.size(), reference.checksums.size());
  for (size_t i = 0; i < shared; ++i) {
    if (checksums[i] != reference.checksums[i]) {
      return absl::DataLossError(
          absl::StrCat("task ", i, " returned checksum ", checksums[i], " but ",
                       reference.source, " returned ", reference.checksums[i]));
    }
  }
  if (checksums.size() > reference.checksums.size()) {
    reference = Reference{source, checksums};
  }
  return absl::OkStatus();
}

}  // namespace execbench
