// Random lowercase text from a fixed generator.

#include "workloads/text/random_text.h"

#include <algorithm>
#include <random>

namespace execbench {

// std::mt19937_64's sequence is fixed by the standard. Each byte of a draw
// gives one letter, which 9 or 10 of the 256 byte values map to: near enough
// uniform for a text.
std::string RandomLowercaseText(int64_t size, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::string text(size, ' ');
  for (int64_t i = 0; i < size; i += 8) {
    uint64_t bits = random();
    for (int64_t j = i; j < std::min(i + 8, size); ++j, bits >>= 8) {
      text[j] = static_cast<char>('a' + (bits & 0xff) * 26 / 256);
    }
  }
  return text;
}

}  // namespace execbench
