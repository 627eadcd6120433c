// Reading another process's /proc/PID/stat, from which rank 0 learns whether
// a worker rank on its host has ended and when mpirun started.

#ifndef EXECBENCH_EXECUTORS_MPI_WORLD_PROC_STAT_H_
#define EXECBENCH_EXECUTORS_MPI_WORLD_PROC_STAT_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace execbench::mpi {

// The first field of /proc/PID/stat that ProcStatFieldsAfterName() returns:
// field N of proc(5) is at index N - kFirstFieldAfterName.
inline constexpr int kFirstFieldAfterName = 3;

// The fields of /proc/`pid`/stat after the command name (which may itself
// hold spaces and parentheses), the process's state first; none when the
// process is gone.
std::vector<std::string> ProcStatFieldsAfterName(pid_t pid);

}  // namespace execbench::mpi

#endif  // EXECBENCH_EXECUTORS_MPI_WORLD_PROC_STAT_H_
