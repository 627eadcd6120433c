// Hash: a workload defined outside execbench's tree and built against its
// installed package (CMakeLists.txt beside this file), so that `bench` runs
// it on every executor at every worker count, with the granularity sweep
// and the built-in workloads beside it: Hash/Threads/workers:4, ...
//
// Each task hashes a buffer of --hash_kib KiB with 64-bit FNV-1a, as a
// program checksums the files or messages it handles. The buffer is made
// once per process, in Prepare(), from a fixed seed: a process-pool worker
// rebuilds the workload from its spec and must hash the same bytes. A task's
// checksum is the hash of its index followed by the buffer, so that it
// depends only on the spec and the index, and every executor must return
// the same ones in the same order.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"

EXECBENCH_FLAG(execbench::PositiveInt, hash_tasks, {64},
               "Hash: buffers hashed per batch, one per task");
EXECBENCH_FLAG(execbench::PositiveInt, hash_kib, {1024},
               "Hash: KiB of each buffer");

namespace my_workload {
namespace {

constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325;
constexpr uint64_t kFnvPrime = 0x100000001b3;

// FNV-1a of `size` bytes at `data`, continuing from `hash`.
uint64_t Fnv1a(uint64_t hash, const unsigned char* data, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    hash = (hash ^ data[i]) * kFnvPrime;
  }
  return hash;
}

class Hash final : public execbench::Workload {
 public:
  explicit Hash(int64_t bytes) : bytes_(bytes) {}

  absl::Status Prepare() override {
    buffer_.resize(bytes_);
    uint64_t state = 42;  // a linear congruential generator's
    for (unsigned char& byte : buffer_) {
      state = state * 6364136223846793005 + 1442695040888963407;
      byte = static_cast<unsigned char>(state >> 56);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<uint64_t> RunTask(int index) override {
    const uint64_t task = static_cast<uint64_t>(index);
    const uint64_t hash =
        Fnv1a(kFnvOffsetBasis, reinterpret_cast<const unsigned char*>(&task),
              sizeof(task));
    return Fnv1a(hash, buffer_.data(), buffer_.size());
  }

 private:
  const int64_t bytes_;
  std::vector<unsigned char> buffer_;
};

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Hash",
     .description = "FNV-1a over a buffer per task (an example built against "
                    "the installed package)",
     .make = [](const execbench::WorkloadSpec& spec)
         -> absl::StatusOr<std::unique_ptr<execbench::Workload>> {
       absl::StatusOr<int64_t> bytes = spec.GetInt("bytes");
       if (!bytes.ok()) return bytes.status();
       return std::make_unique<Hash>(*bytes);
     },
     .from_flags = []() -> absl::StatusOr<execbench::WorkloadRun> {
       const int64_t bytes =
           int64_t{absl::GetFlag(FLAGS_hash_kib).value} * 1024;
       return execbench::WorkloadRun{
           .spec = {.params = {{"bytes", absl::StrCat(bytes)}}},
           .tasks = absl::GetFlag(FLAGS_hash_tasks).value};
     },
     .small_profile = {{"hash_tasks", "8"}, {"hash_kib", "16"}}});

}  // namespace my_workload
