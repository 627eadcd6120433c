// The trace file (--trace_out): the spans file's spans in Chrome's Trace Event
// format, which ui.perfetto.dev and chrome://tracing open. One process per
// benchmark (pid from 1), one thread per worker (tid from 1: Perfetto treats
// tid 0 specially), each task a complete ("X") event with ts and dur in
// microseconds, and process and thread names as metadata ("M") events. Tasks
// that overlap on one worker (an asynchronous executor) go to extra lanes of
// that worker, named "worker W (lane K)", so that none is lost or mis-nested.

#ifndef EXECBENCH_BENCHMARKS_OUTPUT_TRACE_FILE_H_
#define EXECBENCH_BENCHMARKS_OUTPUT_TRACE_FILE_H_

#include <string>
#include <vector>

#include "benchmarks/runner/span_log.h"

namespace execbench {

std::string TraceFileJson(const std::vector<LoggedBatch>& batches);

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_OUTPUT_TRACE_FILE_H_
