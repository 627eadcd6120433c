// Cmd: each task runs the user's shell command (--cmd_task) with `/bin/sh
// -c`, every "{task}" in it replaced by the task's index: the question that
// `xargs -P`, GNU parallel and `make -j` answer by hand, how many commands
// to run at once and on what, asked of every executor.
//
// Each command runs in a process group of its own, started with posix_spawn
// (workloads/command/shell_process.h); its stdout and stderr are read through
// pipes, within bounds (workloads/command/command_output.h). A command that
// runs past --cmd_timeout_ms is killed with its whole group; one that exits
// with a status other than 0, is killed by a signal or times out fails its
// batch, naming the task, the command, why, and the last lines of its
// stderr. When a command exits, what it left running in its group is killed.
//
// The checksum is a hash of the task's index and its stdout (the first 64
// KiB and the count of all its bytes), so that every executor must agree on
// what each command printed.
//
// Its asynchronous form starts the child the same way, then waits on it
// through the event loop's io_uring and never blocks: reads of both pipes
// until their end of file, a poll of the child's pidfd, then waitid() with
// WNOHANG, and a read of a timerfd set to the timeout.

#include <liburing.h>
#include <poll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/async_workload.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "workloads/command/command_output.h"
#include "workloads/command/command_template.h"
#include "workloads/command/run_shell.h"
#include "workloads/command/shell_process.h"

EXECBENCH_FLAG(execbench::CommandTemplate, cmd_task, {},
               "Cmd: the shell command each task runs (/bin/sh -c), every "
               "{task} in it replaced by the task's index; a command without "
               "{task} runs as it is. Without it, Cmd has no rows");
EXECBENCH_FLAG(execbench::TaskCount, cmd_tasks, {32},
               "Cmd: tasks (commands) per batch");
