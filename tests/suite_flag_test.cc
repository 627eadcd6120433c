// Tests of EXECBENCH_FLAG: a flag defined with it is one of the suite's,
// whatever file defines it, and a plain Abseil flag is not, even in this
// project's sources.

#include "core/suite_flag.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

EXECBENCH_FLAG(int, suite_flag_of_the_test, 3, "a suite flag of this test");
ABSL_FLAG(int, plain_flag_of_the_test, 4, "an Abseil flag of this test");

namespace execbench {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::vector<std::string> SuiteFlagNames() {
  std::vector<std::string> names;
  for (const absl::CommandLineFlag* flag : SuiteFlags()) {
    names.emplace_back(flag->Name());
  }
  return names;
}

TEST(SuiteFlagTest, FlagDefinedWithTheMacroIsTheSuites) {
  EXPECT_TRUE(IsSuiteFlag("suite_flag_of_the_test"));
  EXPECT_THAT(SuiteFlagNames(), Contains("suite_flag_of_the_test"));
  EXPECT_EQ(absl::GetFlag(FLAGS_suite_flag_of_the_test), 3);
}

TEST(SuiteFlagTest, PlainAbseilFlagIsNot) {
  EXPECT_FALSE(IsSuiteFlag("plain_flag_of_the_test"));
  EXPECT_THAT(SuiteFlagNames(), Not(Contains("plain_flag_of_the_test")));
  EXPECT_EQ(absl::GetFlag(FLAGS_plain_flag_of_the_test), 4);
}

TEST(SuiteFlagTest, WorkloadFlagsAreListedSortedByName) {
  const std::vector<std::string> names = SuiteFlagNames();
  EXPECT_THAT(names, Contains("cpu_tasks"));
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_FALSE(IsSuiteFlag("no_such_flag"));
}

}  // namespace
}  // namespace execbench
