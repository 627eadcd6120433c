// The spans file (--spans_out): for every benchmark, its name, workload,
// executor, workers and the spans of its last batch, as JSON:
//
// {"format": "execbench-spans", "version": 1, "context": {...},
//  "benchmarks": [{"name": ..., "workload": ..., "executor": ...,
//    "workers": W, "tasks": N, "wall_s": ..., "startup_s": ...,
//    "shutdown_s": ..., "spans_capped": false, "spans_kept": N,
//    "hosts": ["node-a", ...],  // only when workers ran on hosts (Mpi)
//    "spans": [{"task": 0, "worker": 0, "start_s": ..., "stop_s": ...,
//               "cpu_s": ...}, ...]}, ...]}

#ifndef EXECBENCH_BENCHMARKS_OUTPUT_SPANS_FILE_H_
#define EXECBENCH_BENCHMARKS_OUTPUT_SPANS_FILE_H_

#include <map>
#include <string>
#include <vector>

#include "benchmarks/runner/span_log.h"

namespace execbench {

std::string SpansFileJson(const std::map<std::string, std::string>& context,
                          const std::vector<LoggedBatch>& batches);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_OUTPUT_SPANS_FILE_H_
