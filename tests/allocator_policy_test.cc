// Tests of FixAllocatorThresholds(): a freed block of a few hundred KiB stays
// in the heap for the next one, where glibc's defaults would have mmap()ed it
// and given it back to the kernel.

#include "benchmarks/context/allocator_policy.h"

#include <malloc.h>

#include <cstdlib>
#include <cstring>

#include "absl/base/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

TEST(AllocatorPolicyTest, FreedBlocksStayInTheProcess) {
#if defined(ABSL_HAVE_ADDRESS_SANITIZER) || \
    defined(ABSL_HAVE_THREAD_SANITIZER) || defined(ABSL_HAVE_MEMORY_SANITIZER)
  GTEST_SKIP() << "a sanitizer's allocator has no mallopt()";
#endif
  FixAllocatorThresholds();
  EXPECT_THAT(AllocatorPolicyContext().at("execbench_allocator"),
              ::testing::HasSubstr("mmap from"));
  constexpr size_t kBlockBytes = 1 << 20;  // above glibc's first threshold
  void* block = std::malloc(kBlockBytes);
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, kBlockBytes);
  const struct mallinfo2 before = mallinfo2();
  std::free(block);
  const struct mallinfo2 after = mallinfo2();
  // Not mmap()ed, and still in the heap once freed.
  EXPECT_EQ(after.hblkhd, before.hblkhd);
  EXPECT_GE(after.fordblks, before.fordblks + kBlockBytes);
}

}  // namespace
}  // namespace execbench
