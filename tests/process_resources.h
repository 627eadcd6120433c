// What a process holds that an executor must give back after a batch, and
// what it must not leave on the machine: its threads, its open descriptors,
// its listening sockets and its child processes, read from /proc, and the
// files in /dev/shm and $TMPDIR.

#ifndef EXECBENCH_TESTS_PROCESS_RESOURCES_H_
#define EXECBENCH_TESTS_PROCESS_RESOURCES_H_

#include <sys/types.h>

#include <set>
#include <string>

namespace execbench {

// The names in folder `path`, "." and ".." included.
std::set<std::string> ListDirectory(const std::string& path);

// The threads of this process.
int ThreadCount();

// The thread count once it is at most `limit`, or after a few seconds
// whatever it is then: a joined thread leaves /proc/self/task a moment after
// join() returns.
int ThreadCountSettledAt(int limit);

// The child processes of single-threaded process `pid`, as pids followed by
// spaces (Linux lists children per thread).
std::string ChildrenOf(pid_t pid);

// The fork servers' children but their preloaded servers, and the preloaded
// servers' children: the workers, which should be none between batches.
std::string ChildrenOfForkServers();

// This process's children other than its fork servers.
std::string ChildrenBesidesForkServers();

// The TCP sockets this process listens on, as "address:port" in /proc's
// hexadecimal.
std::set<std::string> ListeningSockets();

// The files of /dev/shm but LLVM OpenMP's registrations (clang builds), which
// every process that loads libomp makes, test processes beside this one
// included: OpenMpRegistrationsOf() looks for those of given processes.
std::set<std::string> SharedMemoryFiles();

// The registration files that LLVM OpenMP made for processes `pids` and that
// are still there (executors/openmp_registration.h).
std::set<std::string> OpenMpRegistrationsOf(const std::set<pid_t>& pids);

// The files in $TMPDIR, or /tmp.
std::set<std::string> TempFiles();

// The pids in a Test workload's task log (log_path): of every process that
// ran a task.
std::set<pid_t> PidsInTaskLog(const std::string& log_path);

}  // namespace execbench

#endif  // EXECBENCH_TESTS_PROCESS_RESOURCES_H_
