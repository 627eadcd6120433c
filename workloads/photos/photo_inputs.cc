// The image workloads' inputs, from the flags and from a spec.

#include "workloads/photos/photo_inputs.h"

#include <cstdint>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "core/flag_types.h"
#include "core/machine_limits.h"
#include "core/suite_flag.h"
#include "workloads/photos/synthetic_photos.h"
#include "workloads/photos/turbo_jpeg.h"

EXECBENCH_FLAG(
    execbench::PositiveIntUpTo<execbench::kMaxJpegSide>, image_size, {256},
    "Image, PyImage: side of the synthetic square JPEGs, at most 65535, "
    "JPEG's limit (the study's chips were 256 x 256)");

namespace execbench {

namespace {

int64_t PixelBytes(int side) { return int64_t{3} * side * side; }

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> PhotoInputsFromFlags(
    int count) {
  const int size = absl::GetFlag(FLAGS_image_size).value;
  // A photo's pixels and its JPEG, while it is made.
  if (absl::Status fits =
          CheckMemory("the synthetic photos", "making one (--image_size)",
                      static_cast<double>(2 * PixelBytes(size)));
      !fits.ok()) {
    return fits;
  }
  absl::StatusOr<std::string> folder = SyntheticPhotoFolder(count, size);
  if (!folder.ok()) return folder.status();
  return std::map<std::string, std::string>{
      {"folder", *std::move(folder)},
      {"size", absl::StrCat(size)},
      {"resized", absl::StrCat(kResizedSide)}};
}

int64_t PhotoTaskBytes() {
  return 2 * PixelBytes(absl::GetFlag(FLAGS_image_size).value) +
         PixelBytes(kResizedSide);
}

absl::StatusOr<PhotoInputs> PhotoInputs::FromSpec(const WorkloadSpec& spec) {
  absl::StatusOr<std::string> folder = spec.GetString("folder");
  if (!folder.ok()) return folder.status();
  absl::StatusOr<int64_t> size = spec.GetInt("size");
  if (!size.ok()) return size.status();
  absl::StatusOr<int64_t> resized = spec.GetInt("resized");
  if (!resized.ok()) return resized.status();
  return PhotoInputs{.folder = *std::move(folder),
                     .size = static_cast<int>(*size),
                     .resized = static_cast<int>(*resized)};
}

std::string PhotoInputs::Path(int index) const {
  return SyntheticPhotoPath(folder, size, index);
}

}  // namespace execbench
