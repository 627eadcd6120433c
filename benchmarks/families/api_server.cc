// ApiServer: the Api workload's loopback server under a burst of concurrent
// clients. It must never be the bottleneck, so the delay each client sees
// between sending its request and the first byte of the answer should stay
// close to the configured one (delay_ratio near 1). first_byte_s_* add the
// client's own connection set-up (one client thread opens every connection)
// and total_s_* the transfer of the bodies, which the clients share.

#include "benchmarks/families/api_server.h"

#include <curl/curl.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "benchmarks/families/catalogue.h"
#include "benchmarks/runner/outcomes.h"
#include "workloads/http/api_loopback_server.h"
#include "workloads/http/concurrent_gets.h"

namespace execbench {
namespace {

constexpr absl::Duration kClientTimeout = absl::Seconds(30);

// The value below which `quantile` of the sorted `durations` fall, in seconds.
double QuantileSeconds(const std::vector<absl::Duration>& sorted_durations,
                       double quantile) {
  const size_t index =
      std::min(sorted_durations.size() - 1,
               static_cast<size_t>(
                   quantile * static_cast<double>(sorted_durations.size())));
  return absl::ToDoubleSeconds(sorted_durations[index]);
}

// Reports the median and 99th percentile of `durations` as <name>_median and
// <name>_p99; returns the median.
double ReportQuantiles(std::vector<absl::Duration>& durations,
                       const std::string& name, benchmark::State& state) {
  std::sort(durations.begin(), durations.end());
  const double median = QuantileSeconds(durations, 0.5);
  state.counters[name + "_median"] = median;
  state.counters[name + "_p99"] = QuantileSeconds(durations, 0.99);
  return median;
}

void RunApiServer(benchmark::State& state, int clients) {
  absl::StatusOr<DelayedHttpServer*> server = ApiLoopbackServer();
  if (!server.ok()) {
    SkipBenchmark(state, server.status());
    return;
  }
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    SkipBenchmark(state, absl::InternalError("curl_global_init failed"));
    return;
  }
  std::vector<std::string> urls;
  for (int i = 0; i < clients; ++i) {
    urls.push_back(absl::StrCat((*server)->base_url(), "/task/", i));
  }
  std::vector<absl::Duration> delays;
  std::vector<absl::Duration> first_bytes;
  std::vector<absl::Duration> totals;
  for (auto _ : state) {
    const absl::Time start = absl::Now();
    const std::vector<absl::StatusOr<CountedGet>> gets =
        GetConcurrently(urls, kClientTimeout);
    state.SetIterationTime(absl::ToDoubleSeconds(absl::Now() - start));
    for (const absl::StatusOr<CountedGet>& get : gets) {
      if (!get.ok()) {
        SkipBenchmark(state, get.status());
        delays.clear();  // no counters for a failed run
        break;
      }
      delays.push_back(get->timing.server_wait);
      first_bytes.push_back(get->timing.first_byte);
      totals.push_back(get->timing.total);
    }
  }
  curl_global_cleanup();
  if (delays.empty()) return;

  const double delay_median = ReportQuantiles(delays, "delay_s", state);
  ReportQuantiles(first_bytes, "first_byte_s", state);
  ReportQuantiles(totals, "total_s", state);
  const double configured = absl::ToDoubleSeconds((*server)->options().delay);
  if (configured > 0) state.counters["delay_ratio"] = delay_median / configured;
}

}  // namespace

void RegisterApiServerBenchmarks() {
  // Timed by the wall time of each burst, as the grid's benchmarks are.
  for (int clients : {16, 64, 256}) {
    RegisterSuiteBenchmark(
        absl::StrCat("ApiServer/concurrent_clients:", clients),
        [clients](benchmark::State& state) { RunApiServer(state, clients); });
  }
}

}  // namespace execbench
