// --arg_bytes and --result_bytes: the data that travels with every task, an
// argument of N bytes from the calling process to the task and a result of M
// bytes back, as a process pool must serialise what it sends and returns.
//
// The sizes travel in the workload's spec (AddPayloadSizes), so that process
// workers and MPI ranks, which rebuild the workload from its spec, know them,
// and batches of different sizes are checked against different references.
// Executors carry the bytes (executors/task_payloads.h); a workload never
// knows. At 0 and 0 (the default) the spec carries nothing and every
// executor runs as it would without payloads.

#ifndef EXECBENCH_CORE_PAYLOAD_SIZES_H_
#define EXECBENCH_CORE_PAYLOAD_SIZES_H_

#include <cstdint>

#include "absl/flags/declare.h"
#include "core/flag_types.h"
#include "core/workload_spec.h"

ABSL_DECLARE_FLAG(execbench::PayloadBytes, arg_bytes);
ABSL_DECLARE_FLAG(execbench::PayloadBytes, result_bytes);

namespace execbench {

// The spec parameters that carry the sizes, in bytes.
inline constexpr char kArgumentBytesParameter[] = "payload_arg_bytes";
inline constexpr char kResultBytesParameter[] = "payload_result_bytes";

struct PayloadSizes {
  int64_t argument_bytes = 0;  // per task, caller to task
  int64_t result_bytes = 0;    // per task, task to caller

  // Whether any bytes travel.
  bool on() const { return argument_bytes > 0 || result_bytes > 0; }
  // Both ways, for `tasks` tasks.
  int64_t BatchBytes(int tasks) const {
    return (argument_bytes + result_bytes) * tasks;
  }

  // The sizes `spec` carries; 0 for one it does not carry or cannot read
  // (AddPayloadSizes() writes only what it checked).
  static PayloadSizes Of(const WorkloadSpec& spec);
};

// Adds --arg_bytes and --result_bytes to the spec, each unless it is 0.
void AddPayloadSizes(WorkloadSpec& spec);

}  // namespace execbench

#endif  // EXECBENCH_CORE_PAYLOAD_SIZES_H_
