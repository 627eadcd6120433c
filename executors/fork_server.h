// The fork server: a single-threaded process forked at the top of main(),
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
// The server reaps its workers itself, so it reports how each one ended (exit
// code or signal, its CPU time and involuntary context switches) and leaves
// no zombie. It exits when the program closes its end of the socket, which
// the program does at exit and then reaps it, and dies with the program
// (PR_SET_PDEATHSIG), as do its workers with it.

#ifndef EXECBENCH_EXECUTORS_FORK_SERVER_H_
#define EXECBENCH_EXECUTORS_FORK_SERVER_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace execbench {

// Starts the fork server. Call once, at the top of main(), before anything
// starts a thread. Process pools fail with a clear error without it.
absl::Status StartForkServer();

// Closes the program's end of the socket and waits for the server to exit.
// StartForkServer() arranges for it to run at exit; safe to call again.
void StopForkServer();

// The fork server's pid, or 0 if it is not running.
pid_t ForkServerPid();

// How one worker process ended.
struct WorkerExit {
  pid_t pid = 0;        // 0: it could not be forked
  int wait_status = 0;  // as from waitpid()
  int64_t cpu_ns = 0;   // its user + system CPU time
  int64_t involuntary_switches = 0;
};

// Has the fork server fork `workers` processes that run RunPoolWorker() on
// the batch whose shared memory is `batch_fd`, and waits until all of them
// have exited. The first abnormal exit is recorded as the batch's failure.
// Batches from several threads take turns.
absl::StatusOr<std::vector<WorkerExit>> RunPoolWorkers(
    int batch_fd, absl::string_view spec_text, int workers);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_FORK_SERVER_H_
