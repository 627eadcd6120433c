// The flags' context entries, from the suite's flags (core/suite_flag.h).

#include "benchmarks/context/flag_settings.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "benchmarks/cli/bench_flags.h"
#include "core/suite_flag.h"

namespace execbench {

ContextEntries FlagSettingsContext() {
  ContextEntries context = {
      {"execbench_profile", absl::GetFlag(FLAGS_profile)}};
  std::vector<std::string> changed;
  for (const absl::CommandLineFlag* flag : SuiteFlags()) {
    const std::string name(flag->Name());
    const std::string value = flag->CurrentValue();
    context[absl::StrCat("execbench_flag_", name)] = value;
    const bool output = name == "spans_out" || name == "trace_out" ||
                        name == "console_repetitions";
    if (value != flag->DefaultValue() && !output) {
      changed.push_back(absl::StrCat(name, "=", value));
    }
  }
  context["execbench_flags_changed"] = absl::StrJoin(changed, " ");
  return context;
}

}  // namespace execbench
