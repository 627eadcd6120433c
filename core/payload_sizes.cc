// The payload flags and their spec parameters.

#include "core/payload_sizes.h"

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "core/suite_flag.h"

EXECBENCH_FLAG(execbench::PayloadBytes, arg_bytes, {0},
               "bytes of an argument that every task receives from the "
               "calling process through its executor's channel (0: none)");
EXECBENCH_FLAG(execbench::PayloadBytes, result_bytes, {0},
               "bytes of a result that every task returns to the calling "
               "process through its executor's channel (0: none)");

namespace execbench {
namespace {

int64_t SizeOf(const WorkloadSpec& spec, const char* parameter) {
  if (!spec.params.contains(parameter)) return 0;
  absl::StatusOr<int64_t> bytes = spec.GetInt(parameter);
  return bytes.ok() && *bytes > 0 ? *bytes : 0;
}

}  // namespace

PayloadSizes PayloadSizes::Of(const WorkloadSpec& spec) {
  return {.argument_bytes = SizeOf(spec, kArgumentBytesParameter),
          .result_bytes = SizeOf(spec, kResultBytesParameter)};
}

void AddPayloadSizes(WorkloadSpec& spec) {
  if (const int bytes = absl::GetFlag(FLAGS_arg_bytes).value; bytes > 0) {
    spec.params[kArgumentBytesParameter] = absl::StrCat(bytes);
  }
  if (const int bytes = absl::GetFlag(FLAGS_result_bytes).value; bytes > 0) {
    spec.params[kResultBytesParameter] = absl::StrCat(bytes);
  }
}

}  // namespace execbench
