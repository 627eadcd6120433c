// Tests of HypervisorTraits() on hand-made sysfs trees: a balloon with and
// without free page reporting, none at all, and the haltpoll driver.

#include "benchmarks/context/hypervisor_traits.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace execbench {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// The features of a virtio device offering bits 1, 2 and 5, as the kernel
// lists them (bit 0 first).
constexpr char kReportingFeatures[] =
    "0110010000000000000000000000000100000000000000000000000000000000";
constexpr char kNoReportingFeatures[] =
    "0110000000000000000000000000000100000000000000000000000000000000";

class HypervisorTraitsTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::path(testing::TempDir()) / "sys_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    sys_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(sys_); }

  // Writes `text` to the file at `path` under the fake /sys.
  void Write(const std::string& path, const std::string& text) {
    const std::filesystem::path file = std::filesystem::path(sys_) / path;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text << "\n";
  }

  void AddVirtioDevice(const std::string& name, const std::string& id,
                       const std::string& features) {
    Write("bus/virtio/devices/" + name + "/device", id);
    Write("bus/virtio/devices/" + name + "/features", features);
  }

  std::string sys_;
};

TEST_F(HypervisorTraitsTest, BalloonThatReportsFreePages) {
  AddVirtioDevice("virtio0", "0x0002", kReportingFeatures);  // a disk
  AddVirtioDevice("virtio1", "0x0005", kReportingFeatures);
  EXPECT_THAT(HypervisorTraits(sys_),
              ElementsAre(Pair("execbench_free_page_reporting", "on")));
}

TEST_F(HypervisorTraitsTest, BalloonWithoutFreePageReporting) {
  AddVirtioDevice("virtio0", "0x0002", kReportingFeatures);  // a disk
  AddVirtioDevice("virtio1", "0x0005", kNoReportingFeatures);
  EXPECT_THAT(HypervisorTraits(sys_),
              ElementsAre(Pair("execbench_free_page_reporting", "off")));
}

TEST_F(HypervisorTraitsTest, NoBalloon) {
  AddVirtioDevice("virtio0", "0x0002", kReportingFeatures);
  EXPECT_THAT(
      HypervisorTraits(sys_),
      ElementsAre(Pair("execbench_free_page_reporting", "no virtio balloon")));
  std::filesystem::remove_all(sys_ + "/bus");
  EXPECT_THAT(
      HypervisorTraits(sys_),
      ElementsAre(Pair("execbench_free_page_reporting", "no virtio balloon")));
}

TEST_F(HypervisorTraitsTest, HaltPollingOnlyUnderTheHaltpollDriver) {
  Write("module/haltpoll/parameters/guest_halt_poll_ns", "0");
  Write("devices/system/cpu/cpuidle/current_driver", "acpi_idle");
  EXPECT_THAT(
      HypervisorTraits(sys_),
      ElementsAre(Pair("execbench_free_page_reporting", "no virtio balloon")));
  Write("devices/system/cpu/cpuidle/current_driver", "haltpoll");
  EXPECT_THAT(
      HypervisorTraits(sys_),
      ElementsAre(Pair("execbench_free_page_reporting", "no virtio balloon"),
                  Pair("execbench_halt_poll_ns", "0")));
}

}  // namespace
}  // namespace execbench
