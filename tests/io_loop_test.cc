// Tests of IoLoop's teardown: a loop destroyed with io_uring operations or
// curl transfers in flight calls each of their callbacks exactly once, with
// the cancellation result unless the operation finished first, cancels at
// once what those callbacks start on it, and leaves no descriptor open.

#include "core/io_loop/io_loop.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <liburing.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"

namespace execbench {
namespace {

using ::testing::ElementsAre;

using EasyHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

EasyHandle NewEasyHandle(const std::string& url) {
  EasyHandle curl(curl_easy_init(), &curl_easy_cleanup);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  return curl;
}

// A TCP socket listening on an ephemeral port of 127.0.0.1 that never
// accepts: a server that never answers. -1 if it cannot be made.
int SilentListener(int& port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      listen(fd, 1) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  port = ntohs(address.sin_port);
  return fd;
}

// Whether curl has sent `transfer`'s request.
bool RequestSent(CURL* transfer) {
  long request_bytes = 0;
  curl_easy_getinfo(transfer, CURLINFO_REQUEST_SIZE, &request_bytes);
  return request_bytes > 0;
}

// Submits a read of `fd` into `buffer` on `loop`.
void SubmitRead(IoLoop& loop, int fd, std::vector<char>& buffer,
                absl::AnyInvocable<void(int)> done) {
  loop.SubmitIo(
      [&](io_uring_sqe* entry) {
        io_uring_prep_read(entry, fd, buffer.data(), buffer.size(), 0);
      },
      std::move(done));
}

class IoLoopTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
  }
  static void TearDownTestSuite() { curl_global_cleanup(); }

  // A loop with an io_uring; skips the test where the kernel refuses one.
  void SetUp() override {
    descriptors_before_loop_ = ListDirectory("/proc/self/fd");
    absl::StatusOr<std::unique_ptr<IoLoop>> made =
        IoLoop::Create(/*with_io_uring=*/true);
    if (absl::IsUnavailable(made.status())) GTEST_SKIP() << made.status();
    ASSERT_TRUE(made.ok()) << made.status();
    loop_ = *std::move(made);
  }

  std::set<std::string> descriptors_before_loop_;
  std::unique_ptr<IoLoop> loop_;
};

TEST_F(IoLoopTest, DestroyingCancelsAReadInFlightWhoseCallbackClosesItsFile) {
  int pipe_ends[2];
  ASSERT_EQ(pipe2(pipe_ends, O_CLOEXEC), 0);
  const int read_end = pipe_ends[0];
  const int write_end = pipe_ends[1];  // open, so that the read waits
  std::vector<char> buffer(16);
  std::vector<int> results;
  // As the Io workload's callbacks do, this one owns the descriptor.
  SubmitRead(*loop_, read_end, buffer, [&results, read_end](int result) {
    results.push_back(result);
    close(read_end);
  });
  ASSERT_EQ(loop_->pending(), 1);

  loop_.reset();

  close(write_end);
  EXPECT_THAT(results, ElementsAre(-ECANCELED));
  EXPECT_EQ(ListDirectory("/proc/self/fd"), descriptors_before_loop_);
}

TEST_F(IoLoopTest, AnOperationThatFinishedFirstGetsItsOwnResult) {
  std::vector<int> results;
  loop_->SubmitIo([](io_uring_sqe* entry) { io_uring_prep_nop(entry); },
                  [&](int result) { results.push_back(result); });

  loop_.reset();

  EXPECT_THAT(results, ElementsAre(0));
}

TEST_F(IoLoopTest, DestroyingCancelsATransferWaitingForItsAnswer) {
  int port = 0;
  const int listener = SilentListener(port);
  ASSERT_GE(listener, 0) << std::strerror(errno);
  std::vector<CURLcode> results;
  EasyHandle curl = NewEasyHandle(absl::StrCat("http://127.0.0.1:", port, "/"));
  CURL* transfer = curl.get();
  // As StartHttpGet()'s callback does, this one owns the easy handle.
  loop_->StartTransfer(transfer,
                       [&results, curl = std::move(curl)](CURLcode result) {
                         results.push_back(result);
                       });
  while (results.empty() && !RequestSent(transfer)) {
    ASSERT_TRUE(loop_->Wait().ok());
  }
  ASSERT_THAT(results, testing::IsEmpty()) << "the transfer ended early";
  ASSERT_EQ(loop_->pending(), 1);

  loop_.reset();

  close(listener);
  EXPECT_THAT(results, ElementsAre(CURLE_ABORTED_BY_CALLBACK));
  EXPECT_EQ(ListDirectory("/proc/self/fd"), descriptors_before_loop_);
}

TEST_F(IoLoopTest, WhatACancelledCallbackStartsIsCancelledAtOnce) {
  int pipe_ends[2];
  ASSERT_EQ(pipe2(pipe_ends, O_CLOEXEC), 0);
  std::vector<char> buffer(16);
  std::vector<std::string> events;
  IoLoop& loop = *loop_;
  // Never driven: the loop is destroyed before it connects anywhere.
  EasyHandle first = NewEasyHandle("http://127.0.0.1:1/");
  EasyHandle second = NewEasyHandle("http://127.0.0.1:1/");
  loop.StartTransfer(first.get(), [&](CURLcode result) {
    events.push_back(absl::StrCat("transfer: ", result));
    SubmitRead(loop, pipe_ends[0], buffer, [&](int started) {
      events.push_back(absl::StrCat("read it started: ", started));
    });
    events.push_back("transfer's callback returns");
  });
  SubmitRead(loop, pipe_ends[0], buffer, [&](int result) {
    events.push_back(absl::StrCat("read: ", result));
    loop.StartTransfer(second.get(), [&](CURLcode started) {
      events.push_back(absl::StrCat("transfer it started: ", started));
    });
    events.push_back("read's callback returns");
  });

  loop_.reset();

  close(pipe_ends[0]);
  close(pipe_ends[1]);
  const std::string transfer_cancelled =
      absl::StrCat(CURLE_ABORTED_BY_CALLBACK);
  const std::string io_cancelled = absl::StrCat(-ECANCELED);
  EXPECT_THAT(events, ElementsAre("transfer: " + transfer_cancelled,
                                  "read it started: " + io_cancelled,
                                  "transfer's callback returns",
                                  "read: " + io_cancelled,
                                  "transfer it started: " + transfer_cancelled,
                                  "read's callback returns"));
}

}  // namespace
}  // namespace execbench
