// HypervisorTraits(), from the virtio bus and the cpuidle driver in sysfs.

#include "benchmarks/context/hypervisor_traits.h"

#include <dirent.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace execbench {
namespace {

// The virtio device ID of a memory balloon, and the feature bit with which
// it reports free pages (VIRTIO_BALLOON_F_REPORTING), as the virtio
// specification numbers them.
constexpr absl::string_view kBalloonDeviceId = "0x0005";
constexpr size_t kFreePageReportingBit = 5;

// The first line of file `path`, without surrounding blanks; "" if it
// cannot be read.
std::string FirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return std::string(absl::StripAsciiWhitespace(line));
}

// "on" if a virtio balloon under `sys_root` offers free page reporting,
// "off" if balloons do but none offers it, "no virtio balloon" otherwise.
// A device's `features` file lists its feature bits as '0' and '1',
// bit 0 first.
std::string FreePageReporting(absl::string_view sys_root) {
  const std::string devices = absl::StrCat(sys_root, "/bus/virtio/devices");
  DIR* dir = opendir(devices.c_str());
  if (dir == nullptr) return "no virtio balloon";
  std::string answer = "no virtio balloon";
  while (const dirent* entry = readdir(dir)) {
    const std::string device = absl::StrCat(devices, "/", entry->d_name);
    if (entry->d_name[0] == '.' ||
        FirstLine(device + "/device") != kBalloonDeviceId) {
      continue;
    }
    const std::string features = FirstLine(device + "/features");
    if (features.size() > kFreePageReportingBit &&
        features[kFreePageReportingBit] == '1') {
      answer = "on";
      break;
    }
    answer = "off";
  }
  closedir(dir);
  return answer;
}

}  // namespace

ContextEntries HypervisorTraits(absl::string_view sys_root) {
  ContextEntries traits = {
      {"execbench_free_page_reporting", FreePageReporting(sys_root)}};
  const std::string driver = FirstLine(
      absl::StrCat(sys_root, "/devices/system/cpu/cpuidle/current_driver"));
  if (driver == "haltpoll") {
    const std::string poll_ns = FirstLine(absl::StrCat(
        sys_root, "/module/haltpoll/parameters/guest_halt_poll_ns"));
    if (!poll_ns.empty()) traits["execbench_halt_poll_ns"] = poll_ns;
  }
  return traits;
}

ContextEntries HypervisorContext() { return HypervisorTraits("/sys"); }

}  // namespace execbench
