// Tests of SpansFileJson(): the spans file read back as JSON, field by field.

#include "benchmarks/output/spans_file.h"

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/json_reader.h"

namespace execbench {
namespace {

std::map<std::string, std::string> Context() {
  return {{"execbench_commit", "0123456789abcdef0123456789abcdef01234567"},
          {"execbench_profile", "seed"}};
}

LoggedBatch ThreeTaskBatch() {
  return {.name = "Cpu/Threads/workers:2/manual_time",
          .workload = "Cpu",
          .executor = "Threads",
          .workers = 2,
          .tasks = 3,
          .wall_ns = 2'000'000,
          .startup_ns = 250'000,
          .shutdown_ns = 125'000,
          .spans = {{.start_ns = 250'000,
                     .stop_ns = 1'000'000,
                     .worker = 0,
                     .cpu_ns = 700'000},
                    {.start_ns = 260'000,
                     .stop_ns = 1'500'000,
                     .worker = 1,
                     .cpu_ns = 1'200'000},
                    {.start_ns = 1'000'001,
                     .stop_ns = 1'875'000,
                     .worker = 0,
                     .cpu_ns = 0}}};
}

// The file read back; a test failure if it is not valid JSON.
JsonValue ReadSpansFile(const std::map<std::string, std::string>& context,
                        const std::vector<LoggedBatch>& batches) {
  const std::string text = SpansFileJson(context, batches);
  absl::StatusOr<JsonValue> file = ReadJson(text);
  if (!file.ok()) {
    ADD_FAILURE() << file.status() << " in:\n" << text;
    return {};
  }
  return *std::move(file);
}

TEST(SpansFileTest, HeaderAndContext) {
  const JsonValue file = ReadSpansFile(Context(), {});
  EXPECT_EQ(file["format"].string, "execbench-spans");
  EXPECT_EQ(file["version"].number, 1);
  const JsonValue& context = file["context"];
  ASSERT_EQ(context.object.size(), 2);
  EXPECT_EQ(context["execbench_commit"].string,
            "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(context["execbench_profile"].string, "seed");
  EXPECT_EQ(file["benchmarks"].type, JsonValue::Type::kArray);
  EXPECT_TRUE(file["benchmarks"].array.empty());
}

TEST(SpansFileTest, BatchFieldsAndSpansMatchTheLoggedBatch) {
  const LoggedBatch batch = ThreeTaskBatch();
  const JsonValue file = ReadSpansFile(Context(), {batch});
  ASSERT_EQ(file["benchmarks"].array.size(), 1);
  const JsonValue& entry = file["benchmarks"].array[0];
  EXPECT_EQ(entry["name"].string, "Cpu/Threads/workers:2/manual_time");
  EXPECT_EQ(entry["workload"].string, "Cpu");
  EXPECT_EQ(entry["executor"].string, "Threads");
  EXPECT_EQ(entry["workers"].number, 2);
  EXPECT_EQ(entry["tasks"].number, 3);
  EXPECT_DOUBLE_EQ(entry["wall_s"].number, 0.002);
  EXPECT_DOUBLE_EQ(entry["startup_s"].number, 0.000250);
  EXPECT_DOUBLE_EQ(entry["shutdown_s"].number, 0.000125);
  EXPECT_EQ(entry["spans_capped"].type, JsonValue::Type::kBool);
  EXPECT_FALSE(entry["spans_capped"].boolean);
  EXPECT_EQ(entry["spans_kept"].number, 3);
  const std::vector<JsonValue>& spans = entry["spans"].array;
  ASSERT_EQ(spans.size(), 3);
  for (int i = 0; i < 3; ++i) {
    const TaskSpan& expected = batch.spans[i];
    EXPECT_EQ(spans[i]["task"].number, i);
    EXPECT_EQ(spans[i]["worker"].number, expected.worker);
    EXPECT_DOUBLE_EQ(spans[i]["start_s"].number, expected.start_ns * 1e-9);
    EXPECT_DOUBLE_EQ(spans[i]["stop_s"].number, expected.stop_ns * 1e-9);
    EXPECT_DOUBLE_EQ(spans[i]["cpu_s"].number, expected.cpu_ns * 1e-9);
  }
  // One nanosecond apart stays apart.
  EXPECT_LT(spans[0]["stop_s"].number, spans[2]["start_s"].number);
}

TEST(SpansFileTest, CappedBatchSaysSoAndKeepsTheFirstSpans) {
  LoggedBatch batch = ThreeTaskBatch();
  batch.tasks = 50;
  const JsonValue file = ReadSpansFile(Context(), {batch});
  const JsonValue& entry = file["benchmarks"].array.at(0);
  EXPECT_EQ(entry["tasks"].number, 50);
  EXPECT_TRUE(entry["spans_capped"].boolean);
  EXPECT_EQ(entry["spans_kept"].number, 3);
  ASSERT_EQ(entry["spans"].array.size(), 3);
  EXPECT_EQ(entry["spans"].array[2]["task"].number, 2);
}

TEST(SpansFileTest, WorkersOnOtherHostsHaveTheirHostListed) {
  LoggedBatch batch = ThreeTaskBatch();
  batch.hosts = {"node-a", "node-b"};
  const JsonValue file = ReadSpansFile(Context(), {batch, ThreeTaskBatch()});
  const JsonValue& listed = file["benchmarks"].array.at(0)["hosts"];
  ASSERT_EQ(listed.array.size(), 2);
  EXPECT_EQ(listed.array[0].string, "node-a");
  EXPECT_EQ(listed.array[1].string, "node-b");
  // Batches whose workers all ran here have no list, as before.
  EXPECT_EQ(file["benchmarks"].array.at(1).Find("hosts"), nullptr);
}

TEST(SpansFileTest, BenchmarksKeepTheirOrder) {
  LoggedBatch serial = ThreeTaskBatch();
  serial.name = "Cpu/Serial/workers:1/manual_time";
  serial.executor = "Serial";
  serial.workers = 1;
  const JsonValue file = ReadSpansFile(Context(), {ThreeTaskBatch(), serial});
  const std::vector<JsonValue>& entries = file["benchmarks"].array;
  ASSERT_EQ(entries.size(), 2);
  EXPECT_EQ(entries[0]["name"].string, "Cpu/Threads/workers:2/manual_time");
  EXPECT_EQ(entries[1]["name"].string, "Cpu/Serial/workers:1/manual_time");
  EXPECT_EQ(entries[1]["executor"].string, "Serial");
  EXPECT_EQ(entries[1]["workers"].number, 1);
}

TEST(SpansFileTest, SpecialCharactersInStringsAreEscaped) {
  const std::string odd = "say \"hi\" C:\\dir\nnext\tline\r\x01\x1f end";
  LoggedBatch batch = ThreeTaskBatch();
  batch.name = odd;
  batch.workload = odd + "workload";
  batch.executor = odd + "executor";
  const JsonValue file =
      ReadSpansFile({{odd, odd + "value"}, {"execbench_plain", "x"}}, {batch});
  EXPECT_EQ(file["context"][odd].string, odd + "value");
  const JsonValue& entry = file["benchmarks"].array.at(0);
  EXPECT_EQ(entry["name"].string, odd);
  EXPECT_EQ(entry["workload"].string, odd + "workload");
  EXPECT_EQ(entry["executor"].string, odd + "executor");
}

}  // namespace
}  // namespace execbench
