// A probe of the run context: a function that reads one thing a result must
// carry to be read or compared later (what built the binary, the flags, the
// machine and its state) and returns it as context entries, keys starting
// with "execbench_" (the MPI world's with "mpi_"). RunContext
// (run_context.h) reads every probe, at the start of the run or at its end,
// and records what they return in the JSON context and the spans file.
//
// A new probe is a file of this folder with its function, and one line in
// the list of probes in run_context.cc.

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_PROBE_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_PROBE_H_

#include <map>
#include <string>

namespace execbench {

// Context key -> value.
using ContextEntries = std::map<std::string, std::string>;

// When a probe is read: before the first benchmark runs, or after the last
// (a measure of the machine taken twice tells whether it changed meanwhile).
enum class ProbeTime { kStart, kEnd };

struct Probe {
  ProbeTime when;
  ContextEntries (*read)();
};

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_PROBE_H_
