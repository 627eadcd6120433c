// The wall clock's context entry, as calibrated at the top of main().

#include "benchmarks/context/wall_clock.h"

#include "executors/clock.h"

namespace execbench {

ContextEntries WallClockContext() {
  return {{"execbench_wall_clock", WallClockInUse()}};
}

}  // namespace execbench