EXECBENCH_FLAG(execbench::PositiveIntUpTo<3'600'000>, cmd_timeout_ms, {60'000},
               "Cmd: milliseconds a command may run before it is killed with "
               "its process group and fails its batch");

namespace execbench {
namespace {

// How much one read takes from a pipe in the asynchronous form.
constexpr size_t kAsyncReadBytes = 16 << 10;

class Command final : public Workload, public AsyncWorkload {
 public:
  Command(std::string command_template, absl::Duration timeout)
      : command_template_(std::move(command_template)), timeout_(timeout) {}

  absl::StatusOr<uint64_t> RunTask(int index) override {
    const std::string command = CommandForTask(command_template_, index);
    absl::StatusOr<FinishedShell> finished =
        RunShell({"-c", command}, timeout_);
    if (!finished.ok()) return Unstarted(index, finished.status());
    return CommandOutcome(index, command, finished->timed_out, timeout_,
                          finished->ended, finished->output);
  }

  AsyncWorkload* async() override { return this; }
  bool uses_io_uring() const override { return true; }

  void StartTask(int index, AsyncIo& io, AsyncTaskDone done) override {
    auto task = std::make_shared<AsyncCommand>();
    task->index = index;
    task->command = CommandForTask(command_template_, index);
    absl::StatusOr<std::unique_ptr<ShellProcess>> process =
        ShellProcess::Start({"-c", task->command});
    if (!process.ok()) return done(Unstarted(index, process.status()));
    task->process = *std::move(process);
    task->done = std::move(done);
    task->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    if (task->timer_fd < 0 || !SetTimer(task->timer_fd, timeout_)) {
      task->error = absl::ErrnoToStatus(errno, "Cmd: cannot set a timer");
      return Finish(*task);
    }
    // The start counts as an operation, so that none that ends at once (a
    // full ring) ends the task before the others are submitted.
    ++task->in_flight;
    ReadPipe(io, task, task->process->stdout_fd(), task->stdout_buffer,
             &CommandOutput::AddStdout, &ShellProcess::CloseStdout);
    ReadPipe(io, task, task->process->stderr_fd(), task->stderr_buffer,
             &CommandOutput::AddStderr, &ShellProcess::CloseStderr);
    WaitForExit(io, task);
    WaitForTimeout(io, task);
    --task->in_flight;
    Step(*task);
  }

 private:
  // One task's command on its way through the ring. It ends when its four
  // operations (two pipe reads, the pidfd's poll, the timer's read) have;
  // once only the timer's read is left, the timer is set to expire at once,
  // so that it ends too.
  struct AsyncCommand {
    int index = 0;
    std::string command;
    std::unique_ptr<ShellProcess> process;
    AsyncTaskDone done;
    CommandOutput output;
    int timer_fd = -1;
    int in_flight = 0;
    bool timer_in_flight = false;
    bool timed_out = false;
    std::optional<siginfo_t> ended;
    absl::Status error;  // a step that failed, or the loop's cancellation
    char stdout_buffer[kAsyncReadBytes];
    char stderr_buffer[kAsyncReadBytes];
    uint64_t expirations = 0;
  };

  using AddOutput = void (CommandOutput::*)(absl::string_view);
  using ClosePipe = void (ShellProcess::*)();

  static bool SetTimer(int timer_fd, absl::Duration after) {
    const itimerspec when{
        .it_value = absl::ToTimespec(std::max(after, absl::Nanoseconds(1)))};
    return timerfd_settime(timer_fd, 0, &when, nullptr) == 0;
  }

  // The error of a task whose command could not be started or watched.
  static absl::Status Unstarted(int index, const absl::Status& status) {
    return absl::Status(status.code(), absl::StrCat("Cmd: task ", index, ": ",
                                                    status.message()));
  }

  // Records `result`, an operation's failure, unless one is recorded, and
  // kills the command: the task can no longer watch it.
  static void Abandon(AsyncCommand& task, int result, absl::string_view step) {
    if (task.error.ok()) {
      task.error = absl::ErrnoToStatus(
          -result, absl::StrCat("Cmd: task ", task.index, ": cannot ", step));
    }
    task.process->KillGroup();
  }

  // Reads `fd` into `add` until its end of file.
  void ReadPipe(AsyncIo& io, std::shared_ptr<AsyncCommand> task, int fd,
                char* buffer, AddOutput add, ClosePipe close) {
    ++task->in_flight;
    io.SubmitIo(
        [&](io_uring_sqe* entry) {
          io_uring_prep_read(entry, fd, buffer, kAsyncReadBytes, -1);
        },
        [this, &io, task, fd, buffer, add, close](int got) {
          --task->in_flight;
          if (got > 0) {
            (task->output.*add)(absl::string_view(buffer, got));
            return ReadPipe(io, task, fd, buffer, add, close);
          }
          if (got < 0) Abandon(*task, got, "read its output");
          ((*task->process).*close)();
          Step(*task);
        });
  }

  // Polls the pidfd, then reaps the child without waiting.
  void WaitForExit(AsyncIo& io, std::shared_ptr<AsyncCommand> task) {
    ++task->in_flight;
    io.SubmitIo(
        [&](io_uring_sqe* entry) {
          io_uring_prep_poll_add(entry, task->process->pidfd(), POLLIN);
        },
        [this, task](int events) {
          --task->in_flight;
          if (events < 0) {
            Abandon(*task, events, "wait for it");
          } else {
            absl::StatusOr<siginfo_t> ended =
                task->process->Reap(/*wait=*/false);
            if (ended.ok()) {
              task->ended = *ended;
            } else if (task->error.ok()) {
              task->error = ended.status();
            }
          }
          Step(*task);
        });
  }

  // Reads the timer: when it expires with other operations in flight, the
  // command has run past its timeout (or what it started outside its group
  // holds its output open): it is killed with its group, and the reads of
  // its pipes are cancelled.
  void WaitForTimeout(AsyncIo& io, std::shared_ptr<AsyncCommand> task) {
    ++task->in_flight;
    task->timer_in_flight = true;
    io.SubmitIo(
        [&](io_uring_sqe* entry) {
          io_uring_prep_read(entry, task->timer_fd, &task->expirations,
                             sizeof task->expirations, 0);
        },
        [this, &io, task](int got) {
          --task->in_flight;
          task->timer_in_flight = false;
          if (got < 0) {
            Abandon(*task, got, "time it");
          } else if (task->in_flight > 0) {
            task->timed_out = true;
            task->process->KillGroup();
            StopReading(io, task);
          }
          Step(*task);
        });
  }

  // Cancels the reads of the pipes still open, whose other ends may be held
  // by a process outside the command's group.
  void StopReading(AsyncIo& io, std::shared_ptr<AsyncCommand> task) {
    for (int fd : {task->process->stdout_fd(), task->process->stderr_fd()}) {
      if (fd < 0) continue;
      ++task->in_flight;
      io.SubmitIo(
          [&](io_uring_sqe* entry) {
            io_uring_prep_cancel_fd(entry, fd, IORING_ASYNC_CANCEL_ALL);
          },
          [this, task](int) {
            --task->in_flight;
            Step(*task);
          });
    }
  }

  // After each operation: ends the task once all have, or ends the timer's
  // wait once only it is left.
  void Step(AsyncCommand& task) {
    if (task.in_flight == 0) return Finish(task);
    if (task.in_flight == 1 && task.timer_in_flight &&
        !SetTimer(task.timer_fd, absl::ZeroDuration())) {
      Abandon(task, -errno, "end its timer");
    }
  }

  void Finish(AsyncCommand& task) {
    if (task.timer_fd >= 0) close(task.timer_fd);
    task.timer_fd = -1;
    task.process.reset();  // kills and reaps a child not yet reaped
    AsyncTaskDone done = std::move(task.done);
    // A timeout says why the reads it cancelled failed.
    if (!task.error.ok() && !task.timed_out) return done(task.error);
    done(CommandOutcome(task.index, task.command, task.timed_out, timeout_,
                        task.ended, task.output));
  }

  const std::string command_template_;
  const absl::Duration timeout_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeCommand(
    const WorkloadSpec& spec) {
  absl::StatusOr<std::string> escaped = spec.GetString("command");
  if (!escaped.ok()) return escaped.status();
  std::string command;
  if (!absl::CUnescape(*escaped, &command)) {
    return absl::InvalidArgumentError("Cmd: the spec's command is garbled");
  }
  absl::StatusOr<int64_t> timeout_ms = spec.GetInt("timeout_ms");
  if (!timeout_ms.ok()) return timeout_ms.status();
  return std::make_unique<Command>(std::move(command),
                                   absl::Milliseconds(*timeout_ms));
}

absl::StatusOr<WorkloadRun> CommandFromFlags() {
  return WorkloadRun{
      // Escaped, since a spec's values cannot hold a line break.
      .spec = {.params = {{"command",
                           absl::CEscape(absl::GetFlag(FLAGS_cmd_task).text)},
                          {"timeout_ms",
                           absl::StrCat(
                               absl::GetFlag(FLAGS_cmd_timeout_ms).value)}}},
      .tasks = absl::GetFlag(FLAGS_cmd_tasks).value,
      .running_task_bytes = static_cast<int64_t>(
          CommandOutput::kKeptStdoutBytes + CommandOutput::kKeptStderrBytes +
          2 * kAsyncReadBytes)};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Cmd",
     .description = "each task runs the shell command of --cmd_task (the "
                    "xargs -P question); no rows without it",
     .make = MakeCommand,
     .from_flags = CommandFromFlags,
     .small_profile = {{"cmd_task", "echo task {task}"}, {"cmd_tasks", "5"}},
     .check_flags = []() -> absl::StatusOr<bool> {
       return !absl::GetFlag(FLAGS_cmd_task).text.empty();
     },
     .asynchronous = true});

}  // namespace execbench
