// Reading another process's /proc/PID/stat: whether a child or a worker rank
// on this host has ended or was stopped, and when mpirun started.

#ifndef EXECBENCH_EXECUTORS_PROC_STAT_H_
#define EXECBENCH_EXECUTORS_PROC_STAT_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace execbench {

// The first field of /proc/PID/stat that ProcStatFieldsAfterName() returns:
// field N of proc(5) is at index N - kFirstFieldAfterName.
inline constexpr int kFirstFieldAfterName = 3;

// The fields of /proc/`pid`/stat after the command name (which may itself
// hold spaces and parentheses), the process's state first; none when the
// process is gone.
std::vector<std::string> ProcStatFieldsAfterName(pid_t pid);

// Whether process `pid` has ended: gone, or a zombie not yet reaped.
bool ProcessEnded(pid_t pid);

// Whether process `pid` is stopped by a signal (SIGSTOP, SIGTSTP, ...) or a
// tracer.
bool ProcessStopped(pid_t pid);

// How many threads process `pid` runs; 0 when it is gone.
int ProcessThreads(pid_t pid);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_PROC_STAT_H_
