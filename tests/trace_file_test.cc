// Tests of TraceFileJson(): the trace file read back as JSON, event by event.

#include "benchmarks/output/trace_file.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/json_reader.h"

namespace execbench {
namespace {

using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr int64_t kUs = 1000;  // nanoseconds

TaskSpan Span(int worker, int64_t start_us, int64_t stop_us) {
  return {.start_ns = start_us * kUs,
          .stop_ns = stop_us * kUs,
          .worker = worker,
          .cpu_ns = (stop_us - start_us) * kUs / 2};
}

LoggedBatch Batch(std::string name, int workers, std::vector<TaskSpan> spans) {
  const int tasks = static_cast<int>(spans.size());
  return {.name = std::move(name),
          .workload = "Cpu",
          .executor = "Threads",
          .workers = workers,
          .tasks = tasks,
          .spans = std::move(spans)};
}

// The trace's events; a test failure if the trace is not valid JSON.
std::vector<JsonValue> TraceEvents(const std::vector<LoggedBatch>& batches) {
  const std::string text = TraceFileJson(batches);
  absl::StatusOr<JsonValue> trace = ReadJson(text);
  if (!trace.ok()) {
    ADD_FAILURE() << trace.status() << " in:\n" << text;
    return {};
  }
  EXPECT_EQ((*trace)["displayTimeUnit"].string, "ms");
  return (*trace)["traceEvents"].array;
}

// The events of phase `phase` named `name` ("" for any name).
std::vector<JsonValue> Events(const std::vector<JsonValue>& events,
                              const std::string& phase,
                              const std::string& name = "") {
  std::vector<JsonValue> selected;
  std::copy_if(events.begin(), events.end(), std::back_inserter(selected),
               [&](const JsonValue& event) {
                 return event["ph"].string == phase &&
                        (name.empty() || event["name"].string == name);
               });
  return selected;
}

// (pid, tid) -> thread name, from the thread_name metadata events.
std::map<std::pair<int, int>, std::string> ThreadNames(
    const std::vector<JsonValue>& events) {
  std::map<std::pair<int, int>, std::string> names;
  for (const JsonValue& event : Events(events, "M", "thread_name")) {
    const std::pair<int, int> thread{static_cast<int>(event["pid"].number),
                                     static_cast<int>(event["tid"].number)};
    EXPECT_TRUE(names.emplace(thread, event["args"]["name"].string).second)
        << "thread named twice: tid " << thread.second;
  }
  return names;
}

TEST(TraceFileTest, NoBatchGivesAnEmptyTrace) {
  absl::StatusOr<JsonValue> trace = ReadJson(TraceFileJson({}));
  ASSERT_TRUE(trace.ok()) << trace.status();
  EXPECT_EQ((*trace)["traceEvents"].type, JsonValue::Type::kArray);
  EXPECT_TRUE((*trace)["traceEvents"].array.empty());
}

TEST(TraceFileTest, OnlyCompleteAndMetadataEvents) {
  const std::vector<JsonValue> events =
      TraceEvents({Batch("A/Threads/workers:2/manual_time", 2,
                         {Span(0, 0, 10), Span(1, 0, 20), Span(0, 5, 30)})});
  ASSERT_FALSE(events.empty());
  for (const JsonValue& event : events) {
    EXPECT_THAT(event["ph"].string, AnyOf("X", "M"));
  }
}

TEST(TraceFileTest, OneProcessPerBenchmarkNumberedFromOne) {
  const std::vector<JsonValue> events = TraceEvents(
      {Batch("Cpu/Serial/workers:1/manual_time", 1, {Span(0, 0, 10)}),
       Batch("Cpu/Threads/workers:2/manual_time", 2,
             {Span(0, 0, 10), Span(1, 0, 10)})});
  std::vector<std::pair<int, std::string>> processes;
  for (const JsonValue& event : Events(events, "M", "process_name")) {
    processes.emplace_back(static_cast<int>(event["pid"].number),
                           event["args"]["name"].string);
  }
  EXPECT_THAT(processes,
              ElementsAre(std::pair(1, "Cpu/Serial/workers:1/manual_time"),
                          std::pair(2, "Cpu/Threads/workers:2/manual_time")));
  std::set<int> task_pids;
  for (const JsonValue& event : Events(events, "X")) {
    task_pids.insert(static_cast<int>(event["pid"].number));
  }
  EXPECT_THAT(task_pids, ElementsAre(1, 2));
}

TEST(TraceFileTest, OneThreadPerWorkerNumberedFromOne) {
  const std::vector<JsonValue> events =
      TraceEvents({Batch("Cpu/Threads/workers:3/manual_time", 3,
                         {Span(2, 0, 10), Span(0, 0, 10), Span(1, 0, 10),
                          Span(0, 10, 20), Span(2, 10, 20)})});
  EXPECT_THAT(ThreadNames(events),
              UnorderedElementsAre(std::pair(std::pair(1, 1), "worker 0"),
                                   std::pair(std::pair(1, 2), "worker 1"),
                                   std::pair(std::pair(1, 3), "worker 2")));
  for (const JsonValue& event : Events(events, "X")) {
    EXPECT_EQ(event["tid"].number, event["args"]["worker"].number + 1);
  }
}

TEST(TraceFileTest, TaskEventsCarryTheSpanInMicroseconds) {
  LoggedBatch batch = Batch("Cpu/Threads/workers:2/manual_time", 2, {});
  batch.spans = {
      {.start_ns = 1500, .stop_ns = 4250, .worker = 1, .cpu_ns = 2000},
      {.start_ns = 0, .stop_ns = 1'000'000, .worker = 0, .cpu_ns = 999'000}};
  batch.tasks = 2;
  const std::vector<JsonValue> tasks = Events(TraceEvents({batch}), "X");
  ASSERT_EQ(tasks.size(), 2);
  for (int i = 0; i < 2; ++i) {
    const JsonValue& event = tasks[i];
    const TaskSpan& span = batch.spans[i];
    EXPECT_EQ(event["name"].string, "task " + std::to_string(i));
    EXPECT_EQ(event["cat"].string, "Cpu");
    EXPECT_EQ(event["pid"].number, 1);
    EXPECT_EQ(event["args"]["task"].number, i);
    EXPECT_EQ(event["args"]["worker"].number, span.worker);
    EXPECT_DOUBLE_EQ(event["ts"].number, span.start_ns / 1000.0);
    EXPECT_DOUBLE_EQ(event["dur"].number,
                     (span.stop_ns - span.start_ns) / 1000.0);
    EXPECT_DOUBLE_EQ(event["args"]["cpu_us"].number, span.cpu_ns / 1000.0);
  }
  EXPECT_DOUBLE_EQ(tasks[0]["ts"].number, 1.5);
  EXPECT_DOUBLE_EQ(tasks[0]["dur"].number, 2.75);
  EXPECT_DOUBLE_EQ(tasks[1]["dur"].number, 1000);
}

// An asynchronous executor can run several tasks at once on one worker: each
// must be kept, on a thread of its own while it overlaps another.
TEST(TraceFileTest, OverlappingTasksOfOneWorkerGoToDistinctThreads) {
  const std::vector<JsonValue> events = TraceEvents(
      {Batch("Api/Async/workers:2/manual_time", 2,
             {Span(0, 50, 150), Span(0, 0, 100), Span(0, 120, 200),
              Span(1, 0, 300), Span(0, 60, 70), Span(0, 210, 220)})});
  const std::vector<JsonValue> tasks = Events(events, "X");
  ASSERT_EQ(tasks.size(), 6);
  std::set<int> task_indexes;
  std::map<int, std::vector<std::pair<double, double>>> intervals_by_tid;
  for (const JsonValue& event : tasks) {
    task_indexes.insert(static_cast<int>(event["args"]["task"].number));
    EXPECT_GE(event["tid"].number, 1);
    intervals_by_tid[static_cast<int>(event["tid"].number)].emplace_back(
        event["ts"].number, event["ts"].number + event["dur"].number);
  }
  EXPECT_THAT(task_indexes, ElementsAre(0, 1, 2, 3, 4, 5));
  for (auto& [tid, intervals] : intervals_by_tid) {
    std::sort(intervals.begin(), intervals.end());
    for (size_t i = 1; i < intervals.size(); ++i) {
      EXPECT_LE(intervals[i - 1].second, intervals[i].first)
          << "tasks overlap on tid " << tid;
    }
  }
  // Worker 0 needs three threads (tasks 1, 0 and 4 overlap at 60-70 us);
  // worker 1 one.
  EXPECT_EQ(intervals_by_tid.size(), 4);
  const std::map<std::pair<int, int>, std::string> names = ThreadNames(events);
  EXPECT_EQ(names.size(), intervals_by_tid.size());
  std::multiset<std::string> name_set;
  for (const auto& [thread, name] : names) name_set.insert(name);
  EXPECT_THAT(name_set, UnorderedElementsAre("worker 0", "worker 0 (lane 1)",
                                             "worker 0 (lane 2)", "worker 1"));
}

TEST(TraceFileTest, CappedBatchSaysSoInItsProcessName) {
  LoggedBatch capped = Batch("Noop/Threads/workers:2/manual_time", 2,
                             {Span(0, 0, 1), Span(1, 0, 1), Span(0, 1, 2)});
  capped.tasks = 50;
  const std::vector<JsonValue> events = TraceEvents(
      {capped, Batch("Noop/Serial/workers:1/manual_time", 1, {Span(0, 0, 1)})});
  const std::vector<JsonValue> processes = Events(events, "M", "process_name");
  ASSERT_EQ(processes.size(), 2);
  EXPECT_EQ(processes[0]["args"]["name"].string,
            "Noop/Threads/workers:2/manual_time (first 3 of 50 tasks)");
  EXPECT_EQ(processes[1]["args"]["name"].string,
            "Noop/Serial/workers:1/manual_time");
  EXPECT_EQ(Events(events, "X").size(), 4);
}

TEST(TraceFileTest, NamesWithSpecialCharactersStayValidJson) {
  LoggedBatch batch = Batch("Odd \"name\" \\ with\ttab\n", 1, {Span(0, 0, 1)});
  batch.workload = "Work\"load\x01";
  const std::vector<JsonValue> events = TraceEvents({batch});
  const std::vector<JsonValue> processes = Events(events, "M", "process_name");
  ASSERT_EQ(processes.size(), 1);
  EXPECT_EQ(processes[0]["args"]["name"].string, batch.name);
  EXPECT_EQ(Events(events, "X").at(0)["cat"].string, batch.workload);
}

}  // namespace
}  // namespace execbench
