// Making, checking and checksumming payload bytes.

#include "executors/payload_bytes.h"

#include <algorithm>
#include <cstring>

namespace execbench {
namespace {

constexpr uint64_t kGolden = 0x9e3779b97f4a7c15;

// splitmix64's finaliser.
uint64_t Mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
  x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
  return x ^ (x >> 31);
}

// The splitmix64 sequence of one payload, 8 bytes at a time.
class PayloadWords {
 public:
  PayloadWords(uint64_t seed, int index, PayloadKind kind)
      : state_(Mix(Mix(seed + static_cast<uint64_t>(index)) +
                   static_cast<uint64_t>(kind))) {}
  uint64_t Next() { return Mix(state_ += kGolden); }

 private:
  uint64_t state_;
};

}  // namespace

uint64_t PayloadSeed(const WorkloadSpec& spec) {
  uint64_t hash = 0xcbf29ce484222325;  // FNV-1a
  for (const char c : spec.Serialize()) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3;
  }
  return hash;
}

void FillPayload(uint64_t seed, int index, PayloadKind kind,
                 absl::Span<char> bytes) {
  PayloadWords words(seed, index, kind);
  for (size_t offset = 0; offset < bytes.size(); offset += sizeof(uint64_t)) {
    const uint64_t word = words.Next();
    std::memcpy(bytes.data() + offset, &word,
                std::min(sizeof word, bytes.size() - offset));
  }
}

int64_t FirstWrongPayloadByte(uint64_t seed, int index, PayloadKind kind,
                              absl::string_view bytes) {
  PayloadWords words(seed, index, kind);
  for (size_t offset = 0; offset < bytes.size(); offset += sizeof(uint64_t)) {
    const uint64_t word = words.Next();
    const size_t size = std::min(sizeof word, bytes.size() - offset);
    if (std::memcmp(bytes.data() + offset, &word, size) == 0) continue;
    const char* expected = reinterpret_cast<const char*>(&word);
    for (size_t i = 0; i < size; ++i) {
      if (bytes[offset + i] != expected[i]) {
        return static_cast<int64_t>(offset + i);
      }
    }
  }
  return -1;
}

uint64_t PayloadChecksum(absl::string_view bytes) {
  // Four independent lanes, so that their multiplications overlap.
  uint64_t lanes[4] = {1, 2, 3, 4};
  size_t offset = 0;
  for (; offset + sizeof lanes <= bytes.size(); offset += sizeof lanes) {
    for (int lane = 0; lane < 4; ++lane) {
      uint64_t word;
      std::memcpy(&word, bytes.data() + offset + lane * sizeof word,
                  sizeof word);
      lanes[lane] = (lanes[lane] + word * 0xc2b2ae3d27d4eb4f) * kGolden;
    }
  }
  uint64_t checksum = Mix(bytes.size());
  for (; offset < bytes.size(); ++offset) {
    checksum = Mix(checksum + static_cast<unsigned char>(bytes[offset]));
  }
  for (const uint64_t lane : lanes) checksum = Mix(checksum * kGolden + lane);
  return checksum;
}

uint64_t WithArgumentChecksum(uint64_t task_checksum,
                              uint64_t argument_checksum) {
  return task_checksum ^ Mix(argument_checksum + kGolden);
}

}  // namespace execbench
