// ResizeRgb(): resampling with stb_image_resize (Debian's libstb-dev), a
// small, well-tested separable resampler, with the filter Pillow's
// Image.resize uses by default for photos: bicubic with a = -0.5, which is
// Catmull-Rom, on the stored (gamma-encoded) values as Pillow does.

#ifndef EXECBENCH_WORKLOADS_PHOTOS_RESIZE_H_
#define EXECBENCH_WORKLOADS_PHOTOS_RESIZE_H_

#include "absl/status/statusor.h"
#include "workloads/photos/turbo_jpeg.h"

namespace execbench {

// `image` resampled to `width` x `height`.
absl::StatusOr<RgbImage> ResizeRgb(const RgbImage& image, int width,
                                   int height);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_PHOTOS_RESIZE_H_
