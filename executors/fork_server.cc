// The fork server processes and the program's side of their sockets.
//
// Protocol, over a SOCK_SEQPACKET socket pair per server (one message per
// batch each way):
//   request: RequestHeader, then the workload spec text; the batch's memfd
//            travels as SCM_RIGHTS.
//   reply:   ReplyHeader, then one WorkerExit per worker of the batch, those
//            of the workers the server did not fork left empty.

#include "executors/fork_server.h"

#include <signal.h>
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
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "executors/pool_worker.h"
#include "executors/shared_batch.h"

namespace execbench {
namespace {

struct RequestHeader {
  int32_t workers;  // of the whole batch
  int32_t spec_size;
  // The server forks workers first_worker, first_worker + worker_stride, ...
  int32_t first_worker;
  int32_t worker_stride;
};

struct ReplyHeader {
  int32_t workers;  // -1: the server could not take the batch; see `error`
  char error[256];
};

constexpr size_t kMaxMessage = 1 << 16;

struct ForkServer {
  pid_t pid;
  int socket;
};

struct ServerConnection {
  absl::Mutex mutex;
  std::vector<ForkServer> servers ABSL_GUARDED_BY(mutex);
};

ServerConnection& Connection() {
  static auto* connection = new ServerConnection();
  return *connection;
}

int64_t CpuNs(const rusage& usage) {
  return (int64_t{usage.ru_utime.tv_sec} + usage.ru_stime.tv_sec) *
             1'000'000'000 +
         (int64_t{usage.ru_utime.tv_usec} + usage.ru_stime.tv_usec) * 1'000;
}

// Says how worker `worker` ended, or "" if it ended normally.
std::string DescribeAbnormalExit(const SharedBatch& batch, int worker,
                                 pid_t pid, int status) {
  const int task = batch.worker(worker).current_task.load();
  const std::string running =
      task >= 0 ? absl::StrCat(" while running task ", task) : "";
  const std::string who = absl::StrCat("worker ", worker, " (pid ", pid, ")");
  if (WIFSIGNALED(status)) {
    return absl::StrCat(who, " was killed by signal ", WTERMSIG(status), " (",
                        strsignal(WTERMSIG(status)), ")", running);
  }
  if (WIFEXITED(status) && (WEXITSTATUS(status) != 0 || task >= 0)) {
    return absl::StrCat(who, " exited with code ", WEXITSTATUS(status),
                        running);
  }
  return "";
}

// Forks and reaps the workers of one batch that `request` gives this server;
// fills their `exits`.
void ServeBatch(int socket, const RequestHeader& request,
                absl::string_view spec_text, const SharedBatch& batch,
                std::vector<WorkerExit>& exits) {
  const pid_t server = getpid();
  int running = 0;
  for (size_t w = request.first_worker; w < exits.size();
       w += request.worker_stride) {
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
      close(socket);
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != server) _exit(1);
      _exit(RunPoolWorker(spec_text, batch, static_cast<int>(w)));
    }
    if (pid < 0) {
      batch.ReportFailure(
          absl::StrCat("cannot fork worker ", w, ": ", std::strerror(errno)));
      break;
    }
    exits[w].pid = pid;
    ++running;
  }
  while (running > 0) {
    int status = 0;
    rusage usage{};
    const pid_t pid = wait4(-1, &status, 0, &usage);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (size_t w = 0; w < exits.size(); ++w) {
      if (exits[w].pid != pid) continue;
      exits[w].wait_status = status;
      exits[w].cpu_ns = CpuNs(usage);
      exits[w].involuntary_switches = usage.ru_nivcsw;
      if (std::string failure =
              DescribeAbnormalExit(batch, static_cast<int>(w), pid, status);
          !failure.empty()) {
        batch.ReportFailure(failure);
      }
      --running;
    }
  }
}

// Receives one request; returns false when the program has gone.
bool ServeOneRequest(int socket) {
  std::vector<char> buffer(kMaxMessage);
  iovec iov{buffer.data(), buffer.size()};
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
  if (n <= 0) return false;

  ReplyHeader reply{};
  std::vector<WorkerExit> exits;
  cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
  RequestHeader request{};
  if (static_cast<size_t>(n) >= sizeof(request)) {
    std::memcpy(&request, buffer.data(), sizeof(request));
  }
  if (cmsg == nullptr || cmsg->cmsg_type != SCM_RIGHTS ||
      request.workers <= 0 || request.first_worker < 0 ||
      request.worker_stride <= 0 ||
      static_cast<size_t>(n) != sizeof(request) + request.spec_size) {
    reply.workers = -1;
    std::snprintf(reply.error, sizeof(reply.error), "malformed request");
  } else {
    int fd;
    std::memcpy(&fd, CMSG_DATA(cmsg), sizeof(fd));
    absl::StatusOr<SharedBatch> batch = SharedBatch::Map(fd);
    if (!batch.ok()) {
      reply.workers = -1;
      std::snprintf(reply.error, sizeof(reply.error), "%s",
                    std::string(batch.status().message()).c_str());
    } else {
      exits.resize(request.workers);
      ServeBatch(
          socket, request,
          absl::string_view(buffer.data() + sizeof(request), request.spec_size),
          *batch, exits);
      reply.workers = request.workers;
    }
  }
  std::string out(reinterpret_cast<const char*>(&reply), sizeof(reply));
  out.append(reinterpret_cast<const char*>(exits.data()),
             exits.size() * sizeof(WorkerExit));
  return send(socket, out.data(), out.size(), MSG_NOSIGNAL) >= 0;
}

