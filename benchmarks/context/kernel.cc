// Reading the kernel's release with uname(2).

#include "benchmarks/context/kernel.h"

#include <sys/utsname.h>

namespace execbench {

ContextEntries KernelContext() {
  utsname names;
  return {{"execbench_kernel", uname(&names) == 0 ? names.release : "unknown"}};
}

}  // namespace execbench
