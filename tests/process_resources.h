// What a process holds that an executor must give back after a batch: its
// threads and its open descriptors, read from /proc/self.

#ifndef EXECBENCH_TESTS_PROCESS_RESOURCES_H_
#define EXECBENCH_TESTS_PROCESS_RESOURCES_H_

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

}  // namespace execbench

#endif  // EXECBENCH_TESTS_PROCESS_RESOURCES_H_
