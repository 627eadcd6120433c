// Tests of DelayedHttpServer with a real client (libcurl): what it serves,
// that it honours its delay for 256 concurrent clients, and that Stop() leaves
// no socket or thread behind.

#include "workloads/http/delayed_http_server.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/process_resources.h"
#include "workloads/http/concurrent_gets.h"
#include "workloads/http/http_get.h"

namespace execbench {
namespace {

using ::testing::HasSubstr;

constexpr absl::Duration kClientTimeout = absl::Seconds(10);

// Whether some socket of this machine listens on 127.0.0.1:`port` over TCP.
bool IsListening(int port) {
  std::ifstream table("/proc/net/tcp");
  std::string line;
  std::getline(table, line);  // the header
  const std::string local =
      absl::StrCat("0100007F:", absl::Hex(port, absl::kZeroPad4));
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string slot, local_address, remote_address, state;
    fields >> slot >> local_address >> remote_address >> state;
    if (absl::EqualsIgnoreCase(local_address, local) && state == "0A") {
      return true;
    }
  }
  return false;
}

class DelayedHttpServerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_EQ(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
  }
  static void TearDownTestSuite() { curl_global_cleanup(); }
};

TEST_F(DelayedHttpServerTest, ServesTheTaskBodyAfterTheDelay) {
  const absl::Duration delay = absl::Milliseconds(100);
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start({.delay = delay, .body_bytes = 100'000});
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<HttpResponse> response =
      HttpGet(absl::StrCat((*server)->base_url(), "/task/7"), kClientTimeout);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_GE(response->timing.first_byte, delay);
  const std::string& body = response->body;
  ASSERT_EQ(body.size(), 100'000u);
  EXPECT_EQ(body.substr(0, 20), "task 7\nhijklmnopqrst");
  for (size_t i = 7; i < body.size(); ++i) {
    ASSERT_EQ(body[i], static_cast<char>('a' + i % 26)) << "byte " << i;
  }
}

TEST_F(DelayedHttpServerTest, CutsTheTaskLineOfShortBodies) {
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start(
          {.delay = absl::ZeroDuration(), .body_bytes = 3});
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<HttpResponse> response = HttpGet(
      absl::StrCat((*server)->base_url(), "/task/12345"), kClientTimeout);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->body, "tas");
}

TEST_F(DelayedHttpServerTest, AnswersOtherPathsWith404) {
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start(
          {.delay = absl::ZeroDuration(), .body_bytes = 10});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string url = absl::StrCat((*server)->base_url(), "/other/7");
  absl::StatusOr<HttpResponse> response = HttpGet(url, kClientTimeout);
  EXPECT_THAT(std::string(response.status().message()), HasSubstr(url));
  EXPECT_THAT(std::string(response.status().message()),
              HasSubstr("HTTP status 404"));
}

TEST_F(DelayedHttpServerTest, Serves256ConcurrentClientsEachAfterTheDelay) {
  const absl::Duration delay = absl::Milliseconds(200);
  const int64_t body_bytes = 16384;
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start({.delay = delay, .body_bytes = body_bytes});
  ASSERT_TRUE(server.ok()) << server.status();
  std::vector<std::string> urls;
  for (int i = 0; i < 256; ++i) {
    urls.push_back(absl::StrCat((*server)->base_url(), "/task/", i));
  }
  std::vector<absl::StatusOr<CountedGet>> gets =
      GetConcurrently(urls, kClientTimeout);
  for (size_t i = 0; i < gets.size(); ++i) {
    ASSERT_TRUE(gets[i].ok()) << "client " << i << ": " << gets[i].status();
    EXPECT_EQ(gets[i]->body_bytes, body_bytes) << "client " << i;
    EXPECT_GE(gets[i]->timing.first_byte, delay) << "client " << i;
  }
}

// A GET of `url` by a client that reads slowly through a small receive
// buffer, so that the server's sends fill the socket and must resume.
absl::StatusOr<std::string> GetSlowly(const std::string& url) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                           &curl_easy_cleanup);
  char error[CURL_ERROR_SIZE];
  SetUpGet(curl.get(), url, kClientTimeout, error);
  curl_easy_setopt(
      curl.get(), CURLOPT_SOCKOPTFUNCTION,
      +[](void*, curl_socket_t socket, curlsocktype) {
        const int receive_buffer_bytes = 4096;
        setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes,
                   sizeof receive_buffer_bytes);
        return static_cast<int>(CURL_SOCKOPT_OK);
      });
  curl_easy_setopt(curl.get(), CURLOPT_MAX_RECV_SPEED_LARGE,
                   curl_off_t{8 << 20});  // bytes per second
  std::string body;
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(
      curl.get(), CURLOPT_WRITEFUNCTION,
      +[](char* data, size_t size, size_t count, void* body) {
        static_cast<std::string*>(body)->append(data, size * count);
        return size * count;
      });
  const CURLcode result = curl_easy_perform(curl.get());
  absl::StatusOr<HttpTiming> timing =
      CheckFinishedGet(curl.get(), result, url, error, body.size());
  if (!timing.ok()) return timing.status();
  return body;
}

