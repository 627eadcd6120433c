// The fork server processes and the program's side of their sockets.
//
// Protocol, over a SOCK_SEQPACKET socket pair per server (one message per
// batch each way, so that the reply always fits in the socket):
//   request: RequestHeader, then the workload spec text; the batch's memfd
//            travels as SCM_RIGHTS.
//   reply:   ReplyHeader, empty `error` when the server ran its share of the
//            batch; how each worker ended is in the batch's shared memory.
// A request to preload (kPreload, no memfd) has a server fork a preloaded
// server for the spec; the reply carries its pid, and the program's end of
// its socket as SCM_RIGHTS. The preloaded server's first message is a
// ReplyHeader saying whether PrepareBeforeFork() succeeded; it then serves
// batches of that spec as the server does.

#include "executors/fork_server.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "core/workload.h"
#include "executors/batch_timeout.h"
#include "executors/clock.h"
#include "executors/openmp_registration.h"
#include "executors/pool_worker.h"
#include "executors/proc_stat.h"
#include "executors/server_children.h"

extern char** environ;

namespace execbench {
namespace {

// What a request asks.
enum RequestKind : int32_t { kRunBatch = 0, kPreload = 1 };

struct RequestHeader {
  RequestKind kind;
  int32_t workers;  // of the whole batch
  int32_t spec_size;
  // The server forks workers first_worker, first_worker + worker_stride, ...
  int32_t first_worker;
  int32_t worker_stride;
  // From when the server receives the request: then it kills the workers
  // still running.
  int64_t timeout_ns;
};

struct ReplyHeader {
  char error[256];        // empty: the server ran its share of the batch
  int32_t preloaded_pid;  // the preloaded server forked for kPreload
};

constexpr size_t kMaxMessage = 1 << 16;
// How long past the batch timeout the program waits for a server's reply:
// the server's own time to kill its workers and reap them.
constexpr int64_t kReplyGraceNs = 10'000'000'000;
// How long the program, exiting, waits for its servers to end by themselves.
constexpr int64_t kExitGraceNs = 2'000'000'000;
// How often the program looks whether a server it waits for was stopped.
constexpr int kServerCheckMs = 200;
// How often a server that killed late or stopped workers looks whether they
// have ended.
constexpr int64_t kReapPollNs = 10'000'000;
// The variable that makes a process started with exec a fork server: its
// socket's descriptor, the program's pid and the wall clock's calibration.
constexpr char kServeEnvironment[] = "EXECBENCH_FORK_SERVER";

struct ForkServer {
  pid_t pid;  // 0: lost and reaped, to be replaced
  int socket;
  // A preloaded server: a child of a fork server, which reaps it.
  bool preloaded = false;
};

struct ServerConnection {
  absl::Mutex mutex;
  std::vector<ForkServer> servers ABSL_GUARDED_BY(mutex);
  // Workload spec text -> its preloaded servers, one per fork server.
  std::map<std::string, std::vector<ForkServer>> preloaded
      ABSL_GUARDED_BY(mutex);
};

ServerConnection& Connection() {
  static auto* connection = new ServerConnection();
  return *connection;
}

int64_t MonotonicNs() { return ReadClockNs(CLOCK_MONOTONIC); }

int64_t CpuNs(const rusage& usage) {
  return (int64_t{usage.ru_utime.tv_sec} + usage.ru_stime.tv_sec) *
             1'000'000'000 +
         (int64_t{usage.ru_utime.tv_usec} + usage.ru_stime.tv_usec) * 1'000;
}

// "was killed by signal 9 (Killed)", "exited with code 3", "was stopped by
// signal 19 (Stopped (signal))": how a process ended or stopped, as
// waitpid()'s `status` says.
std::string DescribeStatus(int status) {
  if (WIFSIGNALED(status)) {
    return absl::StrCat("was killed by signal ", WTERMSIG(status), " (",
                        strsignal(WTERMSIG(status)), ")");
  }
  if (WIFSTOPPED(status)) {
    return absl::StrCat("was stopped by signal ", WSTOPSIG(status), " (",
                        strsignal(WSTOPSIG(status)), ")");
  }
  return absl::StrCat("exited with code ", WEXITSTATUS(status));
}

// "worker 2 (pid 123)", and " while running task 5" if it runs one.
std::string DescribeWorker(const SharedBatch& batch, int worker) {
  return absl::StrCat("worker ", worker, " (pid ", batch.worker(worker).pid,
                      ")");
}
std::string RunningTask(const SharedBatch& batch, int worker) {
  const int task = batch.worker(worker).current_task.load();
  return task >= 0 ? absl::StrCat(" while running task ", task) : "";
}

// Says how worker `worker` ended, or "" if it ended normally.
std::string DescribeAbnormalExit(const SharedBatch& batch, int worker,
                                 int status) {
  const bool in_task = batch.worker(worker).current_task.load() >= 0;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !in_task) return "";
  return absl::StrCat(DescribeWorker(batch, worker), " ",
                      DescribeStatus(status), RunningTask(batch, worker));
}

// The workers of one batch that this server forked and has not reaped.
class ForkedWorkers {
 public:
  explicit ForkedWorkers(const SharedBatch& batch) : batch_(batch) {}

