// Setting flags by name, through Abseil's flag reflection.

#include "core/flag_values.h"

#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"

namespace execbench {

absl::Status SetFlags(const FlagValues& values,
                      const std::set<std::string>& keep) {
  for (const auto& [name, value] : values) {
    if (keep.contains(name)) continue;
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    std::string error;
    if (flag == nullptr || !flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot set --", name, "=", value, ": ",
                       flag == nullptr ? "no such flag" : error));
    }
  }
  return absl::OkStatus();
}

}  // namespace execbench
