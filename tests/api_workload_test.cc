// Tests of the Api workload against its loopback server: equal checksums on
// every executor, the spec that --api_* flags build, and tasks that fail with
// the URL and the reason on a refused connection, a timeout and a 404.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/executor.h"
#include "core/flag_types.h"
#include "core/workload.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/workload_batches.h"
#include "workloads/http/delayed_http_server.h"

ABSL_DECLARE_FLAG(execbench::TaskCount, api_tasks);
ABSL_DECLARE_FLAG(execbench::NonNegativeInt, api_delay_ms);
ABSL_DECLARE_FLAG(execbench::NonNegativeInt, api_body_bytes);
ABSL_DECLARE_FLAG(std::string, api_url);

namespace execbench {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

WorkloadSpec ApiSpec(const std::string& url_template, int64_t timeout_ms) {
  return {.name = "Api",
          .params = {{"url", url_template},
                     {"timeout_ms", absl::StrCat(timeout_ms)}}};
}

// A port of 127.0.0.1 on which nothing listens: one this test bound, then
// closed.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), length), 0);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  return ntohs(address.sin_port);
}

// Runs task `index` of `spec` in this process.
absl::StatusOr<uint64_t> RunOneTask(const WorkloadSpec& spec, int index) {
  absl::StatusOr<std::unique_ptr<Workload>> workload =
      MakePreparedWorkload(spec);
  if (!workload.ok()) return workload.status();
  return (*workload)->RunTask(index);
}

TEST(ApiWorkloadTest, ChecksumsAreEqualOnEveryExecutor) {
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start(
          {.delay = absl::Milliseconds(5), .body_bytes = 100'003});
  ASSERT_TRUE(server.ok()) << server.status();
  const WorkloadSpec spec =
      ApiSpec(absl::StrCat((*server)->base_url(), "/task/{task}"), 5000);
  std::vector<uint64_t> serial;
  for (const std::string& executor : RegisteredExecutorNames("Api")) {
    absl::StatusOr<BatchResult> batch = RunWorkloadBatch(executor, spec, 6);
    ASSERT_TRUE(batch.ok()) << executor << ": " << batch.status();
    if (serial.empty()) serial = batch->checksums;
    EXPECT_EQ(batch->checksums, serial) << executor;
  }
  ASSERT_EQ(serial.size(), 6u);
  EXPECT_NE(serial[0], serial[1]);  // each task has its own body
}

TEST(ApiWorkloadTest, RefusedConnectionFailsWithTheUrl) {
  const std::string url =
      absl::StrCat("http://127.0.0.1:", ClosedPort(), "/task/");
  const WorkloadSpec spec = ApiSpec(absl::StrCat(url, "{task}"), 5000);

  absl::StatusOr<uint64_t> in_process = RunOneTask(spec, 3);
  EXPECT_EQ(in_process.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(
      std::string(in_process.status().message()),
      AllOf(HasSubstr(absl::StrCat(url, "3")), HasSubstr("Failed to connect")));

  absl::StatusOr<BatchResult> in_workers =
      RunWorkloadBatch("Processes", spec, 2);
  EXPECT_THAT(std::string(in_workers.status().message()),
              AllOf(HasSubstr(url), HasSubstr("Failed to connect")));
}

TEST(ApiWorkloadTest, TimeoutFailsTheTask) {
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start({.delay = absl::Seconds(30), .body_bytes = 10});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string url = absl::StrCat((*server)->base_url(), "/task/1");
  const absl::Time start = absl::Now();
  absl::StatusOr<uint64_t> checksum =
      RunOneTask(ApiSpec(url, /*timeout_ms=*/200), 1);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_EQ(checksum.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(std::string(checksum.status().message()),
              AllOf(HasSubstr(url), HasSubstr("timed out")));
}

TEST(ApiWorkloadTest, StatusOtherThan200FailsTheTask) {
  absl::StatusOr<std::unique_ptr<DelayedHttpServer>> server =
      DelayedHttpServer::Start(
          {.delay = absl::ZeroDuration(), .body_bytes = 10});
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string url = absl::StrCat((*server)->base_url(), "/missing/2");
  absl::StatusOr<uint64_t> checksum = RunOneTask(
      ApiSpec(absl::StrCat((*server)->base_url(), "/missing/{task}"), 5000), 2);
  EXPECT_EQ(checksum.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(checksum.status().message()),
              AllOf(HasSubstr(url), HasSubstr("HTTP status 404")));
}

TEST(ApiWorkloadTest, FlagsStartOneLoopbackServer) {
  absl::FlagSaver restore_flags;
  absl::SetFlag(&FLAGS_api_tasks, TaskCount{3});
  absl::SetFlag(&FLAGS_api_delay_ms, NonNegativeInt{1});
  absl::SetFlag(&FLAGS_api_body_bytes, NonNegativeInt{1000});
  absl::StatusOr<const WorkloadRegistration*> found = FindWorkload("Api");
  ASSERT_TRUE(found.ok()) << found.status();
  const WorkloadRegistration* api = *found;

  absl::StatusOr<WorkloadRun> first = RunFromFlags(*api);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->tasks, 3);
  EXPECT_THAT(first->spec.params["url"], StartsWith("http://127.0.0.1:"));
  EXPECT_EQ(first->counters["body_bytes"], 1000);
  absl::StatusOr<BatchResult> batch =
      RunWorkloadBatch("Threads", first->spec, first->tasks);
  ASSERT_TRUE(batch.ok()) << batch.status();

  absl::StatusOr<WorkloadRun> second = RunFromFlags(*api);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->spec, first->spec);
}

TEST(ApiWorkloadTest, UrlFlagReplacesTheLoopbackServer) {
  absl::FlagSaver restore_flags;
  absl::SetFlag(&FLAGS_api_url, "http://127.0.0.1:1/file.pdf");
  absl::StatusOr<const WorkloadRegistration*> found = FindWorkload("Api");
  ASSERT_TRUE(found.ok()) << found.status();
  const WorkloadRegistration* api = *found;
  absl::StatusOr<WorkloadRun> run = RunFromFlags(*api);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->spec.params["url"], "http://127.0.0.1:1/file.pdf");
  EXPECT_TRUE(run->counters.empty());
}

}  // namespace
}  // namespace execbench