TEST_F(DelayedHttpServerTest, SendsWholeBodiesToSlowReaders) {
  const int64_t body_bytes = 1 << 20;
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start(
          {.delay = absl::Milliseconds(10), .body_bytes = body_bytes});
  ASSERT_TRUE(server.ok()) << server.status();
  constexpr int kClients = 8;
  std::vector<absl::StatusOr<std::string>> bodies(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      bodies[i] = GetSlowly(absl::StrCat((*server)->base_url(), "/task/", i));
    });
  }
  for (std::thread& client : clients) client.join();
  for (int i = 0; i < kClients; ++i) {
    ASSERT_TRUE(bodies[i].ok()) << "client " << i << ": " << bodies[i].status();
    const std::string task_line = absl::StrCat("task ", i, "\n");
    ASSERT_EQ(bodies[i]->size(), body_bytes) << "client " << i;
    EXPECT_EQ(bodies[i]->substr(0, task_line.size()), task_line);
    for (size_t j = task_line.size(); j < bodies[i]->size(); ++j) {
      ASSERT_EQ((*bodies[i])[j], static_cast<char>('a' + j % 26))
          << "client " << i << ", byte " << j;
    }
  }
}

TEST_F(DelayedHttpServerTest, StopClosesThePortAndJoinsEveryThread) {
  const int threads_before = ThreadCount();
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start(
          {.delay = absl::Milliseconds(10), .body_bytes = 1000});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string url = absl::StrCat((*server)->base_url(), "/task/1");
  ASSERT_TRUE(HttpGet(url, kClientTimeout).ok());
  ASSERT_TRUE(IsListening((*server)->port()));

  (*server)->Stop();

  EXPECT_FALSE(IsListening((*server)->port()));
  EXPECT_EQ(ThreadCount(), threads_before);
  absl::StatusOr<HttpResponse> response = HttpGet(url, kClientTimeout);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(response.status().message()),
              HasSubstr("Failed to connect"));
}

TEST_F(DelayedHttpServerTest, StopAnswersPendingRequestsWith503AtOnce) {
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start(
          {.delay = absl::Seconds(60), .body_bytes = 1000});
  ASSERT_TRUE(server.ok()) << server.status();
  absl::StatusOr<HttpResponse> response;
  std::thread client([&] {
    response =
        HttpGet(absl::StrCat((*server)->base_url(), "/task/1"), kClientTimeout);
  });
  absl::SleepFor(absl::Milliseconds(100));  // the request is being delayed
  const absl::Time start = absl::Now();
  (*server)->Stop();
  client.join();
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_THAT(std::string(response.status().message()),
              HasSubstr("HTTP status 503"));
}

}  // namespace
}  // namespace execbench
