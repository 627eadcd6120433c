// EXECBENCH_FLAG(type, name, default_value, help): defines one of the suite's
// own flags, the ones `bench` accepts beside Google Benchmark's, lists in
// --help and records in the run context (execbench_flag_<name>). It is an
// Abseil flag (ABSL_FLAG, read with absl::GetFlag(FLAGS_name) and declared
// elsewhere with ABSL_DECLARE_FLAG) whose name is also registered here, at
// namespace scope outside any namespace, as ABSL_FLAG must be:
//
//   EXECBENCH_FLAG(execbench::PositiveInt, sleep_tasks, {8}, "Sleep: tasks");
//
// A flag defined with plain ABSL_FLAG, by a library or a test, is not the
// suite's, wherever its source file lies.

#ifndef EXECBENCH_CORE_SUITE_FLAG_H_
#define EXECBENCH_CORE_SUITE_FLAG_H_

#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/strings/string_view.h"
#include "core/static_registration.h"

namespace execbench {

struct SuiteFlagRegistration {
  std::string name;
};

// Adds a flag's name; returns true so that it can initialise a static.
bool RegisterSuiteFlag(SuiteFlagRegistration registration);

// The suite's flags, sorted by name.
std::vector<absl::CommandLineFlag*> SuiteFlags();

// Whether the flag named `name` was defined with EXECBENCH_FLAG.
bool IsSuiteFlag(absl::string_view name);

}  // namespace execbench

#define EXECBENCH_FLAG(type, name, default_value, help) \
  ABSL_FLAG(type, name, default_value, help);           \
  EXECBENCH_STATIC_REGISTRATION(::execbench::RegisterSuiteFlag({#name}))

#endif  // EXECBENCH_CORE_SUITE_FLAG_H_
