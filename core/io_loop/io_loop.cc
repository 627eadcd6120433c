// IoLoop: curl's multi interface driven by socket actions from an epoll set,
// which also holds the io_uring's descriptor.

#include "core/io_loop/io_loop.h"

#include <liburing.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace execbench {

// What curl asked of the loop: which sockets to watch (in the epoll set) and
// when to call it back without socket activity.
struct IoLoop::CurlState {
  CURLM* multi;
  int epoll_fd;
  std::optional<absl::Time> timer;  // none: curl needs no callback
  std::string error;                // why the loop cannot go on, if it cannot
};

namespace {

// The longest epoll wait when curl has asked for no timer: a bound on how
// long a lost wake-up could stall the loop.
constexpr int kMaxWaitMs = 1000;
// Submission queue entries; SubmitIo() submits each operation at once, so a
// few suffice whatever the number of tasks in flight.
constexpr unsigned kRingEntries = 64;

using CurlState = IoLoop::CurlState;
using IoCallback = absl::AnyInvocable<void(int)>;

// curl's CURLMOPT_SOCKETFUNCTION: keeps `socket`'s entry in the epoll set as
// curl wants it. `socket_state` is non-null once the socket is in the set.
int WatchSocket(CURL*, curl_socket_t socket, int what, void* state_pointer,
                void* socket_state) {
  static char in_epoll_set;
  CurlState& state = *static_cast<CurlState*>(state_pointer);
  if (what == CURL_POLL_REMOVE) {
    // curl closes the socket after this call, which removes it from the set
    // as well; removing it here keeps the set exact in the meantime.
    epoll_ctl(state.epoll_fd, EPOLL_CTL_DEL, socket, nullptr);
    return 0;
  }
  epoll_event event = {};
  event.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) |
                 ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
  event.data.fd = socket;
  const int operation = socket_state == nullptr ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
  if (epoll_ctl(state.epoll_fd, operation, socket, &event) != 0) {
    state.error = absl::StrCat("cannot watch a socket: ", std::strerror(errno));
    return -1;
  }
  if (socket_state == nullptr) {
    const CURLMcode code =
        curl_multi_assign(state.multi, socket, &in_epoll_set);
    if (code != CURLM_OK) state.error = curl_multi_strerror(code);
  }
  return 0;
}

// curl's CURLMOPT_TIMERFUNCTION: when to call curl back (-1: never).
int SetTimer(CURLM*, long timeout_ms, void* state_pointer) {
  CurlState& state = *static_cast<CurlState*>(state_pointer);
  if (timeout_ms < 0) {
    state.timer.reset();
  } else {
    state.timer = absl::Now() + absl::Milliseconds(timeout_ms);
  }
  return 0;
}

// How long epoll may wait before curl's timer is due.
int WaitMs(const CurlState& state) {
  if (!state.timer.has_value()) return kMaxWaitMs;
  const int64_t until_timer = absl::ToInt64Milliseconds(
      absl::Ceil(*state.timer - absl::Now(), absl::Milliseconds(1)));
  return static_cast<int>(std::clamp<int64_t>(until_timer, 0, kMaxWaitMs));
}

}  // namespace

absl::StatusOr<std::unique_ptr<IoLoop>> IoLoop::Create(bool with_io_uring) {
  std::unique_ptr<IoLoop> loop(new IoLoop());
  loop->epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  if (loop->epoll_fd_ < 0) {
    return absl::ErrnoToStatus(errno, "cannot create an epoll set");
  }
  loop->multi_ = curl_multi_init();
  if (loop->multi_ == nullptr) {
    return absl::ResourceExhaustedError("cannot create a curl multi handle");
  }
  loop->curl_ = std::make_unique<CurlState>(
      CurlState{.multi = loop->multi_, .epoll_fd = loop->epoll_fd_});
  curl_multi_setopt(loop->multi_, CURLMOPT_SOCKETFUNCTION, &WatchSocket);
  curl_multi_setopt(loop->multi_, CURLMOPT_SOCKETDATA, loop->curl_.get());
  curl_multi_setopt(loop->multi_, CURLMOPT_TIMERFUNCTION, &SetTimer);
  curl_multi_setopt(loop->multi_, CURLMOPT_TIMERDATA, loop->curl_.get());
  if (with_io_uring) {
    auto ring = std::make_unique<io_uring>();
    if (int error = io_uring_queue_init(kRingEntries, ring.get(), 0);
        error < 0) {
      return absl::UnavailableError(
          absl::StrCat("io_uring is unavailable here: io_uring_queue_init: ",
                       std::strerror(-error)));
    }
    loop->ring_ = std::move(ring);
    epoll_event event = {};
    event.events = EPOLLIN;
    event.data.fd = loop->ring_->ring_fd;
    if (epoll_ctl(loop->epoll_fd_, EPOLL_CTL_ADD, loop->ring_->ring_fd,
                  &event) != 0) {
      return absl::ErrnoToStatus(errno, "cannot watch the io_uring");
    }
  }
  return loop;
}

