// TurboJPEG handles, and its errors as statuses.

#include "workloads/photos/turbo_jpeg.h"

#include <turbojpeg.h>

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace execbench {
namespace {

struct HandleDeleter {
  void operator()(void* handle) const { tjDestroy(handle); }
};
using Handle = std::unique_ptr<void, HandleDeleter>;

absl::Status TurboJpegError(tjhandle handle, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(what, ": ", tjGetErrorStr2(handle)));
}

}  // namespace

absl::StatusOr<std::string> EncodeJpeg(const RgbImage& image, int quality) {
  const Handle handle(tjInitCompress());
  if (handle == nullptr) return TurboJpegError(nullptr, "tjInitCompress");
  unsigned char* jpeg = nullptr;
  unsigned long size = 0;
  if (tjCompress2(handle.get(), image.pixels.data(), image.width,
                  /*pitch=*/0, image.height, TJPF_RGB, &jpeg, &size, TJSAMP_420,
                  quality, /*flags=*/0) != 0) {
    tjFree(jpeg);
    return TurboJpegError(handle.get(), "cannot encode a JPEG");
  }
  std::string encoded(reinterpret_cast<const char*>(jpeg), size);
  tjFree(jpeg);
  return encoded;
}

absl::StatusOr<RgbImage> DecodeJpeg(absl::string_view jpeg,
                                    absl::string_view name) {
  // A decoder per thread, made on the thread's first image and destroyed
  // when the thread ends: a worker keeps its own, as Pillow's do not share.
  thread_local const Handle handle(tjInitDecompress());
  if (handle == nullptr) return TurboJpegError(nullptr, "tjInitDecompress");
  const auto* data = reinterpret_cast<const unsigned char*>(jpeg.data());
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(handle.get(), data, jpeg.size(), &width, &height,
                          &subsampling, &colorspace) != 0) {
    return TurboJpegError(handle.get(), absl::StrCat("cannot decode ", name));
  }
  RgbImage image{.width = width,
                 .height = height,
                 .pixels = std::vector<uint8_t>(size_t{3} * width * height)};
  if (tjDecompress2(handle.get(), data, jpeg.size(), image.pixels.data(), width,
                    /*pitch=*/0, height, TJPF_RGB, TJFLAG_STOPONWARNING) != 0) {
    return TurboJpegError(handle.get(), absl::StrCat("cannot decode ", name));
  }
  return image;
}

}  // namespace execbench
