// DelayedHttpServer on libmicrohttpd: one epoll thread serves every
// connection, and a timer thread resumes each delayed request when it is due.

#include "workloads/http/delayed_http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace execbench {
namespace {

constexpr char kHost[] = "127.0.0.1";
constexpr char kTaskPath[] = "/task/";
// How long Stop() waits for the 503s of requests it cut short to leave.
constexpr absl::Duration kStopGrace = absl::Seconds(1);

// Bodies are handed to libmicrohttpd in blocks, which it sends in turn with
// the other answers' blocks, so that an answer that falls due goes out
// without waiting for whole bodies of others. Each answer allocates one
// block. With few answers in flight, large blocks move the bodies with fewer
// sends; with many, small ones keep a turn over all of them short. The
// block is the share of kBlockBytesPerTurn of each answer in flight, within
// these bounds. Measured with ApiServer (256 clients) and the Api workload
// (8 workers), 256 KiB bodies, on 2 cores: 64 KiB blocks for every answer
// put ApiServer's first bytes at 1.22-1.32 of the delay, 16 KiB blocks for
// every answer slowed Api/*/workers:8 by 3-6%.
constexpr size_t kMinBlockBytes = 16 * 1024;
constexpr size_t kMaxBlockBytes = 64 * 1024;
constexpr size_t kBlockBytesPerTurn = 1024 * 1024;

// The body of one answer: its task line over the shared filler.
struct TaskBody {
  std::string task_line;
  const std::string& filler;
};

// Marks a request whose connection is, or was, suspended for its delay.
char waiting_out_delay;

// Every body but its task line: the alphabet, repeated.
std::string Filler(int64_t body_bytes) {
  std::string filler(static_cast<size_t>(body_bytes), '\0');
  for (size_t i = 0; i < filler.size(); ++i) {
    filler[i] = static_cast<char>('a' + i % 26);
  }
  return filler;
}

// The block in which a body of `body_bytes` is handed over while
// `answers_in_flight` share the server. Never larger than the body, since a
// burst of small answers would otherwise allocate and clear whole blocks for
// nothing.
size_t BlockBytes(size_t body_bytes, int answers_in_flight) {
  const size_t share =
      kBlockBytesPerTurn / static_cast<size_t>(std::max(answers_in_flight, 1));
  return std::min(std::max<size_t>(body_bytes, 1),
                  std::clamp(share, kMinBlockBytes, kMaxBlockBytes));
}

MHD_Response* EmptyResponse() {
  return MHD_create_response_from_buffer(0, nullptr, MHD_RESPMEM_PERSISTENT);
}

// The index of the task that `method` `url` asks for: GET /task/<index>.
std::optional<int64_t> TaskOf(absl::string_view url, const char* method) {
  int64_t task;
  if (std::strcmp(method, MHD_HTTP_METHOD_GET) != 0 ||
      !absl::ConsumePrefix(&url, kTaskPath) || !absl::SimpleAtoi(url, &task) ||
      task < 0) {
    return std::nullopt;
  }
  return task;
}

bool Queue(MHD_Connection* connection, unsigned int status,
           MHD_Response* response) {
  return MHD_queue_response(connection, status, response) == MHD_YES;
}

}  // namespace

struct MhdCallbacks {
  static MHD_Result HandleRequest(void* server, MHD_Connection* connection,
                                  const char* url, const char* method,
                                  const char* /*version*/,
                                  const char* /*upload_data*/,
                                  size_t* /*upload_data_size*/,
                                  void** request_state) {
    return static_cast<DelayedHttpServer*>(server)->HandleRequest(
               connection, url, method, request_state)
               ? MHD_YES
               : MHD_NO;
  }

  static void RequestCompleted(void* server, MHD_Connection* /*connection*/,
                               void** /*request_state*/,
                               MHD_RequestTerminationCode /*code*/) {
    static_cast<DelayedHttpServer*>(server)->RequestCompleted();
  }

  // Copies the bytes of `body` from `offset` on into `buffer`.
  static ssize_t ReadBody(void* body, uint64_t offset, char* buffer,
                          size_t capacity) {
    const TaskBody& task_body = *static_cast<const TaskBody*>(body);
    const size_t size = std::min(capacity, task_body.filler.size() - offset);
    std::memcpy(buffer, task_body.filler.data() + offset, size);
    if (offset < task_body.task_line.size()) {
      std::memcpy(buffer, task_body.task_line.data() + offset,
                  std::min(size, task_body.task_line.size() - offset));
    }
    return static_cast<ssize_t>(size);
  }

  static void FreeBody(void* body) { delete static_cast<TaskBody*>(body); }
};

DelayedHttpServer::DelayedHttpServer(const Options& options)
    : options_(options),
      filler_(Filler(options.body_bytes)),
      not_found_(EmptyResponse()),
      unavailable_(EmptyResponse()) {}

