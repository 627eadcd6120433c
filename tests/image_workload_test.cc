// Tests of the Image and PyImage workloads and their inputs: photo-like
// synthetic JPEGs that depend only on their index, decoding and resizing to
// the study's size, and a corrupt or truncated JPEG that fails the task with
// the file's name and the decoder's message. The conformance tests check
// their checksums across executors.

#include <cmath>
#include <numeric>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/workload.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/workload_batches.h"
#include "workloads/files/whole_file.h"
#include "workloads/photos/photo_inputs.h"
#include "workloads/photos/resize.h"
#include "workloads/photos/synthetic_photos.h"
#include "workloads/photos/turbo_jpeg.h"
#include "workloads/scratch/scratch_dir.h"

namespace execbench {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr int kSize = 64;

double MeanValue(const RgbImage& image) {
  return std::accumulate(image.pixels.begin(), image.pixels.end(), 0.0) /
         image.pixels.size();
}

TEST(ImageWorkloadTest, SyntheticPhotosDependOnlyOnSizeAndIndex) {
  EXPECT_EQ(SyntheticPhoto(kSize, 3).pixels, SyntheticPhoto(kSize, 3).pixels);
  EXPECT_NE(SyntheticPhoto(kSize, 3).pixels, SyntheticPhoto(kSize, 4).pixels);
}

TEST(ImageWorkloadTest, SyntheticPhotosCompressLikePhotos) {
  for (int index : {0, 1, 2}) {
    absl::StatusOr<std::string> jpeg =
        EncodeJpeg(SyntheticPhoto(256, index), 90);
    ASSERT_TRUE(jpeg.ok()) << jpeg.status();
    const double bits_per_pixel = 8.0 * jpeg->size() / (256 * 256);
    EXPECT_GT(bits_per_pixel, 1.0) << index;
    EXPECT_LT(bits_per_pixel, 4.0) << index;
  }
}

TEST(ImageWorkloadTest, DecodedAndResizedToTheStudysSizeKeepingColours) {
  const RgbImage photo = SyntheticPhoto(256, 7);
  absl::StatusOr<std::string> jpeg = EncodeJpeg(photo, 90);
  ASSERT_TRUE(jpeg.ok()) << jpeg.status();
  absl::StatusOr<RgbImage> decoded = DecodeJpeg(*jpeg, "photo");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->width, 256);
  EXPECT_EQ(decoded->height, 256);
  absl::StatusOr<RgbImage> resized = ResizeRgb(*decoded, 224, 224);
  ASSERT_TRUE(resized.ok()) << resized.status();
  EXPECT_EQ(resized->pixels.size(), 224u * 224 * 3);
  EXPECT_NEAR(MeanValue(*resized), MeanValue(photo), 2.0);
}

class BadJpegTest : public ::testing::TestWithParam<const char*> {
 protected:
  // A folder with a good photo 0 and photo 1 as `bytes`.
  WorkloadSpec SpecWithPhoto1(const std::string& bytes) {
    const std::string folder = scratch_.path();
    absl::StatusOr<std::string> good = EncodeJpeg(SyntheticPhoto(kSize, 0), 90);
    EXPECT_TRUE(good.ok());
    EXPECT_TRUE(
        WriteWholeFile(SyntheticPhotoPath(folder, kSize, 0), *good).ok());
    EXPECT_TRUE(
        WriteWholeFile(SyntheticPhotoPath(folder, kSize, 1), bytes).ok());
    WorkloadSpec spec{.name = GetParam(),
                      .params = {{"folder", folder},
                                 {"size", absl::StrCat(kSize)},
                                 {"resized", absl::StrCat(kResizedSide)}}};
    if (spec.name == "PyImage") spec.params["module"] = "PIL";
    return spec;
  }

  std::string GoodJpeg() { return *EncodeJpeg(SyntheticPhoto(kSize, 1), 90); }

  ScratchDir scratch_ = *ScratchDir::Create(DefaultScratchParent());
};

TEST_P(BadJpegTest, TruncatedOrCorruptJpegFailsTheTaskWithNameAndReason) {
  const bool in_cpp = std::string(GetParam()) == "Image";
  const std::string good = GoodJpeg();
  struct Case {
    std::string bytes;
    std::string reason;
  };
  const Case cases[] = {
      {good.substr(0, good.size() / 2),
       in_cpp ? "Premature end of JPEG file"
              : "OSError: image file is truncated"},
      {"this is not a JPEG at all",
       in_cpp ? "Not a JPEG file" : "UnidentifiedImageError: cannot identify"}};
  for (const Case& test : cases) {
    const WorkloadSpec spec = SpecWithPhoto1(test.bytes);
    for (const std::string& executor : RegisteredExecutorNames(spec.name)) {
      absl::StatusOr<BatchResult> batch = RunWorkloadBatch(executor, spec, 2);
      ASSERT_FALSE(batch.ok()) << executor;
      EXPECT_THAT(
          std::string(batch.status().message()),
          AllOf(HasSubstr("task 1 failed"),
                HasSubstr(SyntheticPhotoPath(scratch_.path(), kSize, 1)),
                HasSubstr(test.reason)))
          << executor;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ImageWorkloads, BadJpegTest,
                         ::testing::Values("Image", "PyImage"),
                         [](const auto& info) {
                           return std::string(info.param);
                         });

}  // namespace
}  // namespace execbench
