// The "Test" workload (see test_workload.h).

#include "tests/test_workload.h"

#include <fcntl.h>
#include <liburing.h>
#include <omp.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "core/async_workload.h"
#include "core/workload.h"
#include "executors/clock.h"

namespace execbench {

absl::Mutex& TestWorkloadMutex() {
  static absl::Mutex* mutex = new absl::Mutex();
  return *mutex;
}

namespace {

// Pins the calling thread to the CPU it is on and starts a thread there (new
// threads share their creator's CPUs) that waits for a signal and then
// answers. From the signal to the answer the caller never blocks, so the
// other thread can run only once the kernel takes the CPU from the caller
// while it could still run: an involuntary context switch, whether the
// other thread preempts it or it yields. (The other thread may run before
// the signal, as it does under ThreadSanitizer, whose pthread_create waits
// for the new thread: the caller's switches there are voluntary.)
absl::Status YieldCpuToNewThread() {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) {
    return absl::InternalError("cannot read the thread's CPUs");
  }
  cpu_set_t this_cpu;
  CPU_ZERO(&this_cpu);
  CPU_SET(sched_getcpu(), &this_cpu);
  if (sched_setaffinity(0, sizeof(this_cpu), &this_cpu) != 0) {
    return absl::InternalError("cannot pin the thread to its CPU");
  }
  std::atomic<bool> go{false};
  std::atomic<bool> ran{false};
  std::thread other([&go, &ran] {
    go.wait(false);
    ran = true;
  });
  go = true;
  go.notify_one();
  while (!ran) sched_yield();
  other.join();
  sched_setaffinity(0, sizeof(allowed), &allowed);
  return absl::OkStatus();
}

// Its asynchronous form, for the EventLoop executor, sleeps with an io_uring
// timeout and does the rest on the loop's thread.
class TestWorkload final : public Workload, public AsyncWorkload {
 public:
  absl::StatusOr<uint64_t> RunTask(int index) override {
    if (absl::Status logged = Log(index); !logged.ok()) return logged;
    std::this_thread::sleep_for(Sleep(index));
    return Finish(index);
  }

  AsyncWorkload* async() override { return this; }
  bool uses_io_uring() const override { return sleep_us_step_ > 0; }

  void StartTask(int index, AsyncIo& io, AsyncTaskDone done) override {
    if (absl::Status logged = Log(index); !logged.ok()) return done(logged);
    if (sleep_us_step_ == 0) return done(Finish(index));
    const std::chrono::nanoseconds sleep = Sleep(index);
    __kernel_timespec timeout = {.tv_sec = sleep.count() / 1'000'000'000,
                                 .tv_nsec = sleep.count() % 1'000'000'000};
    io.SubmitIo(
        [&](io_uring_sqe* entry) {
          io_uring_prep_timeout(entry, &timeout, /*count=*/0, /*flags=*/0);
        },
        [this, index, done = std::move(done)](int result) mutable {
          if (result != -ETIME) {
            return done(absl::InternalError(
                absl::StrCat("io_uring timeout: ", std::strerror(-result))));
          }
          done(Finish(index));
        });
  }

  absl::Status Prepare() override {
    if (spec().GetBool("prepare_fails").value_or(false)) {
      return absl::InternalError("the test asked Prepare to fail");
    }
    auto get_int = [&](const char* key, int64_t fallback) {
      return spec().params.contains(key) ? *spec().GetInt(key) : fallback;
    };
    fail_at_ = get_int("fail_at", -1);
    sleep_us_step_ = get_int("sleep_us_step", 0);
    spin_us_ = get_int("spin_us", 0);
    tasks_ = get_int("tasks", 0);
    failure_ = spec().GetString("failure").value_or("error");
    log_path_ = spec().GetString("log_path").value_or("");
    openmp_ = spec().GetBool("openmp").value_or(false);
    lock_ = spec().GetBool("lock").value_or(false);
    yield_cpu_ = spec().GetBool("yield_cpu").value_or(false);
    return absl::OkStatus();
  }

 private:
  // Appends the task to the log, if asked.
  absl::Status Log(int index) {
    if (log_path_.empty()) return absl::OkStatus();
    const int fd = open(log_path_.c_str(),
                        O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return absl::InternalError("cannot open the task log");
    const std::string line = absl::StrCat(index, " ", getpid(), "\n");
    const bool written = write(fd, line.data(), line.size()) ==
                         static_cast<ssize_t>(line.size());
    close(fd);
    if (!written) return absl::InternalError("cannot write the task log");
    return absl::OkStatus();
  }

  std::chrono::nanoseconds Sleep(int index) const {
    return std::chrono::microseconds((tasks_ - index) * sleep_us_step_);
  }

  // The rest of the task, after its sleep.
  absl::StatusOr<uint64_t> Finish(int index) {
    const int64_t spin_end = ThreadCpuNs() + spin_us_ * 1000;
    while (ThreadCpuNs() < spin_end) {
    }
    if (yield_cpu_) {
      if (absl::Status yielded = YieldCpuToNewThread(); !yielded.ok()) {
        return yielded;
      }
    }
    if (lock_) absl::MutexLock lock(&TestWorkloadMutex());
    if (openmp_) {
      int64_t sum = 0;
#pragma omp parallel for reduction(+ : sum) num_threads(2)
      for (int i = 0; i < 1000; ++i) sum += i;
      if (sum != 499500) return absl::InternalError("OpenMP sum is wrong");
    }
    if (index == fail_at_) {
      if (failure_ == "segv") {
        signal(SIGSEGV, SIG_DFL);  // past any sanitizer's handler
        raise(SIGSEGV);
      }
      if (failure_ == "kill") raise(SIGKILL);
      if (failure_ == "exit7") _exit(7);
      if (failure_ == "stop") raise(SIGSTOP);
      if (failure_ == "hang") {
        for (;;) pause();
      }
      return absl::InternalError("the test asked task to fail");
    }
    return TestChecksum(index);
  }

  int64_t fail_at_ = -1;
  int64_t sleep_us_step_ = 0;
  int64_t spin_us_ = 0;
  int64_t tasks_ = 0;
  std::string failure_;
  std::string log_path_;
  bool openmp_ = false;
  bool lock_ = false;
  bool yield_cpu_ = false;
};

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Test",
     .description = "tasks that tests steer through the spec",
     .make =
         [](const WorkloadSpec&) -> absl::StatusOr<std::unique_ptr<Workload>> {
       return std::make_unique<TestWorkload>();
     },
     .asynchronous = true});

}  // namespace execbench
