// libomp's registration file of a process, removed.

#include "executors/openmp_registration.h"

#include <sys/mman.h>
#include <unistd.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace execbench {

void RemoveOpenMpRegistration(pid_t pid) {
  // libomp's __kmp_reg_status_name(): the pid and the real user.
  const std::string name =
      absl::StrCat("__KMP_REGISTERED_LIB_", pid, "_", getuid());
  shm_unlink(absl::StrCat("/", name).c_str());
  unlink(absl::StrCat("/tmp/", name).c_str());
}

}  // namespace execbench
