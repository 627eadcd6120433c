// The registry of the suite's flags.

#include "core/suite_flag.h"

#include <utility>

#include "absl/flags/reflection.h"
#include "core/registry.h"

namespace execbench {
namespace {

using SuiteFlagRegistry = Registry<SuiteFlagRegistration>;

std::vector<const SuiteFlagRegistration*> Registered() {
  return SuiteFlagRegistry::Sorted(
      [](auto* a, auto* b) { return a->name < b->name; });
}

}  // namespace

bool RegisterSuiteFlag(SuiteFlagRegistration registration) {
  return SuiteFlagRegistry::Add(std::move(registration));
}

std::vector<absl::CommandLineFlag*> SuiteFlags() {
  std::vector<absl::CommandLineFlag*> flags;
  for (const SuiteFlagRegistration* registration : Registered()) {
    flags.push_back(absl::FindCommandLineFlag(registration->name));
  }
  return flags;
}

bool IsSuiteFlag(absl::string_view name) {
  return SuiteFlagRegistry::Find("suite flag", name, Registered()).ok();
}

}  // namespace execbench