[[noreturn]] void ServeForever(int socket, pid_t program) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != program) _exit(0);
  // Workers inherit the server's descriptors: keep only stdio and the socket.
  close_range(3, socket - 1, 0);
  close_range(socket + 1, ~0U, 0);
  while (ServeOneRequest(socket)) {
  }
  _exit(0);
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

// Sends `request` and the spec to `server`, with the batch's descriptor.
absl::Status SendRequest(const ForkServer& server, const RequestHeader& request,
                         absl::string_view spec_text, int batch_fd) {
  std::string message(reinterpret_cast<const char*>(&request), sizeof(request));
  message.append(spec_text.data(), spec_text.size());
  iovec iov{message.data(), message.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
  cmsg->cmsg_level = SOL_SOCKET;
  cmsg->cmsg_type = SCM_RIGHTS;
  cmsg->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(cmsg), &batch_fd, sizeof(int));
  if (sendmsg(server.socket, &msg, MSG_NOSIGNAL) < 0) {
    return absl::InternalError(absl::StrCat("the fork server (pid ", server.pid,
                                            ") is gone: ", strerror(errno)));
  }
  return absl::OkStatus();
}

// Receives `server`'s reply to a request of a batch of `workers` and copies
// the exits of the workers it forked, those of `request`, into `exits`.
absl::Status ReceiveReply(const ForkServer& server,
                          const RequestHeader& request,
                          std::vector<WorkerExit>& exits) {
  const int workers = static_cast<int>(exits.size());
  std::vector<char> reply(sizeof(ReplyHeader) + workers * sizeof(WorkerExit));
  ssize_t n;
  do {
    n = recv(server.socket, reply.data(), reply.size(), 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    return absl::InternalError(
        absl::StrCat("the fork server (pid ", server.pid,
                     ") exited during a batch; was it killed?"));
  }
  ReplyHeader header;
  std::memcpy(&header, reply.data(), sizeof(header));
  if (header.workers != workers || static_cast<size_t>(n) != reply.size()) {
    return absl::InternalError(absl::StrCat(
        "the fork server could not run the batch: ",
        header.workers < 0 ? header.error : "reply of the wrong size"));
  }
  for (int w = request.first_worker; w < workers; w += request.worker_stride) {
    std::memcpy(&exits[w],
                reply.data() + sizeof(header) + w * sizeof(WorkerExit),
                sizeof(WorkerExit));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status StartForkServer(int servers) {
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
  for (const ForkServer& server : connection.servers) {
    close(server.socket);  // the server exits when its end reads EOF
  }
  for (const ForkServer& server : connection.servers) {
    while (waitpid(server.pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  connection.servers.clear();
}

std::vector<pid_t> ForkServerPids() {
  ServerConnection& connection = Connection();
  absl::MutexLock lock(&connection.mutex);
  std::vector<pid_t> pids;
  for (const ForkServer& server : connection.servers) {
    pids.push_back(server.pid);
  }
  return pids;
}

absl::StatusOr<std::vector<WorkerExit>> RunPoolWorkers(
    int batch_fd, absl::string_view spec_text, int workers) {
  if (sizeof(RequestHeader) + spec_text.size() > kMaxMessage) {
    return absl::InvalidArgumentError(
        "workload spec too long for a process pool");
  }
  ServerConnection& connection = Connection();
  absl::MutexLock lock(&connection.mutex);
  if (connection.servers.empty()) {
    return absl::FailedPreconditionError(
        "process pools need the fork server: call StartForkServer() at the "
        "top of main(), before any thread starts");
  }
  // Server i forks workers i, i + used, i + 2 used, ..., all servers at once.
  const int used = std::min(static_cast<int>(connection.servers.size()),
                            std::max(workers, 1));
  std::vector<RequestHeader> requests;
  absl::Status status;
  for (int i = 0; i < used && status.ok(); ++i) {
    const RequestHeader request{
        .workers = workers,
        .spec_size = static_cast<int32_t>(spec_text.size()),
        .first_worker = i,
        .worker_stride = used};
    status = SendRequest(connection.servers[i], request, spec_text, batch_fd);
    if (status.ok()) requests.push_back(request);
  }
  // Every server that took a request replies once, even after a failure.
  std::vector<WorkerExit> exits(workers);
  for (size_t i = 0; i < requests.size(); ++i) {
    absl::Status received =
        ReceiveReply(connection.servers[i], requests[i], exits);
    if (status.ok()) status = received;
  }
  if (!status.ok()) return status;
  return exits;
}

}  // namespace execbench
