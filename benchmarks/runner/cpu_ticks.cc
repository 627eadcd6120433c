// Reading /proc/stat.

#include "benchmarks/runner/cpu_ticks.h"

#include <cstdio>

namespace execbench {

CpuTicks ReadCpuTicks() {
  FILE* stat = std::fopen("/proc/stat", "re");
  if (stat == nullptr) return {};
  long long v[8] = {};
  const int read =
      std::fscanf(stat, "cpu %lld %lld %lld %lld %lld %lld %lld %lld", &v[0],
                  &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
  std::fclose(stat);
  if (read != 8) return {};
  CpuTicks ticks;
  for (long long value : v) ticks.total += value;
  ticks.steal = v[7];
  return ticks;
}

}  // namespace execbench
