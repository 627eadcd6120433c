// BytesChecksum(): a checksum of a byte string (an HTTP body, a matrix's or an
// image's bytes) that depends on every byte and on the length, computed at
// once or, by BytesChecksummer, as the bytes arrive.
//
// It is part of every Api and Image task, so it must cost far less than what
// those tasks measure: words go to four independent lanes, whose
// multiplications overlap (about 0.25 cycles per byte where one chain of
// StableHash() over every word costs 2), and the lanes are mixed at the end.
// A download checksums each piece as it arrives, while the piece is still in
// the cache, instead of reading the whole body again from memory.

#ifndef EXECBENCH_WORKLOADS_HASHING_BYTES_CHECKSUM_H_
#define EXECBENCH_WORKLOADS_HASHING_BYTES_CHECKSUM_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"
#include "workloads/hashing/stable_hash.h"

namespace execbench {

// The checksum of the bytes appended so far: their 8-byte words (the last one
// zero-padded), word i into lane i mod 4, then the length and the four lanes
// mixed by StableHash(). Appending a string in pieces gives the checksum of
// the whole.
class BytesChecksummer {
 public:
  void Append(absl::string_view bytes) {
    size_ += bytes.size();
    if (pending_size_ > 0) {
      const size_t taken = std::min(bytes.size(), kBlockBytes - pending_size_);
      std::memcpy(pending_ + pending_size_, bytes.data(), taken);
      pending_size_ += taken;
      bytes.remove_prefix(taken);
      if (pending_size_ < kBlockBytes) return;
      MixBlock(pending_);
      pending_size_ = 0;
    }
    for (; bytes.size() >= kBlockBytes; bytes.remove_prefix(kBlockBytes)) {
      MixBlock(bytes.data());
    }
    std::memcpy(pending_, bytes.data(), bytes.size());
    pending_size_ = bytes.size();
  }

  uint64_t Value() const {
    uint64_t lanes[kLanes];
    std::copy(lanes_, lanes_ + kLanes, lanes);
    for (size_t lane = 0, offset = 0; offset < pending_size_;
         ++lane, offset += sizeof(uint64_t)) {
      uint64_t word = 0;
      std::memcpy(&word, pending_ + offset,
                  std::min(sizeof word, pending_size_ - offset));
      lanes[lane] = MixWord(lanes[lane], word);
    }
    uint64_t checksum = StableHash(0, size_);
    for (uint64_t lane : lanes) checksum = StableHash(checksum, lane);
    return checksum;
  }

 private:
  static constexpr size_t kLanes = 4;
  static constexpr size_t kBlockBytes = kLanes * sizeof(uint64_t);

  // One word into one lane: xxHash64's round, a bijection of the word for
  // any lane state, so that no change of a word is lost.
  static uint64_t MixWord(uint64_t lane, uint64_t word) {
    lane += word * 0xc2b2ae3d27d4eb4f;
    lane = (lane << 31) | (lane >> 33);
    return lane * 0x9e3779b185ebca87;
  }

  void MixBlock(const char* block) {
    for (size_t lane = 0; lane < kLanes; ++lane) {
      uint64_t word;
      std::memcpy(&word, block + lane * sizeof(uint64_t), sizeof word);
      lanes_[lane] = MixWord(lanes_[lane], word);
    }
  }

  uint64_t lanes_[kLanes] = {1, 2, 3, 4};
  uint64_t size_ = 0;
  // The bytes of an incomplete block, mixed when it fills or at Value().
  char pending_[kBlockBytes];
  size_t pending_size_ = 0;
};

inline uint64_t BytesChecksum(absl::string_view bytes) {
  BytesChecksummer checksummer;
  checksummer.Append(bytes);
  return checksummer.Value();
}

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_HASHING_BYTES_CHECKSUM_H_
