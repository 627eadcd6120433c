// FlagSettingsContext(): how the run was configured: the profile
// (execbench_profile), every suite flag's value (execbench_flag_<name>), and
// those that differ from their defaults as name=value pairs
// (execbench_flags_changed), leaving out where output goes, which is no
// factor of what is measured.

#ifndef EXECBENCH_BENCHMARKS_CONTEXT_FLAG_SETTINGS_H_
#define EXECBENCH_BENCHMARKS_CONTEXT_FLAG_SETTINGS_H_

#include "benchmarks/context/probe.h"

namespace execbench {

ContextEntries FlagSettingsContext();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_CONTEXT_FLAG_SETTINGS_H_