IoLoop::~IoLoop() {
  // What is still in flight (after a failed Wait(), say) is cancelled while
  // curl and the ring are still there, and each of its callbacks runs once.
  cancelling_ = true;
  CancelTransfers();
  if (ring_ != nullptr) {
    CancelIo();
    io_uring_queue_exit(ring_.get());
  }
  if (multi_ != nullptr) curl_multi_cleanup(multi_);
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

void IoLoop::StartTransfer(CURL* transfer,
                           absl::AnyInvocable<void(CURLcode)> done) {
  if (cancelling_) {
    done(kCancelledTransfer);
    return;
  }
  if (curl_multi_add_handle(multi_, transfer) != CURLM_OK) {
    done(CURLE_FAILED_INIT);
    return;
  }
  transfers_[transfer] = std::move(done);
  ++pending_;
}

void IoLoop::SubmitIo(absl::FunctionRef<void(io_uring_sqe*)> prepare,
                      absl::AnyInvocable<void(int)> done) {
  if (ring_ == nullptr) {
    done(-EOPNOTSUPP);
    return;
  }
  if (cancelling_) {
    done(kCancelledIo);
    return;
  }
  io_uring_sqe* entry = FreeEntry();
  if (entry == nullptr) {
    done(-EBUSY);
    return;
  }
  prepare(entry);
  io_uring_sqe_set_data(entry, new IoCallback(std::move(done)));
  ++pending_;
  // A refused submission stays queued; Wait() submits it again.
  io_uring_submit(ring_.get());
}

absl::Status IoLoop::Wait() {
  if (ring_ != nullptr && io_uring_sq_ready(ring_.get()) > 0) {
    io_uring_submit(ring_.get());
  }
  constexpr int kMaxEvents = 64;
  epoll_event events[kMaxEvents];
  const int ready = epoll_wait(epoll_fd_, events, kMaxEvents, WaitMs(*curl_));
  if (ready < 0 && errno != EINTR) {
    return absl::ErrnoToStatus(errno, "cannot wait for events");
  }
  for (int i = 0; i < ready && curl_->error.empty(); ++i) {
    if (ring_ != nullptr && events[i].data.fd == ring_->ring_fd) {
      CollectCompletions();
      continue;
    }
    DriveCurl(events[i].data.fd,
              ((events[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0) |
                  ((events[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
                  ((events[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR
                                                              : 0));
  }
  if (curl_->error.empty() && curl_->timer.has_value() &&
      absl::Now() >= *curl_->timer) {
    curl_->timer.reset();
    DriveCurl(CURL_SOCKET_TIMEOUT, 0);
  }
  CollectTransfers();
  return CurlError();
}

absl::Status IoLoop::CurlError() const {
  if (curl_->error.empty()) return absl::OkStatus();
  return absl::InternalError(curl_->error);
}

void IoLoop::DriveCurl(curl_socket_t socket, int what) {
  int running = 0;
  const CURLMcode code =
      curl_multi_socket_action(multi_, socket, what, &running);
  if (code != CURLM_OK) curl_->error = curl_multi_strerror(code);
}

void IoLoop::CollectTransfers() {
  int queued;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* transfer = message->easy_handle;
    const CURLcode result = message->data.result;
    curl_multi_remove_handle(multi_, transfer);
    auto it = transfers_.find(transfer);
    if (it == transfers_.end()) continue;
    absl::AnyInvocable<void(CURLcode)> done = std::move(it->second);
    transfers_.erase(it);
    --pending_;
    done(result);
  }
}

void IoLoop::CollectCompletions() {
  io_uring_cqe* completion;
  while (io_uring_peek_cqe(ring_.get(), &completion) == 0) {
    std::unique_ptr<IoCallback> done(
        static_cast<IoCallback*>(io_uring_cqe_get_data(completion)));
    const int result = completion->res;
    io_uring_cqe_seen(ring_.get(), completion);
    if (done == nullptr) continue;  // CancelIo()'s own request
    --pending_;
    (*done)(result);
  }
}

// A free submission queue entry, submitting what is queued to make room if
// need be; null if the kernel takes none of it.
io_uring_sqe* IoLoop::FreeEntry() {
  if (io_uring_sqe* entry = io_uring_get_sqe(ring_.get())) return entry;
  io_uring_submit(ring_.get());
  return io_uring_get_sqe(ring_.get());
}

// Takes every transfer out of curl and calls its callback with
// kCancelledTransfer; the callback may then free the easy handle.
void IoLoop::CancelTransfers() {
  for (auto& [transfer, done] : transfers_) {
    curl_multi_remove_handle(multi_, transfer);
    --pending_;
    done(kCancelledTransfer);
  }
  transfers_.clear();
}

// Cancels every operation in the ring and runs each one's callback once its
// completion arrives: -ECANCELED, or its result if it finished first. Once
// the transfers are cancelled, what is pending is in the ring.
void IoLoop::CancelIo() {
  bool cancel_queued = false;
  while (pending_ > 0) {
    if (!cancel_queued) {
      if (io_uring_sqe* cancel = FreeEntry()) {
        io_uring_prep_cancel(cancel, nullptr, IORING_ASYNC_CANCEL_ANY);
        io_uring_sqe_set_data(cancel, nullptr);
        cancel_queued = true;
      }
    }
    // Waiting before the cancellation is queued could wait for an
    // operation that never completes (a read from a silent pipe).
    io_uring_submit_and_wait(ring_.get(), cancel_queued ? 1 : 0);
    CollectCompletions();
  }
}

}  // namespace execbench
