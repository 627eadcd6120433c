// The machine's online cores, as std::thread counts them.

#include "core/machine_cores.h"

#include <algorithm>
#include <thread>

namespace execbench {

int MachineCores() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace execbench