  void Add(int worker) { running_.push_back(worker); }
  bool empty() const { return running_.empty(); }

  // Reaps the workers as they end, recording how, until none is left. A
  // worker that is stopped, or any still running at `deadline_ns`, fails the
  // batch, and every worker left is killed.
  void ReapAll(int64_t deadline_ns, int64_t timeout_ns) {
    sigset_t child_signal;
    sigemptyset(&child_signal);
    sigaddset(&child_signal, SIGCHLD);
    while (!running_.empty()) {
      siginfo_t info{};
      // A peek: an ended worker stays a zombie, holding its pid, until reaped.
      if (waitid(P_ALL, 0, &info, WEXITED | WSTOPPED | WNOHANG | WNOWAIT) !=
          0) {
        if (errno == EINTR) continue;
        return;  // no child left
      }
      if (info.si_pid != 0) {
        Changed(info);
        continue;
      }
      const int64_t now = MonotonicNs();
      if (!killed_ && now >= deadline_ns) {
        batch_.ReportFailure(DescribeLate(timeout_ns));
        KillAll();
      }
      // SIGCHLD is blocked in the server: it stays pending, and ends the
      // wait, when a worker ends or stops.
      const int64_t wait_ns =
          killed_ ? kReapPollNs : std::max<int64_t>(deadline_ns - now, 0);
      const timespec wait = {.tv_sec = wait_ns / 1'000'000'000,
                             .tv_nsec = wait_ns % 1'000'000'000};
      sigtimedwait(&child_signal, nullptr, &wait);
    }
  }

 private:
  // Handles child `info.si_pid`, which ended or stopped.
  void Changed(const siginfo_t& info) {
    const auto it = std::find_if(running_.begin(), running_.end(), [&](int w) {
      return batch_.worker(w).pid == info.si_pid;
    });
    if (info.si_code == CLD_STOPPED) {
      siginfo_t consumed{};  // the stop, seen: it is reported once
      waitid(P_PID, info.si_pid, &consumed, WSTOPPED);
      if (it != running_.end()) {
        batch_.ReportFailure(
            absl::StrCat(DescribeWorker(batch_, *it), " ",
                         DescribeStatus(W_STOPCODE(info.si_status)),
                         RunningTask(batch_, *it)));
        KillAll();
      }
      return;
    }
    rusage usage{};
    const int status = ReapChild(info.si_pid, &usage);
    if (it == running_.end()) return;
    SharedWorkerSlot& slot = batch_.worker(*it);
    slot.wait_status = status;
    slot.cpu_ns = CpuNs(usage);
    slot.involuntary_switches = usage.ru_nivcsw;
    if (std::string failure = DescribeAbnormalExit(batch_, *it, status);
        !failure.empty()) {
      batch_.ReportFailure(failure);
    }
    running_.erase(it);
  }

  std::string DescribeLate(int64_t timeout_ns) const {
    std::vector<std::string> late;
    for (int w : running_) {
      const int task = batch_.worker(w).current_task.load();
      late.push_back(absl::StrCat(
          DescribeWorker(batch_, w), " ",
          task >= 0 ? absl::StrCat("running task ", task)
                    : std::string("preparing its workload or between tasks")));
    }
    return absl::StrCat(BatchTimeoutPassed(absl::Nanoseconds(timeout_ns)),
                        " with ", absl::StrJoin(late, ", "));
  }

  void KillAll() {
    for (int w : running_) kill(batch_.worker(w).pid, SIGKILL);
    killed_ = true;
  }

  const SharedBatch& batch_;
  std::vector<int> running_;
  bool killed_ = false;
};

// The preloaded servers this fork server has forked and not reaped (none in
// a preloaded server).
std::vector<pid_t>& PreloadedChildren() {
  static auto* children = new std::vector<pid_t>();
  return *children;
}

// Forks the workers of one batch that `request` gives this server, and
// reaps them, then ends what they left running. A preloaded server's
// workers run its `preloaded` workload.
void ServeBatch(int socket, const RequestHeader& request,
                absl::string_view spec_text, const SharedBatch& batch,
                Workload* preloaded) {
  const int64_t deadline = MonotonicNs() + request.timeout_ns;
  const pid_t server = getpid();
  ForkedWorkers workers(batch);
  for (int w = request.first_worker; w < request.workers;
       w += request.worker_stride) {
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
      close(socket);
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != server) _exit(1);
      sigset_t child_signal;
      sigemptyset(&child_signal);
      sigaddset(&child_signal, SIGCHLD);
      sigprocmask(SIG_UNBLOCK, &child_signal, nullptr);
      _exit(preloaded != nullptr ? RunPoolWorkerOn(*preloaded, batch, w)
                                 : RunPoolWorker(spec_text, batch, w));
    }
    if (pid < 0) {
      batch.ReportFailure(
          absl::StrCat("cannot fork worker ", w, ": ", std::strerror(errno)));
      break;
    }
    batch.worker(w).pid = pid;
    workers.Add(w);
  }
  workers.ReapAll(deadline, request.timeout_ns);
  EndChildrenBut(PreloadedChildren());
}

