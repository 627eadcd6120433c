// Deterministic photo-like images, and the run's folder of them as JPEGs.

#include "workloads/photos/synthetic_photos.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "workloads/files/whole_file.h"
#include "workloads/hashing/stable_hash.h"
#include "workloads/scratch/run_folder.h"

namespace execbench {
namespace {

constexpr uint64_t kPhotoSeed = 224;
constexpr int kQuality = 90;

// A value in [-1, 1] from a hash.
double Unit(uint64_t hash) {
  return static_cast<double>(hash >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

// Smooth noise of one channel with lattice spacing `period`: random values at
// the lattice points, interpolated with a smoothstep.
class ValueNoise {
 public:
  ValueNoise(uint64_t seed, int size, int period)
      : period_(period), points_(size / period + 2) {
    lattice_.resize(points_ * points_);
    for (int i = 0; i < points_ * points_; ++i) {
      lattice_[i] = Unit(StableHash(seed, i));
    }
  }

  double At(int x, int y) const {
    const int cx = x / period_, cy = y / period_;
    const double fx = Smooth(double(x % period_) / period_);
    const double fy = Smooth(double(y % period_) / period_);
    auto point = [&](int px, int py) { return lattice_[py * points_ + px]; };
    const double top = point(cx, cy) * (1 - fx) + point(cx + 1, cy) * fx;
    const double bottom =
        point(cx, cy + 1) * (1 - fx) + point(cx + 1, cy + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  }

 private:
  static double Smooth(double t) { return t * t * (3 - 2 * t); }

  const int period_;
  const int points_;
  std::vector<double> lattice_;
};

}  // namespace

RgbImage SyntheticPhoto(int size, int index) {
  struct Octave {
    int period;
    double amplitude;
  };
  constexpr Octave kOctaves[] = {{64, 40}, {32, 24}, {16, 14}, {8, 9}, {4, 6}};
  const uint64_t seed = StableHash(StableHash(kPhotoSeed, size), index);
  RgbImage image{.width = size,
                 .height = size,
                 .pixels = std::vector<uint8_t>(size_t{3} * size * size)};
  for (int channel = 0; channel < 3; ++channel) {
    const uint64_t channel_seed = StableHash(seed, channel);
    const double base = 128 + 60 * Unit(StableHash(channel_seed, 1));
    const double slope_x = 60 * Unit(StableHash(channel_seed, 2)) / size;
    const double slope_y = 60 * Unit(StableHash(channel_seed, 3)) / size;
    std::vector<ValueNoise> noises;
    for (const Octave& octave : kOctaves) {
      noises.emplace_back(StableHash(channel_seed, 100 + octave.period), size,
                          octave.period);
    }
    for (int y = 0; y < size; ++y) {
      for (int x = 0; x < size; ++x) {
        double value = base + slope_x * x + slope_y * y;
        for (size_t i = 0; i < noises.size(); ++i) {
          value += kOctaves[i].amplitude * noises[i].At(x, y);
        }
        value += 3 * Unit(StableHash(channel_seed, y * size + x + 1000));
        image.pixels[(size_t{1} * y * size + x) * 3 + channel] =
            static_cast<uint8_t>(std::clamp(value, 0.0, 255.0));
      }
    }
  }
  return image;
}

std::string SyntheticPhotoPath(absl::string_view folder, int size, int index) {
  return absl::StrCat(folder, "/photo-", size, "-", index, ".jpg");
}

absl::StatusOr<std::string> SyntheticPhotoFolder(int count, int size) {
  ABSL_CONST_INIT static absl::Mutex mutex(absl::kConstInit);
  // Per folder and side, how many photos it holds.
  static auto* made = new std::map<std::pair<std::string, int>, int>();
  absl::StatusOr<std::string> folder = RunFolder("Image");
  if (!folder.ok()) return folder.status();
  absl::MutexLock lock(&mutex);
  int& photos = (*made)[{*folder, size}];
  for (; photos < count; ++photos) {
    absl::StatusOr<std::string> jpeg =
        EncodeJpeg(SyntheticPhoto(size, photos), kQuality);
    if (!jpeg.ok()) return jpeg.status();
    if (absl::Status written =
            WriteWholeFile(SyntheticPhotoPath(*folder, size, photos), *jpeg);
        !written.ok()) {
      return written;
    }
  }
  return folder;
}

}  // namespace execbench
