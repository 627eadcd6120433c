// What payloads hold (core/payload_sizes.h): task `index`'s argument and
// result are a splitmix64 sequence seeded by the workload's spec, the task
// and the direction, so that any process can make them and check them
// without keeping a copy, at memory speed (about 1 ns per 8 bytes).

#ifndef EXECBENCH_EXECUTORS_PAYLOAD_BYTES_H_
#define EXECBENCH_EXECUTORS_PAYLOAD_BYTES_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/workload_spec.h"

namespace execbench {

enum class PayloadKind : uint64_t { kArgument = 1, kResult = 2 };

// The seed of every payload of the workload `spec` names: the same in every
// process (a fixed hash of its text).
uint64_t PayloadSeed(const WorkloadSpec& spec);

// Fills `bytes` with task `index`'s payload of `kind`.
void FillPayload(uint64_t seed, int index, PayloadKind kind,
                 absl::Span<char> bytes);

// The offset of the first byte of `bytes` that is not task `index`'s payload
// of `kind`, or -1 when every byte is.
int64_t FirstWrongPayloadByte(uint64_t seed, int index, PayloadKind kind,
                              absl::string_view bytes);

// A checksum that depends on every byte of `bytes` and on their length.
uint64_t PayloadChecksum(absl::string_view bytes);

// A task's checksum with its argument's checksum folded in, so that a
// damaged argument changes the task's checksum. It is the task's checksum
// XOR WithArgumentChecksum(0, argument_checksum), so that where the task's
// own checksum is known only later (a process pool's messages,
// executors/pool_messages.h) the argument's is folded in first.
uint64_t WithArgumentChecksum(uint64_t task_checksum,
                              uint64_t argument_checksum);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_PAYLOAD_BYTES_H_