// Reaps the preloaded servers that have ended, or all of them, killed first,
// when `kill_first`.
void ReapPreloadedChildren(bool kill_first) {
  std::vector<pid_t>& children = PreloadedChildren();
  std::erase_if(children, [&](pid_t pid) {
    siginfo_t info{};
    // Ended and reaped already (a batch's reaping takes any child): gone.
    if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
      return true;
    }
    if (info.si_pid == 0 && !kill_first) return false;
    if (info.si_pid == 0) kill(pid, SIGKILL);
    ReapChild(pid);
    return true;
  });
}

bool ServeOneRequest(int socket, Workload* preloaded);

// Makes this process a server on `socket`: it dies with `parent`, adopts
// what its workers leave running (executors/server_children.h), keeps only
// stdio and the socket for its workers to inherit, and blocks SIGCHLD, so
// that ended and stopped workers wait as a pending signal (see ReapAll()).
void BecomeServer(int socket, pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(0);
  AdoptOrphans();
  close_range(3, socket - 1, 0);
  close_range(socket + 1, ~0U, 0);
  sigset_t child_signal;
  sigemptyset(&child_signal);
  sigaddset(&child_signal, SIGCHLD);
  sigprocmask(SIG_BLOCK, &child_signal, nullptr);
}

// Builds the workload of `spec_text` and runs its PrepareBeforeFork(),
// which must leave this process with its one thread.
absl::StatusOr<std::unique_ptr<Workload>> PreloadWorkload(
    absl::string_view spec_text) {
  absl::StatusOr<WorkloadSpec> spec = WorkloadSpec::Parse(spec_text);
  if (!spec.ok()) return spec.status();
  absl::StatusOr<std::unique_ptr<Workload>> workload = MakeWorkload(*spec);
  if (!workload.ok()) return workload.status();
  if (absl::Status prepared = (*workload)->PrepareBeforeFork();
      !prepared.ok()) {
    return prepared;
  }
  if (const int threads = ProcessThreads(getpid()); threads != 1) {
    return absl::FailedPreconditionError(absl::StrCat(
        spec->name, "'s PrepareBeforeFork() left ", threads,
        " threads running, and workers cannot be forked safely from them"));
  }
  return workload;
}

// A preloaded server for `spec_text`, forked by the fork server `parent`:
// says whether it could preload the workload, then serves its batches.
[[noreturn]] void ServePreloaded(int socket, pid_t parent,
                                 const std::string& spec_text) {
  BecomeServer(socket, parent);
  PreloadedChildren().clear();  // its fork server's
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      PreloadWorkload(spec_text);
  ReplyHeader ready{};
  if (!workload.ok()) {
    std::snprintf(ready.error, sizeof(ready.error), "%s",
                  std::string(workload.status().message()).c_str());
  }
  if (send(socket, &ready, sizeof(ready), MSG_NOSIGNAL) < 0 || !workload.ok()) {
    _exit(0);
  }
  while (ServeOneRequest(socket, workload->get())) {
  }
  _exit(0);
}

