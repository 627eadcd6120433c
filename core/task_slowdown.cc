// The --task_slowdown flag and the workload that spins after each task.

#include "core/task_slowdown.h"

#include <chrono>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/flags/flag.h"
#include "core/suite_flag.h"

EXECBENCH_FLAG(execbench::NonNegativeDecimal, task_slowdown, {0},
               "tests and calibration only: after each task, spin for this "
               "share of its duration (0.02: 2% slower); not EventLoop's "
               "asynchronous tasks");

namespace execbench {
namespace {

class SlowedWorkload final : public Workload {
 public:
  SlowedWorkload(std::unique_ptr<Workload> inner, double share)
      : inner_(std::move(inner)), share_(share) {}

  absl::Status Prepare() override { return inner_->Prepare(); }

  bool prepares_before_fork() const override {
    return inner_->prepares_before_fork();
  }
  absl::Status PrepareBeforeFork() override {
    return inner_->PrepareBeforeFork();
  }

  absl::StatusOr<uint64_t> RunTask(int index) override {
    return Slowed([&] { return inner_->RunTask(index); });
  }

  bool sends_messages() const override { return inner_->sends_messages(); }
  absl::StatusOr<std::string> ArgumentMessage(int index) override {
    return inner_->ArgumentMessage(index);
  }
  absl::Status PrepareToRunMessages() override {
    return inner_->PrepareToRunMessages();
  }
  absl::StatusOr<std::string> RunMessage(int index,
                                         absl::string_view argument) override {
    return Slowed([&] { return inner_->RunMessage(index, argument); });
  }
  absl::StatusOr<uint64_t> ReceiveMessage(int index,
                                          absl::string_view result) override {
    return inner_->ReceiveMessage(index, result);
  }

  absl::Status Settle() override { return inner_->Settle(); }

  AsyncWorkload* async() override { return inner_->async(); }

 private:
  // What `task` returns, after spinning for the share of its duration.
  template <typename Task>
  std::invoke_result_t<Task> Slowed(Task task) {
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    auto result = task();
    const Clock::time_point end = Clock::now();
    const Clock::time_point until =
        end +
        std::chrono::duration_cast<Clock::duration>((end - start) * share_);
    while (Clock::now() < until) {
    }
    return result;
  }

  const std::unique_ptr<Workload> inner_;
  const double share_;
};

}  // namespace

void AddTaskSlowdown(WorkloadSpec& spec) {
  const NonNegativeDecimal slowdown = absl::GetFlag(FLAGS_task_slowdown);
  if (slowdown.value > 0) {
    spec.params[kTaskSlowdownParameter] = AbslUnparseFlag(slowdown);
  }
}

absl::StatusOr<std::unique_ptr<Workload>> WithTaskSlowdown(
    const WorkloadSpec& spec, std::unique_ptr<Workload> workload) {
  if (!spec.params.contains(kTaskSlowdownParameter)) return workload;
  absl::StatusOr<double> share = spec.GetDouble(kTaskSlowdownParameter);
  if (!share.ok()) return share.status();
  return std::make_unique<SlowedWorkload>(std::move(workload), *share);
}

}  // namespace execbench
