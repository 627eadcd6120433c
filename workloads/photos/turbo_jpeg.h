// JPEG encoding and decoding with TurboJPEG (libjpeg-turbo's API, Debian's
// libturbojpeg0-dev): the well-kept, SIMD-accelerated codec that Pillow
// itself decodes with on Debian.

#ifndef EXECBENCH_WORKLOADS_PHOTOS_TURBO_JPEG_H_
#define EXECBENCH_WORKLOADS_PHOTOS_TURBO_JPEG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

// The widest and tallest a JPEG can be: its header holds each in 16 bits.
inline constexpr int kMaxJpegSide = 65535;

// An 8-bit RGB image, rows top to bottom, 3 bytes per pixel.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * 3
};

// `image` as a baseline JPEG of `quality` (1-100), 4:2:0 as cameras save.
absl::StatusOr<std::string> EncodeJpeg(const RgbImage& image, int quality);

// The JPEG `jpeg` decoded to RGB. Warnings are errors too, so that a
// truncated file fails rather than decoding to grey. Errors name `name` and
// give the decoder's message. Uses one decoder per thread.
absl::StatusOr<RgbImage> DecodeJpeg(absl::string_view jpeg,
                                    absl::string_view name);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_PHOTOS_TURBO_JPEG_H_
