// GetConcurrently(): every transfer added to one curl multi handle, driven by
// curl_multi_socket_action() from an epoll loop. Each wake-up costs only the
// sockets that are ready, not a pass over every transfer, so the client stays
// light with hundreds of transfers in flight.

#include "workloads/http/concurrent_gets.h"

#include <curl/curl.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace execbench {
namespace {

// The longest epoll wait when curl has asked for no timer: a bound on how
// long a lost wake-up could stall the loop.
constexpr int kMaxWaitMs = 1000;

struct Transfer {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl{curl_easy_init(),
                                                           &curl_easy_cleanup};
  char error[CURL_ERROR_SIZE];
  size_t received_bytes = 0;
  bool finished = false;
};

size_t CountBody(char*, size_t size, size_t count, void* received_bytes) {
  *static_cast<size_t*>(received_bytes) += size * count;
  return size * count;
}

// What curl asked of the loop: which sockets to watch (in the epoll set) and
// when to call it back without socket activity.
struct EventLoop {
  CURLM* multi;
  int epoll_fd;
  std::optional<absl::Time> timer;  // none: curl needs no callback
  std::string error;                // why the loop cannot go on, if it cannot
};

// curl's CURLMOPT_SOCKETFUNCTION: keeps `socket`'s entry in the epoll set as
// curl wants it. `socket_state` is non-null once the socket is in the set.
int WatchSocket(CURL*, curl_socket_t socket, int what, void* loop_pointer,
                void* socket_state) {
  static char in_epoll_set;
  EventLoop& loop = *static_cast<EventLoop*>(loop_pointer);
  if (what == CURL_POLL_REMOVE) {
    // curl closes the socket after this call, which removes it from the set
    // as well; removing it here keeps the set exact in the meantime.
    epoll_ctl(loop.epoll_fd, EPOLL_CTL_DEL, socket, nullptr);
    return 0;
  }
  epoll_event event = {};
  event.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) |
                 ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
  event.data.fd = socket;
  const int operation = socket_state == nullptr ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
  if (epoll_ctl(loop.epoll_fd, operation, socket, &event) != 0) {
    loop.error = absl::StrCat("cannot watch a socket: ", std::strerror(errno));
    return -1;
  }
  if (socket_state == nullptr) {
    const CURLMcode code = curl_multi_assign(loop.multi, socket, &in_epoll_set);
    if (code != CURLM_OK) loop.error = curl_multi_strerror(code);
  }
  return 0;
}

// curl's CURLMOPT_TIMERFUNCTION: when to call curl back (-1: never).
int SetTimer(CURLM*, long timeout_ms, void* loop_pointer) {
  EventLoop& loop = *static_cast<EventLoop*>(loop_pointer);
  if (timeout_ms < 0) {
    loop.timer.reset();
  } else {
    loop.timer = absl::Now() + absl::Milliseconds(timeout_ms);
  }
  return 0;
}

// How long epoll may wait before curl's timer is due.
int WaitMs(const EventLoop& loop) {
  if (!loop.timer.has_value()) return kMaxWaitMs;
  const int64_t until_timer = absl::ToInt64Milliseconds(
      absl::Ceil(*loop.timer - absl::Now(), absl::Milliseconds(1)));
  return static_cast<int>(std::clamp<int64_t>(until_timer, 0, kMaxWaitMs));
}

}  // namespace

std::vector<absl::StatusOr<CountedGet>> GetConcurrently(
    const std::vector<std::string>& urls, absl::Duration timeout) {
  std::vector<absl::StatusOr<CountedGet>> results;
  for (const std::string& url : urls) {
    results.push_back(absl::ResourceExhaustedError(
        absl::StrCat("GET ", url, ": cannot create a curl handle")));
  }
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(
      curl_multi_init(), &curl_multi_cleanup);
  if (multi == nullptr) return results;
  const int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) {
    for (size_t i = 0; i < urls.size(); ++i) {
      results[i] = absl::ResourceExhaustedError(
          absl::StrCat("GET ", urls[i],
                       ": cannot create an epoll set: ", std::strerror(errno)));
    }
    return results;
  }
  EventLoop loop = {.multi = multi.get(), .epoll_fd = epoll_fd};
  curl_multi_setopt(multi.get(), CURLMOPT_SOCKETFUNCTION, &WatchSocket);
  curl_multi_setopt(multi.get(), CURLMOPT_SOCKETDATA, &loop);
  curl_multi_setopt(multi.get(), CURLMOPT_TIMERFUNCTION, &SetTimer);
  curl_multi_setopt(multi.get(), CURLMOPT_TIMERDATA, &loop);

  std::vector<Transfer> transfers(urls.size());
  for (size_t i = 0; i < urls.size(); ++i) {
    CURL* curl = transfers[i].curl.get();
    if (curl == nullptr) continue;
    SetUpGet(curl, urls[i], timeout, transfers[i].error);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &CountBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfers[i].received_bytes);
    curl_easy_setopt(curl, CURLOPT_PRIVATE, &transfers[i]);
    curl_multi_add_handle(multi.get(), curl);
  }

  auto collect_finished = [&] {
    int queued;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* transfer;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
      transfer->finished = true;
      const size_t i = transfer - transfers.data();
      absl::StatusOr<HttpTiming> timing =
          CheckFinishedGet(message->easy_handle, message->data.result, urls[i],
                           transfer->error, transfer->received_bytes);
      if (timing.ok()) {
        results[i] = CountedGet{.body_bytes = transfer->received_bytes,
                                .timing = *timing};
      } else {
        results[i] = timing.status();
      }
    }
  };

  int running = 0;
  CURLMcode code =
      curl_multi_socket_action(multi.get(), CURL_SOCKET_TIMEOUT, 0, &running);
  constexpr int kMaxEvents = 64;
  epoll_event events[kMaxEvents];
  while (code == CURLM_OK && loop.error.empty() && running > 0) {
    collect_finished();
    const int ready = epoll_wait(epoll_fd, events, kMaxEvents, WaitMs(loop));
    if (ready < 0 && errno != EINTR) {
      loop.error =
          absl::StrCat("cannot wait for sockets: ", std::strerror(errno));
      break;
    }
    for (int i = 0; i < ready && code == CURLM_OK; ++i) {
      const int what =
          ((events[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0) |
          ((events[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
          ((events[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
      code = curl_multi_socket_action(multi.get(), events[i].data.fd, what,
                                      &running);
    }
    if (code == CURLM_OK && loop.timer.has_value() &&
        absl::Now() >= *loop.timer) {
      loop.timer.reset();
      code = curl_multi_socket_action(multi.get(), CURL_SOCKET_TIMEOUT, 0,
                                      &running);
    }
  }
  collect_finished();
  for (size_t i = 0; i < transfers.size(); ++i) {
    if (transfers[i].curl == nullptr) continue;
    curl_multi_remove_handle(multi.get(), transfers[i].curl.get());
    if (!transfers[i].finished) {
      results[i] = absl::InternalError(absl::StrCat(
          "GET ", urls[i], ": ",
          loop.error.empty() ? curl_multi_strerror(code) : loop.error));
    }
  }
  close(epoll_fd);
  return results;
}

}  // namespace execbench
