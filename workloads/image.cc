// Image: each task reads one JPEG, decodes it with TurboJPEG and resizes it to
// 224 x 224 with stb_image_resize's Catmull-Rom filter, the study's last
// experiment (Pillow's open and resize of 5,000 satellite chips) in C++.
// The inputs are synthetic photo-like 256 x 256 JPEGs, one per task, made
// before the first batch in the run's private folder and removed at exit
// (workloads/photos/synthetic_photos.h). A corrupt or truncated JPEG fails
// the task with the file's name and the decoder's message. The checksum is
// the resized pixels'.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/string_view.h"
#include "core/flag_types.h"
#include "core/suite_flag.h"
#include "core/workload.h"
#include "workloads/files/whole_file.h"
#include "workloads/hashing/bytes_checksum.h"
#include "workloads/photos/photo_inputs.h"
#include "workloads/photos/resize.h"
#include "workloads/photos/turbo_jpeg.h"

EXECBENCH_FLAG(execbench::TaskCount, image_tasks, {200},
               "Image: JPEGs per batch, one per task");

namespace execbench {
namespace {

class Image final : public Workload {
 public:
  explicit Image(PhotoInputs inputs) : inputs_(std::move(inputs)) {}

  absl::StatusOr<uint64_t> RunTask(int index) override {
    const std::string path = inputs_.Path(index);
    absl::StatusOr<std::string> jpeg = ReadWholeFile(path);
    if (!jpeg.ok()) return jpeg.status();
    absl::StatusOr<RgbImage> decoded = DecodeJpeg(*jpeg, path);
    if (!decoded.ok()) return decoded.status();
    absl::StatusOr<RgbImage> resized =
        ResizeRgb(*decoded, inputs_.resized, inputs_.resized);
    if (!resized.ok()) return resized.status();
    return BytesChecksum(
        absl::string_view(reinterpret_cast<const char*>(resized->pixels.data()),
                          resized->pixels.size()));
  }

 private:
  const PhotoInputs inputs_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeImage(const WorkloadSpec& spec) {
  absl::StatusOr<PhotoInputs> inputs = PhotoInputs::FromSpec(spec);
  if (!inputs.ok()) return inputs.status();
  return std::make_unique<Image>(*std::move(inputs));
}

absl::StatusOr<WorkloadRun> ImageFromFlags() {
  const int tasks = absl::GetFlag(FLAGS_image_tasks).value;
  absl::StatusOr<std::map<std::string, std::string>> params =
      PhotoInputsFromFlags(tasks);
  if (!params.ok()) return params.status();
  return WorkloadRun{.spec = {.params = *std::move(params)},
                     .tasks = tasks,
                     .running_task_bytes = PhotoTaskBytes()};
}

}  // namespace

EXECBENCH_REGISTER_WORKLOAD(
    {.name = "Image",
     .description = "decode one JPEG (TurboJPEG) and resize it to 224 x 224 "
                    "(stb_image_resize), the study's image resize",
     .make = MakeImage,
     .from_flags = ImageFromFlags,
     // The study: 5,000 JPEGs of 256 x 256.
     .seed_profile = {{"image_tasks", "5000"}, {"image_size", "256"}},
     .small_profile = {{"image_tasks", "5"}, {"image_size", "64"}}});

}  // namespace execbench
