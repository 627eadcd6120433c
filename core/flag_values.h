// FlagValues: a set of flag values applied together, as a profile does
// (--profile=seed sets the study's sizes; the conformance tests set each
// workload's small sizes).

#ifndef EXECBENCH_CORE_FLAG_VALUES_H_
#define EXECBENCH_CORE_FLAG_VALUES_H_

#include <map>
#include <set>
#include <string>

#include "absl/status/status.h"

namespace execbench {

// Flag name -> value as it would follow `--name=` on the command line.
using FlagValues = std::map<std::string, std::string>;

// Sets every flag of `values` but those named in `keep`; an unknown flag or
// a bad value is an InvalidArgumentError naming both.
absl::Status SetFlags(const FlagValues& values,
                      const std::set<std::string>& keep = {});

}  // namespace execbench

#endif  // EXECBENCH_CORE_FLAG_VALUES_H_
