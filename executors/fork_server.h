// The fork server: single-threaded processes forked at the top of main(),
// before the program starts any thread, from which process-pool workers are
// forked.
//
// Why: fork() copies only the calling thread. A child forked from a parent
// that runs other threads inherits locks those threads held (malloc's, stdio's,
// libcurl's and the loopback server's) and OpenMP's thread-pool state, and can
// deadlock on first use; this is why Python moved to forkserver and spawn.
// Forking from a process that never started a thread is always safe, and
// unlike spawn (exec of a fresh binary) it costs one fork per worker, not a
// dynamic link and static initialisation of the whole binary.
//
// One fork of this program costs 0.3-0.4 ms on a 2-vCPU VM (it copies the
// mappings of some 50 libraries), and a process cannot fork twice at once.
// So there is one server per core, and each batch's workers are forked by
// all of them together: W workers start in the time of W / servers forks
// rather than W. There is no cap: a server is an idle process holding a
// copy of the program's page tables (100 KiB on the 2-vCPU VM), taken
// before anything large is allocated, and with fewer servers than cores the
// largest process pools of the grid (twice the cores) would start ever more
// slowly than their threads on a larger machine.
//
// The servers reap their workers themselves, so they report how each one
// ended (exit code or signal, its CPU time and involuntary context switches)
// and leave no zombie. Each exits when the program closes its end of its
// socket, which the program does at exit and then reaps it, and dies with the
// program (PR_SET_PDEATHSIG), as do its workers with it.

#ifndef EXECBENCH_EXECUTORS_FORK_SERVER_H_
#define EXECBENCH_EXECUTORS_FORK_SERVER_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/machine_cores.h"

namespace execbench {

// Starts `servers` fork servers, one per core unless told otherwise (a test
// starts as many as a larger machine would). Call once, at the top of main(),
// before anything starts a thread. Process pools fail with a clear error
// without it.
absl::Status StartForkServer(int servers = MachineCores());

// Closes the program's end of every server's socket and waits for the
// servers to exit. StartForkServer() arranges for it to run at exit; safe to
// call again.
void StopForkServer();

// The fork servers' pids; none if they are not running.
std::vector<pid_t> ForkServerPids();

// How one worker process ended.
struct WorkerExit {
  pid_t pid = 0;        // 0: it could not be forked
  int wait_status = 0;  // as from waitpid()
  int64_t cpu_ns = 0;   // its user + system CPU time
  int64_t involuntary_switches = 0;
};

// Has the fork servers fork `workers` processes that run RunPoolWorker() on
// the batch whose shared memory is `batch_fd`, and waits until all of them
// have exited. The first abnormal exit is recorded as the batch's failure.
// Batches from several threads take turns.
absl::StatusOr<std::vector<WorkerExit>> RunPoolWorkers(
    int batch_fd, absl::string_view spec_text, int workers);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_FORK_SERVER_H_
