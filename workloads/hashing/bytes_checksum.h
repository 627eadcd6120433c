// BytesChecksum(): a checksum of a byte string (an HTTP body, a matrix's or an
// image's bytes) that depends on every byte and on the length.

#ifndef EXECBENCH_WORKLOADS_HASHING_BYTES_CHECKSUM_H_
#define EXECBENCH_WORKLOADS_HASHING_BYTES_CHECKSUM_H_

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"
#include "workloads/hashing/stable_hash.h"

namespace execbench {

// The bytes' 8-byte words (the last one zero-padded) and their length, mixed.
inline uint64_t BytesChecksum(absl::string_view bytes) {
  uint64_t checksum = StableHash(0, bytes.size());
  for (size_t i = 0; i < bytes.size(); i += sizeof(uint64_t)) {
    uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i,
                std::min(sizeof(uint64_t), bytes.size() - i));
    checksum = StableHash(checksum, word);
  }
  return checksum;
}

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HASHING_BYTES_CHECKSUM_H_
