// RunContext: the run's context, gathered from every probe (probe.h) in one
// place, into Google Benchmark's context (benchmark::AddCustomContext) and
// for the spans file. What the start's probes read is in every output; what
// the end's read is in the results file (--benchmark_out) and the spans
// file, written after the run, but not in a JSON display
// (--benchmark_format=json), which shows the context when the run starts.

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_RUN_CONTEXT_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_RUN_CONTEXT_H_

#include "benchmarks/context/probe.h"

namespace execbench {

class RunContext {
 public:
  // Reads the probes of `when`, in the list's order, and adds what they
  // return. No two probes return the same key.
  void Gather(ProbeTime when);

  // Every entry gathered so far.
  const ContextEntries& entries() const { return entries_; }

 private:
  ContextEntries entries_;
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_RUN_CONTEXT_H_
