// Rendering of the trace file.

#include "benchmarks/output/trace_file.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <utility>

#include "absl/strings/str_cat.h"
#include "benchmarks/output/json.h"

namespace execbench {
namespace {

// Lane of each span: within a worker, the first lane whose last task ended
// before the span starts.
std::vector<int> AssignLanes(const std::vector<TaskSpan>& spans) {
  std::vector<int> order(spans.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return spans[a].start_ns < spans[b].start_ns;
  });
  std::map<int, std::vector<int64_t>> lane_ends;  // worker -> lane -> end
  std::vector<int> lanes(spans.size());
  for (int i : order) {
    std::vector<int64_t>& ends = lane_ends[spans[i].worker];
    auto free = std::find_if(ends.begin(), ends.end(), [&](int64_t end) {
      return end <= spans[i].start_ns;
    });
    if (free == ends.end()) free = ends.insert(ends.end(), 0);
    *free = spans[i].stop_ns;
    lanes[i] = static_cast<int>(free - ends.begin());
  }
  return lanes;
}

std::string Micros(int64_t ns) { return JsonNumber(ns / 1000.0); }

}  // namespace

std::string TraceFileJson(const std::vector<LoggedBatch>& batches) {
  std::vector<std::string> events;
  for (size_t b = 0; b < batches.size(); ++b) {
    const LoggedBatch& batch = batches[b];
    const size_t pid = b + 1;
    std::string process_name = batch.name;
    if (batch.capped()) {
      absl::StrAppend(&process_name, " (first ", batch.spans.size(), " of ",
                      batch.tasks, " tasks)");
    }
    events.push_back(absl::StrCat(
        "{\"ph\": \"M\", \"name\": \"process_name\", \"pid\": ", pid,
        ", \"args\": {\"name\": ", JsonString(process_name), "}}"));
    events.push_back(absl::StrCat(
        "{\"ph\": \"M\", \"name\": \"process_sort_index\", \"pid\": ", pid,
        ", \"args\": {\"sort_index\": ", pid, "}}"));
    const std::vector<int> lanes = AssignLanes(batch.spans);
    std::map<std::pair<int, int>, int> tids;  // (worker, lane) -> tid
    for (size_t i = 0; i < batch.spans.size(); ++i) {
      const TaskSpan& span = batch.spans[i];
      auto [it, inserted] = tids.try_emplace(
          {span.worker, lanes[i]}, batch.workers * lanes[i] + span.worker + 1);
      if (inserted) {
        std::string thread_name = absl::StrCat("worker ", span.worker);
        if (lanes[i] > 0)
          absl::StrAppend(&thread_name, " (lane ", lanes[i], ")");
        events.push_back(absl::StrCat(
            "{\"ph\": \"M\", \"name\": \"thread_name\", \"pid\": ", pid,
            ", \"tid\": ", it->second,
            ", \"args\": {\"name\": ", JsonString(thread_name), "}}"));
      }
      events.push_back(absl::StrCat(
          "{\"ph\": \"X\", \"name\": \"task ", i,
          "\", \"cat\": ", JsonString(batch.workload), ", \"pid\": ", pid,
          ", \"tid\": ", it->second, ", \"ts\": ", Micros(span.start_ns),
          ", \"dur\": ", Micros(span.stop_ns - span.start_ns),
          ", \"args\": {\"task\": ", i, ", \"worker\": ", span.worker,
          span.cpu_ns == kUnknownCpu
              ? std::string()
              : absl::StrCat(", \"cpu_us\": ", Micros(span.cpu_ns)),
          "}}"));
    }
  }
  std::string out = "{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n";
  for (size_t i = 0; i < events.size(); ++i) {
    absl::StrAppend(&out, events[i], i + 1 < events.size() ? ",\n" : "\n");
  }
  out += "]}\n";
  return out;
}

}  // namespace execbench
