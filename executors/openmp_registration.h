// RemoveOpenMpRegistration(): what LLVM's OpenMP runtime leaves behind for a
// process that did not exit() (clang builds link it; libgomp registers
// nothing).
//
// libomp registers every process it runs in, to detect a second copy of
// itself loaded in the same process: a shared-memory file,
// /dev/shm/__KMP_REGISTERED_LIB_<pid>_<uid> (in later versions, /tmp/...
// where /dev/shm cannot be used), made when the library loads and, through
// its fork handler, in every child forked from then on, even one that never
// uses OpenMP (LLVM 14, Debian 12's; later versions wait until the child
// uses it). Its destructor removes the file at exit(). A
// process that ends with _exit() or by a signal, as fork servers and
// process-pool workers do, leaves it. So whoever reaps such a process removes
// the file, between learning that the child has ended and reaping it: until
// then the zombie holds the pid, and no other process can have registered
// under it.

#ifndef EXECBENCH_EXECUTORS_OPENMP_REGISTRATION_H_
#define EXECBENCH_EXECUTORS_OPENMP_REGISTRATION_H_

#include <sys/types.h>

namespace execbench {

// Removes the registration of ended, not yet reaped child `pid`, if any.
// It allocates nothing, so that a signal handler may call it.
void RemoveOpenMpRegistration(pid_t pid);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_OPENMP_REGISTRATION_H_
