// Serial: every task in order on the calling thread; the baseline.

#ifndef EXECBENCH_EXECUTORS_SERIAL_H_
#define EXECBENCH_EXECUTORS_SERIAL_H_

#include "executors/executor.h"

namespace execbench {

class Serial final : public Executor {
 public:
  absl::string_view name() const override { return "Serial"; }
  bool single_worker() const override { return true; }
  absl::StatusOr<BatchResult> Run(const WorkloadSpec& spec, Workload& local,
                                  int tasks, int workers) override;
};

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_SERIAL_H_
