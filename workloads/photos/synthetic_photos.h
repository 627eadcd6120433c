// Synthetic photo-like JPEGs, the inputs of Image and PyImage: made
// deterministically in the run's private folder before the first batch (the
// study's images were 256 x 256 JPEG chips of satellite photos), removed at
// exit with the folder.
//
// Each image is colour gradients plus smooth noise at several scales and a
// fine grain: at quality 90 that compresses to about 2 bits per pixel, as
// photos do, so that decoding does a photo's work. Flat or random images
// would not: the first decodes almost for free, the second is all entropy.

#ifndef EXECBENCH_WORKLOADS_PHOTOS_SYNTHETIC_PHOTOS_H_
#define EXECBENCH_WORKLOADS_PHOTOS_SYNTHETIC_PHOTOS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "workloads/photos/turbo_jpeg.h"

namespace execbench {

// Photo `index` of side `size`: depends only on the two.
RgbImage SyntheticPhoto(int size, int index);

// The run's folder that holds photos 0 .. count-1 of side `size` as JPEGs
// (quality 90), made on the first call that needs them.
absl::StatusOr<std::string> SyntheticPhotoFolder(int count, int size);

// The file of photo `index` of side `size` in `folder`.
std::string SyntheticPhotoPath(absl::string_view folder, int size, int index);

}  // namespace execbench

#endif  // EXECBENCH_WORKLOADS_PHOTOS_SYNTHETIC_PHOTOS_H_
