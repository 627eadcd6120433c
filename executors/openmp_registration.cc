// libomp's registration file of a process, removed.

#include "executors/openmp_registration.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>

namespace execbench {
namespace {

// Writes the decimal digits of `value` at `out`; returns their end.
char* AppendDecimal(char* out, unsigned long value) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count > 0) *out++ = digits[--count];
  return out;
}

}  // namespace

void RemoveOpenMpRegistration(pid_t pid) {
  // libomp's __kmp_reg_status_name(): the pid and the real user; written
  // without allocating, for EndChildrenBut() (executors/server_children.h).
  constexpr char kTmp[] = "/tmp";
  constexpr char kPrefix[] = "/__KMP_REGISTERED_LIB_";
  char path[sizeof kTmp + sizeof kPrefix + 48];
  char* end = path;
  std::memcpy(end, kTmp, sizeof kTmp - 1);
  end += sizeof kTmp - 1;
  std::memcpy(end, kPrefix, sizeof kPrefix - 1);
  end += sizeof kPrefix - 1;
  end = AppendDecimal(end, static_cast<unsigned long>(pid));
  *end++ = '_';
  end = AppendDecimal(end, getuid());
  *end = '\0';
  shm_unlink(path + sizeof kTmp - 1);
  unlink(path);
}

}  // namespace execbench