absl::StatusOr<std::unique_ptr<DelayedHttpServer>> DelayedHttpServer::Start(
    const Options& options) {
  if (options.delay < absl::ZeroDuration() || options.body_bytes < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "HTTP server: bad options (delay ", absl::FormatDuration(options.delay),
        ", body_bytes ", options.body_bytes, ")"));
  }
  std::unique_ptr<DelayedHttpServer> self(new DelayedHttpServer(options));
  if (self->not_found_ == nullptr || self->unavailable_ == nullptr) {
    return absl::ResourceExhaustedError("HTTP server: out of memory");
  }
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_port = 0;  // ephemeral
  inet_pton(AF_INET, kHost, &address.sin_addr);
  errno = 0;
  self->daemon_ = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
          MHD_ALLOW_SUSPEND_RESUME,
      /*port=*/0, /*apc=*/nullptr, /*apc_cls=*/nullptr,
      &MhdCallbacks::HandleRequest, self.get(), MHD_OPTION_SOCK_ADDR,
      reinterpret_cast<sockaddr*>(&address),
      // A burst of connections queues in the kernel until accepted.
      MHD_OPTION_LISTEN_BACKLOG_SIZE, static_cast<unsigned int>(SOMAXCONN),
      MHD_OPTION_NOTIFY_COMPLETED, &MhdCallbacks::RequestCompleted, self.get(),
      MHD_OPTION_END);
  if (self->daemon_ == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("HTTP server: cannot listen on ", kHost, ": ",
                     errno != 0 ? std::strerror(errno) : "libmicrohttpd failed",
                     " (check that 127.0.0.1 exists and descriptors remain)"));
  }
  self->port_ =
      MHD_get_daemon_info(self->daemon_, MHD_DAEMON_INFO_BIND_PORT)->port;
  self->timer_ =
      std::thread([self = self.get()] { self->ResumeDelayedRequests(); });
  return self;
}

DelayedHttpServer::~DelayedHttpServer() {
  Stop();
  if (not_found_ != nullptr) MHD_destroy_response(not_found_);
  if (unavailable_ != nullptr) MHD_destroy_response(unavailable_);
}

void DelayedHttpServer::Stop() {
  if (daemon_ == nullptr) return;
  const MHD_socket listener = MHD_quiesce_daemon(daemon_);
  std::deque<DelayedRequest> cut_short;
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
    cut_short.swap(delayed_);
  }
  for (const DelayedRequest& request : cut_short) {
    MHD_resume_connection(request.connection);
  }
  timer_.join();
  {
    absl::MutexLock lock(&mutex_);
    mutex_.AwaitWithTimeout(
        absl::Condition(
            +[](int* unanswered) { return *unanswered == 0; }, &unanswered_),
        kStopGrace);
  }
  MHD_stop_daemon(daemon_);
  daemon_ = nullptr;
  if (listener != MHD_INVALID_SOCKET) close(listener);
}

bool DelayedHttpServer::HandleRequest(MHD_Connection* connection,
                                      const char* url, const char* method,
                                      void** request_state) {
  const std::optional<int64_t> task = TaskOf(url, method);
  bool stopping;
  int answers_in_flight;
  {
    absl::MutexLock lock(&mutex_);
    stopping = stopping_;
    answers_in_flight = unanswered_;
    if (*request_state == nullptr) {  // a new request
      ++unanswered_;
      if (task.has_value() && !stopping &&
          options_.delay > absl::ZeroDuration()) {
        *request_state = &waiting_out_delay;
        // Suspended before it is queued, so never resumed before it is.
        MHD_suspend_connection(connection);
        delayed_.push_back({absl::Now() + options_.delay, connection});
        return true;
      }
    }
  }
  if (!task.has_value()) return Queue(connection, 404, not_found_);
  if (stopping) return Queue(connection, 503, unavailable_);
  return AnswerTask(connection, *task, answers_in_flight);
}

void DelayedHttpServer::RequestCompleted() {
  absl::MutexLock lock(&mutex_);
  --unanswered_;
}

bool DelayedHttpServer::AnswerTask(MHD_Connection* connection, int64_t task,
                                   int answers_in_flight) const {
  auto* body = new TaskBody{.task_line = absl::StrCat("task ", task, "\n"),
                            .filler = filler_};
  // A callback copies each block, where an iovec response would point at the
  // filler; but libmicrohttpd 0.9.75 stalled iovec bodies mid-transfer when
  // the socket's send buffer was small (16 KiB, 256 clients).
  MHD_Response* response = MHD_create_response_from_callback(
      filler_.size(), BlockBytes(filler_.size(), answers_in_flight),
      &MhdCallbacks::ReadBody, body, &MhdCallbacks::FreeBody);
  if (response == nullptr) {
    delete body;
    return false;
  }
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE,
                          "application/octet-stream");
  const bool queued = Queue(connection, 200, response);
  MHD_destroy_response(response);  // freed once sent
  return queued;
}

void DelayedHttpServer::ResumeDelayedRequests() {
  for (std::vector<MHD_Connection*> due = AwaitDueRequests(); !due.empty();
       due = AwaitDueRequests()) {
    // Resumed without the lock, which the request handler takes.
    for (MHD_Connection* connection : due) MHD_resume_connection(connection);
  }
}

std::vector<MHD_Connection*> DelayedHttpServer::AwaitDueRequests() {
  absl::MutexLock lock(&mutex_);
  while (!stopping_) {
    if (delayed_.empty()) {
      mutex_.Await(absl::Condition(
          +[](DelayedHttpServer* self) ABSL_NO_THREAD_SAFETY_ANALYSIS {
            return self->stopping_ || !self->delayed_.empty();
          },
          this));
    } else if (const absl::Time first_due = delayed_.front().due;
               first_due > absl::Now()) {
      mutex_.AwaitWithDeadline(absl::Condition(&stopping_), first_due);
    } else {
      std::vector<MHD_Connection*> due;
      const absl::Time now = absl::Now();
      while (!delayed_.empty() && delayed_.front().due <= now) {
        due.push_back(delayed_.front().connection);
        delayed_.pop_front();
      }
      return due;
    }
  }
  return {};
}

std::string DelayedHttpServer::base_url() const {
  return absl::StrCat("http://", kHost, ":", port_);
}

}  // namespace execbench
