// What a process holds that an executor must give back after a batch: its
// threads, its open descriptors and its child processes, read from /proc.

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

// The fork servers' children, which should be none between batches.
std::string ChildrenOfForkServers();

// This process's children other than its fork servers.
std::string ChildrenBesidesForkServers();

}  // namespace execbench

#endif  // EXECBENCH_TESTS_PROCESS_RESOURCES_H_
