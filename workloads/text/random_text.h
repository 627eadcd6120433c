// RandomLowercaseText(): the text that Io and PyIo write, the study's random
// lowercase letters.

#ifndef EXECBENCH_WORKLOADS_TEXT_RANDOM_TEXT_H_
#define EXECBENCH_WORKLOADS_TEXT_RANDOM_TEXT_H_

#include <cstdint>
#include <string>

namespace execbench {

// The seed of the text that Io and PyIo write: the same text in both.
inline constexpr uint64_t kIoTextSeed = 2024;

// `size` random lowercase letters, the same for a given seed everywhere.
std::string RandomLowercaseText(int64_t size, uint64_t seed);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_TEXT_RANDOM_TEXT_H_
