// The flags and spec shared by Image (C++) and PyImage (Pillow): how many
// photos, of what side, in which folder, resized to what side.

#ifndef EXECBENCH_WORKLOADS_PHOTOS_PHOTO_INPUTS_H_
#define EXECBENCH_WORKLOADS_PHOTOS_PHOTO_INPUTS_H_

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/workload_spec.h"

namespace execbench {

// The side of the resized images: the study's 224 x 224.
inline constexpr int kResizedSide = 224;

// The spec parameters "folder", "size" (the photos' side) and "resized" of
// `count` photos from --image_size, the photos made if they are not yet (if
// making one fits in memory).
absl::StatusOr<std::map<std::string, std::string>> PhotoInputsFromFlags(
    int count);

// What a task holds while it runs at --image_size, for
// WorkloadRun::running_task_bytes: the JPEG's bytes and its decoded pixels
// (a JPEG is smaller than its pixels), and the resized ones.
int64_t PhotoTaskBytes();

// What a spec's parameters name.
struct PhotoInputs {
  std::string folder;
  int size = 0;
  int resized = 0;

  static absl::StatusOr<PhotoInputs> FromSpec(const WorkloadSpec& spec);
  // The JPEG of task `index`.
  std::string Path(int index) const;
};

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_PHOTOS_PHOTO_INPUTS_H_