// Forks a preloaded server for `spec_text`; fills `reply` and returns the
// program's end of its socket, or -1.
int ForkPreloadedServer(int socket, absl::string_view spec_text,
                        ReplyHeader& reply) {
  ReapPreloadedChildren(/*kill_first=*/false);
  // What the workers of preloaded servers that were lost left running.
  EndChildrenBut(PreloadedChildren());
  int sockets[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0) {
    std::snprintf(reply.error, sizeof(reply.error), "socketpair: %s",
                  strerror(errno));
    return -1;
  }
  const pid_t server = getpid();
  const std::string spec(spec_text);
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    close(socket);
    close(sockets[0]);
    ServePreloaded(sockets[1], server, spec);
  }
  close(sockets[1]);
  if (pid < 0) {
    std::snprintf(reply.error, sizeof(reply.error),
                  "cannot fork a preloaded server: %s", strerror(errno));
    close(sockets[0]);
    return -1;
  }
  PreloadedChildren().push_back(pid);
  reply.preloaded_pid = pid;
  return sockets[0];
}

// Sends one message of `size` bytes at `data`, with descriptor `fd` as
// SCM_RIGHTS unless it is -1; false (errno set) if it could not.
bool SendMessage(int socket, const void* data, size_t size, int fd) {
  iovec iov{const_cast<void*>(data), size};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  if (fd >= 0) {
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
  }
  return sendmsg(socket, &msg, MSG_NOSIGNAL) >= 0;
}

