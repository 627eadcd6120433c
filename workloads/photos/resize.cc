// Catmull-Rom resampling of RGB images with stb_image_resize.

#include "workloads/photos/resize.h"

#include <stb_image_resize.h>

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace execbench {

absl::StatusOr<RgbImage> ResizeRgb(const RgbImage& image, int width,
                                   int height) {
  RgbImage resized{.width = width,
                   .height = height,
                   .pixels = std::vector<uint8_t>(size_t{3} * width * height)};
  if (stbir_resize_uint8_generic(
          image.pixels.data(), image.width, image.height, /*stride=*/0,
          resized.pixels.data(), width, height, /*stride=*/0, /*channels=*/3,
          STBIR_ALPHA_CHANNEL_NONE, /*flags=*/0, STBIR_EDGE_CLAMP,
          STBIR_FILTER_CATMULLROM, STBIR_COLORSPACE_LINEAR,
          /*alloc_context=*/nullptr) == 0) {
    return absl::InternalError(absl::StrCat("cannot resize ", image.width,
                                            " x ", image.height, " to ", width,
                                            " x ", height));
  }
  return resized;
}

}  // namespace execbench
