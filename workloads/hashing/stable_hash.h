// StableHash(): a fixed 64-bit mix for checksums and seeded inputs, the same
// in every process and every run (absl::Hash is salted per process).

#ifndef EXECBENCH_WORKLOADS_HASHING_STABLE_HASH_H_
#define EXECBENCH_WORKLOADS_HASHING_STABLE_HASH_H_

#include <cstdint>

namespace execbench {

// Mixes `value` into `state`: splitmix64's finaliser applied to both.
inline uint64_t StableHash(uint64_t state, uint64_t value) {
  uint64_t x = state * 0x9e3779b97f4a7c15 + value;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
  x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
  return x ^ (x >> 31);
}

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HASHING_STABLE_HASH_H_
