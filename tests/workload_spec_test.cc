// Tests of WorkloadSpec: text round trip and typed parameters.

#include "core/workload_spec.h"

#include "gtest/gtest.h"

namespace execbench {
namespace {

TEST(WorkloadSpecTest, SerializeThenParseGivesTheSameSpec) {
  const WorkloadSpec spec{.name = "Api",
                          .params = {{"url", "http://127.0.0.1:8080/x?a=b"},
                                     {"timeout_ms", "100"}}};
  absl::StatusOr<WorkloadSpec> parsed = WorkloadSpec::Parse(spec.Serialize());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, spec);
}

TEST(WorkloadSpecTest, ParseRejectsLinesWithoutEquals) {
  EXPECT_FALSE(WorkloadSpec::Parse("Cpu\niterations").ok());
  EXPECT_FALSE(WorkloadSpec::Parse("").ok());
}

TEST(WorkloadSpecTest, TypedGettersNameTheBadParameter) {
  const WorkloadSpec spec{
      .name = "Cpu",
      .params = {{"n", "12"}, {"x", "1.5"}, {"b", "true"}, {"bad", "twelve"}}};
  EXPECT_EQ(*spec.GetInt("n"), 12);
  EXPECT_DOUBLE_EQ(*spec.GetDouble("x"), 1.5);
  EXPECT_TRUE(*spec.GetBool("b"));
  absl::StatusOr<int64_t> bad = spec.GetInt("bad");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'bad'"), std::string::npos);
  absl::StatusOr<int64_t> missing = spec.GetInt("missing");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("missing"), std::string::npos);
}

}  // namespace
}  // namespace execbench