// Receives one message into the `size` bytes at `data`; the descriptor it
// carries, if any, is `*fd` (else -1). recvmsg()'s result.
ssize_t ReceiveMessage(int socket, void* data, size_t size, int* fd) {
  iovec iov{data, size};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  ssize_t n;
  do {
    n = recvmsg(socket, &msg, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  *fd = -1;
  if (cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
      n > 0 && cmsg != nullptr && cmsg->cmsg_type == SCM_RIGHTS) {
    std::memcpy(fd, CMSG_DATA(cmsg), sizeof(*fd));
  }
  return n;
}

// Receives one request; returns false when the program has gone. A
// preloaded server's workers run its `preloaded` workload; a fork server
// (`preloaded` nullptr) also forks preloaded servers.
bool ServeOneRequest(int socket, Workload* preloaded) {
  std::vector<char> buffer(kMaxMessage);
  int batch_fd;
  const ssize_t n =
      ReceiveMessage(socket, buffer.data(), buffer.size(), &batch_fd);
  if (n <= 0) return false;

  ReplyHeader reply{};
  RequestHeader request{};
  if (static_cast<size_t>(n) >= sizeof(request)) {
    std::memcpy(&request, buffer.data(), sizeof(request));
  }
  const absl::string_view spec_text(buffer.data() + sizeof(request),
                                    std::max(request.spec_size, 0));
  if (request.kind == kPreload && preloaded == nullptr && batch_fd < 0 &&
      request.spec_size >= 0 &&
      static_cast<size_t>(n) == sizeof(request) + request.spec_size) {
    const int fd = ForkPreloadedServer(socket, spec_text, reply);
    const bool sent = SendMessage(socket, &reply, sizeof(reply), fd);
    if (fd >= 0) close(fd);
    return sent;
  }
  if (request.kind != kRunBatch || batch_fd < 0 || request.workers <= 0 ||
      request.first_worker < 0 || request.worker_stride <= 0 ||
      request.spec_size < 0 ||
      static_cast<size_t>(n) != sizeof(request) + request.spec_size) {
    std::snprintf(reply.error, sizeof(reply.error), "malformed request");
  } else {
    absl::StatusOr<SharedBatch> batch = SharedBatch::Map(batch_fd);
    if (!batch.ok()) {
      std::snprintf(reply.error, sizeof(reply.error), "%s",
                    std::string(batch.status().message()).c_str());
    } else if (batch->header().workers != request.workers) {
      std::snprintf(reply.error, sizeof(reply.error),
                    "the request and the batch differ in workers");
    } else {
      ServeBatch(socket, request, spec_text, *batch, preloaded);
    }
  }
  return send(socket, &reply, sizeof(reply), MSG_NOSIGNAL) >= 0;
}

[[noreturn]] void ServeForever(int socket, pid_t program) {
  BecomeServer(socket, program);
  while (ServeOneRequest(socket, /*preloaded=*/nullptr)) {
  }
  // The program has closed its ends of the preloaded servers' sockets too.
  ReapPreloadedChildren(/*kill_first=*/true);
  EndChildrenBut({});
  _exit(0);
}

// A process started by SpawnServer(): `serve` is kServeEnvironment's value.
[[noreturn]] void ServeAsReplacement(const std::string& serve) {
  unsetenv(kServeEnvironment);  // its workers are not servers
  const std::vector<std::string> fields = absl::StrSplit(serve, ' ');
  int socket;
  pid_t program;
  if (fields.size() != 3 || !absl::SimpleAtoi(fields[0], &socket) ||
      !absl::SimpleAtoi(fields[1], &program) ||
      !AdoptWallClockCalibration(fields[2])) {
    std::fprintf(stderr, "execbench: bad %s: '%s'\n", kServeEnvironment,
                 serve.c_str());
    _exit(1);
  }
  ServeForever(socket, program);
}

// Forks one server, which keeps `sockets[1]`; the program keeps `sockets[0]`.
absl::StatusOr<ForkServer> ForkOneServer() {
  int sockets[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0) {
    return absl::InternalError(
        absl::StrCat("socketpair for the fork server: ", strerror(errno)));
  }
  const pid_t program = getpid();
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    close(sockets[0]);
    close(sockets[1]);
    return absl::InternalError(
        absl::StrCat("cannot fork the fork server: ", strerror(errno)));
  }
  if (pid == 0) ServeForever(sockets[1], program);
  close(sockets[1]);
  return ForkServer{.pid = pid, .socket = sockets[0]};
}

// Starts a server that replaces a lost one: this program again, by exec,
// which serves from the top of main() (StartForkServer()).
absl::StatusOr<ForkServer> SpawnServer() {
  int sockets[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0) {
    return absl::InternalError(
        absl::StrCat("socketpair for a fork server: ", strerror(errno)));
  }
  std::vector<std::string> environment;
  for (char** variable = environ; *variable != nullptr; ++variable) {
    environment.push_back(*variable);
  }
  environment.push_back(absl::StrCat(kServeEnvironment, "=", sockets[1], " ",
                                     getpid(), " ", WallClockCalibration()));
  std::vector<char*> envp;
  for (std::string& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  char name[] = "execbench-fork-server";
  char* argv[] = {name, nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // Onto itself: the server's end stays open across exec.
  posix_spawn_file_actions_adddup2(&actions, sockets[1], sockets[1]);
  pid_t pid = 0;
  const int error =
      posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(sockets[1]);
  if (error != 0) {
    close(sockets[0]);
    return absl::InternalError(absl::StrCat(
        "cannot start a fork server to replace a lost one: ", strerror(error)));
  }
  return ForkServer{.pid = pid, .socket = sockets[0]};
}

// What waitid() tells of fork server `pid` without reaping it.
enum class ServerState {
  kRunning,
  kEnded,
  // No longer this process's child: other code of the process reaped it (a
  // wait for any child does), and its pid may be another process's by now.
  kReapedElsewhere,
};

ServerState StateOf(pid_t pid) {
  siginfo_t info{};
  if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return errno == ECHILD ? ServerState::kReapedElsewhere
                           : ServerState::kRunning;
  }
  return info.si_pid == pid ? ServerState::kEnded : ServerState::kRunning;
}

// Reaps lost `server` (killing it first if `kill_first`: it is stopped or
// does not answer) and marks it for replacement; returns what happened to
// it, "was killed by signal 9 (Killed)".
std::string DropServer(ForkServer& server, bool kill_first) {
  std::string how;
  if (!server.preloaded &&
      StateOf(server.pid) == ServerState::kReapedElsewhere) {
    how = "was reaped by other code of this process";
  } else {
    if (kill_first) kill(server.pid, SIGKILL);
    // A preloaded server is its fork server's to reap.
    how = server.preloaded ? std::string(kill_first ? "was killed" : "ended")
                           : DescribeStatus(ReapChild(server.pid));
  }
  close(server.socket);
  server = {.pid = 0, .socket = -1, .preloaded = server.preloaded};
  return how;
}

// Workers of lost `server`'s share of `batch` die with it (PR_SET_PDEATHSIG)
// and are reaped by init, leaving what they registered.
void ForgetWorkersOf(const SharedBatch& batch, const RequestHeader& request) {
  for (int w = request.first_worker; w < request.workers;
       w += request.worker_stride) {
    if (const pid_t pid = batch.worker(w).pid; pid != 0) {
      RemoveOpenMpRegistration(pid);
    }
  }
}

// Replaces every server that was lost, in a batch or since the last one
// (ended, reaped elsewhere, or stopped).
absl::Status ReplaceLostServers(std::vector<ForkServer>& servers) {
  for (ForkServer& server : servers) {
    if (server.pid != 0 && StateOf(server.pid) != ServerState::kRunning) {
      DropServer(server, /*kill_first=*/false);
    } else if (server.pid != 0 && ProcessStopped(server.pid)) {
      DropServer(server, /*kill_first=*/true);
    }
    if (server.pid == 0) {
      absl::StatusOr<ForkServer> replacement = SpawnServer();
      if (!replacement.ok()) return replacement.status();
      server = *replacement;
    }
  }
  return absl::OkStatus();
}

// "the fork server (pid 123)", "the preloaded fork server (pid 123)".
std::string ServerName(const ForkServer& server) {
  return absl::StrCat(
      server.preloaded ? "the preloaded fork server" : "the fork server",
      " (pid ", server.pid, ")");
}

// Sends `request` and the spec to `server`, with the batch's descriptor (-1:
// none).
absl::Status SendRequest(ForkServer& server, const RequestHeader& request,
                         absl::string_view spec_text, int batch_fd) {
  std::string message(reinterpret_cast<const char*>(&request), sizeof(request));
  message.append(spec_text.data(), spec_text.size());
  if (!SendMessage(server.socket, message.data(), message.size(), batch_fd)) {
    const int error = errno;
    // Named before DropServer forgets its pid.
    const std::string who = ServerName(server);
    const std::string how = DropServer(server, /*kill_first=*/true);
    return absl::InternalError(
        absl::StrCat(who, " is gone: ", strerror(error), "; it ", how));
  }
  return absl::OkStatus();
}

// Waits for `server`'s reply until `deadline_ns`; the descriptor it carries,
// if any, goes to `fd` (or is closed without one). A server that stops
// answering, is stopped or dies is dropped, with an error saying which.
absl::Status AwaitReply(ForkServer& server, int64_t deadline_ns,
                        ReplyHeader* reply_out = nullptr, int* fd = nullptr) {
  const pid_t pid = server.pid;
  const std::string who = ServerName(server);
  for (;;) {
    pollfd ready{.fd = server.socket, .events = POLLIN};
    const int64_t left_ms = (deadline_ns - MonotonicNs()) / 1'000'000;
    const int polled =
        poll(&ready, 1,
             static_cast<int>(std::clamp<int64_t>(left_ms, 0, kServerCheckMs)));
    if (polled < 0 && errno == EINTR) continue;
    if (polled > 0) {
      ReplyHeader reply;
      int received;
      const ssize_t n =
          ReceiveMessage(server.socket, &reply, sizeof(reply), &received);
      if (fd != nullptr) {
        *fd = received;
      } else if (received >= 0) {
        close(received);
      }
      if (n != sizeof(reply)) {
        return absl::InternalError(
            absl::StrCat(who, " ", DropServer(server, /*kill_first=*/n > 0),
                         " during the batch"));
      }
      reply.error[sizeof(reply.error) - 1] = '\0';
      if (reply_out != nullptr) *reply_out = reply;
      if (reply.error[0] == '\0') return absl::OkStatus();
      return absl::InternalError(
          absl::StrCat(who, " could not run the batch: ", reply.error));
    }
    if (ProcessStopped(pid)) {
      DropServer(server, /*kill_first=*/true);
      return absl::AbortedError(
          absl::StrCat(who, " was stopped during the batch, and was killed"));
    }
    if (left_ms <= 0) {
      DropServer(server, /*kill_first=*/true);
      return absl::DeadlineExceededError(
          absl::StrCat(who, " did not answer within the batch timeout and ",
                       kReplyGraceNs / 1'000'000'000, " s, and was killed"));
    }
  }
}

// Whether preloaded `server` has ended (its socket's other end is closed)
// or was stopped.
bool PreloadedServerLost(const ForkServer& server) {
  if (server.pid == 0) return true;
  pollfd peer{.fd = server.socket, .events = POLLIN};
  return poll(&peer, 1, 0) != 0 || ProcessStopped(server.pid);
}

// Kills and closes preloaded `servers` (their fork servers reap them).
void DropPreloadedServers(std::vector<ForkServer>& servers) {
  for (ForkServer& server : servers) {
    if (server.pid != 0) DropServer(server, /*kill_first=*/true);
  }
  servers.clear();
}

// Has every fork server fork a preloaded server for `spec_text` and waits
// until each has preloaded it, at most until `deadline_ns`.
absl::Status ForkPreloadedServers(std::vector<ForkServer>& servers,
                                  absl::string_view spec_text,
                                  int64_t deadline_ns,
                                  std::vector<ForkServer>& preloaded) {
  const RequestHeader request{
      .kind = kPreload, .spec_size = static_cast<int32_t>(spec_text.size())};
  for (ForkServer& server : servers) {
    if (absl::Status sent = SendRequest(server, request, spec_text, -1);
        !sent.ok()) {
      return sent;
    }
    ReplyHeader reply{};
    int fd = -1;
    absl::Status replied = AwaitReply(server, deadline_ns, &reply, &fd);
    if (replied.ok() && fd < 0) {
      replied = absl::InternalError(absl::StrCat(
          ServerName(server), " sent no socket for the preloaded server"));
    }
    if (!replied.ok()) return replied;
    preloaded.push_back(
        {.pid = reply.preloaded_pid, .socket = fd, .preloaded = true});
  }
  // They preload at once, then say whether they could.
  for (ForkServer& server : preloaded) {
    ReplyHeader ready{};
    if (absl::Status status = AwaitReply(server, deadline_ns, &ready);
        !status.ok()) {
      // Why it could not preload, if it said.
      return ready.error[0] != '\0' ? absl::FailedPreconditionError(ready.error)
                                    : status;
    }
  }
  return absl::OkStatus();
}

// Whether the servers can take requests for `spec_text`.
absl::Status CheckUsable(const ServerConnection& connection,
                         absl::string_view spec_text)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(connection.mutex) {
  if (sizeof(RequestHeader) + spec_text.size() > kMaxMessage) {
    return absl::InvalidArgumentError(
        "workload spec too long for a process pool");
  }
  if (connection.servers.empty()) {
    return absl::FailedPreconditionError(
        "process pools need the fork server: call StartForkServer() at the "
        "top of main(), before any thread starts");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PreloadForkServers(absl::string_view spec_text,
                                absl::Duration timeout) {
  ServerConnection& connection = Connection();
  absl::MutexLock lock(&connection.mutex);
  if (absl::Status usable = CheckUsable(connection, spec_text); !usable.ok()) {
    return usable;
  }
  std::vector<ForkServer>& preloaded =
      connection.preloaded[std::string(spec_text)];
  if (!preloaded.empty() &&
      std::none_of(preloaded.begin(), preloaded.end(), PreloadedServerLost)) {
    return absl::OkStatus();
  }
  DropPreloadedServers(preloaded);
  if (absl::Status replaced = ReplaceLostServers(connection.servers);
      !replaced.ok()) {
    return replaced;
  }
  const absl::Status status = ForkPreloadedServers(
      connection.servers, spec_text,
      MonotonicNs() + absl::ToInt64Nanoseconds(timeout), preloaded);
  if (status.ok()) return status;
  DropPreloadedServers(preloaded);
  connection.preloaded.erase(std::string(spec_text));
  const std::string name(spec_text.substr(0, spec_text.find('\n')));
  return absl::Status(status.code(), absl::StrCat("cannot preload ", name, ": ",
                                                  status.message()));
}

absl::Status StartForkServer(int servers) {
  if (const char* serve = std::getenv(kServeEnvironment)) {
    ServeAsReplacement(serve);
  }
  ServerConnection& connection = Connection();
  absl::MutexLock lock(&connection.mutex);
  if (!connection.servers.empty()) {
    return absl::FailedPreconditionError("the fork server is already running");
  }
  servers = std::max(servers, 1);
  for (int i = 0; i < servers; ++i) {
    absl::StatusOr<ForkServer> server = ForkOneServer();
    if (!server.ok()) {
      if (i > 0) break;  // fewer servers only start pools more slowly
      return server.status();
    }
    connection.servers.push_back(*server);
  }
  // Whatever way the program exits (return from main(), exit() after a bad
  // flag), the servers go with it and are reaped.
  std::atexit([] { StopForkServer(); });
  return absl::OkStatus();
}

void StopForkServer() {
  ServerConnection& connection = Connection();
  absl::MutexLock lock(&connection.mutex);
  // Their fork servers kill and reap any that has not ended on this EOF.
  for (auto& [spec, preloaded] : connection.preloaded) {
    for (const ForkServer& server : preloaded) {
      if (server.pid != 0) close(server.socket);
    }
  }
  connection.preloaded.clear();
  for (const ForkServer& server : connection.servers) {
    if (server.pid != 0) close(server.socket);  // it exits on reading EOF
  }
  // One that cannot read it (stopped) is killed, so that exit never waits.
  const int64_t deadline = MonotonicNs() + kExitGraceNs;
  for (const ForkServer& server : connection.servers) {
    if (server.pid == 0) continue;
    siginfo_t info{};
    while (waitid(P_PID, server.pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == 0 && MonotonicNs() < deadline) {
      absl::SleepFor(absl::Milliseconds(1));
    }
    if (info.si_pid == 0) kill(server.pid, SIGKILL);
    ReapChild(server.pid);
  }
  connection.servers.clear();
}

std::vector<pid_t> ForkServerPids() {
  ServerConnection& connection = Connection();
  absl::MutexLock lock(&connection.mutex);
  std::vector<pid_t> pids;
  for (const ForkServer& server : connection.servers) {
    if (server.pid != 0) pids.push_back(server.pid);
  }
  return pids;
}

std::vector<pid_t> PreloadedForkServerPids() {
  ServerConnection& connection = Connection();
  absl::MutexLock lock(&connection.mutex);
  std::vector<pid_t> pids;
  for (const auto& [spec, servers] : connection.preloaded) {
    for (const ForkServer& server : servers) {
      if (server.pid != 0) pids.push_back(server.pid);
    }
  }
  return pids;
}

absl::Status RunPoolWorkers(const SharedBatch& batch,
                            absl::string_view spec_text, int workers,
                            absl::Duration timeout) {
  ServerConnection& connection = Connection();
  absl::MutexLock lock(&connection.mutex);
  if (absl::Status usable = CheckUsable(connection, spec_text); !usable.ok()) {
    return usable;
  }
  // The spec's preloaded servers, if PreloadForkServers() has started them.
  const auto preloaded = connection.preloaded.find(std::string(spec_text));
  std::vector<ForkServer>& servers = preloaded != connection.preloaded.end()
                                         ? preloaded->second
                                         : connection.servers;
  if (preloaded == connection.preloaded.end()) {
    if (absl::Status replaced = ReplaceLostServers(servers); !replaced.ok()) {
      return replaced;
    }
  } else if (std::any_of(servers.begin(), servers.end(), PreloadedServerLost)) {
    return absl::UnavailableError(
        "a preloaded fork server was lost: preload the workload again");
  }
  // Server i forks workers i, i + used, i + 2 used, ..., all servers at once.
  const int used =
      std::min(static_cast<int>(servers.size()), std::max(workers, 1));
  const int64_t timeout_ns = absl::ToInt64Nanoseconds(timeout);
  std::vector<RequestHeader> requests;
  absl::Status status;
  for (int i = 0; i < used && status.ok(); ++i) {
    const RequestHeader request{
        .kind = kRunBatch,
        .workers = workers,
        .spec_size = static_cast<int32_t>(spec_text.size()),
        .first_worker = i,
        .worker_stride = used,
        .timeout_ns = timeout_ns};
    status = SendRequest(servers[i], request, spec_text, batch.fd());
    if (status.ok()) requests.push_back(request);
  }
  // Every server that took a request replies once, even after a failure.
  const int64_t deadline = MonotonicNs() + timeout_ns + kReplyGraceNs;
  for (size_t i = 0; i < requests.size(); ++i) {
    absl::Status replied = AwaitReply(servers[i], deadline);
    if (!replied.ok()) {
      // The other servers' workers stop taking tasks.
      batch.ReportFailure(replied.message());
      ForgetWorkersOf(batch, requests[i]);
    }
    if (status.ok()) status = replied;
  }
  return status;
}

}  // namespace execbench
