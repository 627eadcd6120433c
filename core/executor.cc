// The executor registry.

#include "core/executor.h"

#include <utility>

#include "core/registry.h"

namespace execbench {

using ExecutorRegistry = Registry<ExecutorRegistration>;

bool RegisterExecutor(ExecutorRegistration registration) {
  return ExecutorRegistry::Add(std::move(registration));
}

std::vector<const ExecutorRegistration*> RegisteredExecutors() {
  return ExecutorRegistry::Sorted([](auto* a, auto* b) {
    return std::make_pair(!a->single_worker, a->name) <
           std::make_pair(!b->single_worker, b->name);
  });
}

absl::StatusOr<const ExecutorRegistration*> FindExecutor(
    absl::string_view name) {
  return ExecutorRegistry::Find("executor", name, RegisteredExecutors());
}

}  // namespace execbench
