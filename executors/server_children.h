// The children of a server process, a fork server (executors/fork_server.h)
// or a worker rank (executors/mpi_world/rank_service.h): reaping one that
// has ended, and ending those that its workers or tasks left behind.
//
// A server is a child subreaper (prctl(PR_SET_CHILD_SUBREAPER)): whatever
// its workers or tasks leave running when they end is reparented to it
// rather than to init: a command that Cmd started in a process group of its
// own (when the worker that started it was killed), a child that left its
// group with setsid, a daemon that forked twice. EndChildrenBut() kills
// these strays with their process groups and reaps them, repeating while
// their own orphans come to the server in turn, so that nothing outlives the
// batch that started it.

#ifndef EXECBENCH_EXECUTORS_SERVER_CHILDREN_H_
#define EXECBENCH_EXECUTORS_SERVER_CHILDREN_H_

#include <sys/resource.h>
#include <sys/types.h>

#include "absl/types/span.h"

namespace execbench {

// Reaps child `pid`, which has ended, removing what it leaves behind first
// (executors/openmp_registration.h); returns its wait status.
int ReapChild(pid_t pid, rusage* usage = nullptr);

// Makes this process the one that its orphaned descendants are reparented
// to.
void AdoptOrphans();

// Kills (SIGKILL, to its process group when it leads one, and to itself) and
// reaps every child of this process but `kept`, found in /proc/self/task/
// <tid>/children, until none is left. One system call when this process
// has no child at all and keeps none. It allocates nothing, so that a
// signal handler may call it.
void EndChildrenBut(absl::Span<const pid_t> kept);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_SERVER_CHILDREN_H_
