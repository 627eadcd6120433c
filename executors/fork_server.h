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
// ended (exit code or signal, its CPU time and involuntary context switches,
// in the batch's shared memory) and leave no zombie. Their waits are bounded:
// a worker that is stopped (SIGSTOP) fails the batch at once, and at the
// batch timeout a server kills the workers still running and names them and
// their tasks. Each server exits when the program closes its end of its
// socket, which the program does at exit and then reaps it (killing one that
// has not ended within 2 s), and dies with the program (PR_SET_PDEATHSIG),
// as do its workers with it.
//
// Nothing that a batch's workers start outlives the batch. Each server
// (preloaded ones too) is a child subreaper, so that what a worker leaves
// running when it ends, normally or killed (at the batch timeout, by the OOM
// killer, in a crash), is reparented to the server rather than to init: a
// command that Cmd started in a process group of its own and its children, a
// child that left its group with setsid, a daemon that forked twice. Once
// the batch's workers are reaped, and before it replies, the server kills
// these with their process groups and reaps them, and then their own
// orphans, until none is left (executors/server_children.h): when
// RunPoolWorkers() returns, none of them runs. This costs the batch one
// system call (a waitid() that finds no child), or a read of /proc/<pid>/
// task/<tid>/children in a fork server with preloaded servers; nothing per
// task. What the workers of a lost server leave is ended by the server
// above it, a preloaded server's fork server, before it forks the
// replacement; a fork server that dies (SIGKILL, the OOM killer) leaves its
// workers' strays to init.
//
// A workload that prepares before fork (Workload::prepares_before_fork())
// has preloaded servers, as Python's forkserver with preload: each fork
// server forks one for the workload's spec, outside the timed region and
// once per spec for the program's life, which builds the workload and runs
// its PrepareBeforeFork() (start an interpreter, import modules); the
// server checks that it left one thread. Each batch's workers are then
// forked from these and inherit what was preloaded. A preloaded server dies
// with its fork server, which reaps it and kills it when the program closes
// its socket; one that is lost is replaced before the next batch.
//
// A server that dies (a signal, the OOM killer) fails the batch it serves,
// naming the signal, and one that stops answering (stopped, or hung past
// the batch timeout) is killed. Either is replaced before the next batch:
// the program, which now runs threads and so cannot fork one, starts its
// own binary again with exec (posix_spawn), which becomes a server at the
// top of main() and adopts the program's wall clock (executors/clock.h).

#ifndef EXECBENCH_EXECUTORS_FORK_SERVER_H_
#define EXECBENCH_EXECUTORS_FORK_SERVER_H_

#include <sys/types.h>

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/machine_cores.h"
#include "executors/shared_batch.h"

namespace execbench {

// Starts `servers` fork servers, one per core unless told otherwise (a test
// starts as many as a larger machine would). Call once, at the top of main(),
// before anything starts a thread. Process pools fail with a clear error
// without it. In a process started as a replacement server, it serves and
// never returns.
absl::Status StartForkServer(int servers = MachineCores());

// Closes the program's end of every server's socket and waits for the
// servers to exit, killing those that do not. StartForkServer() arranges for
// it to run at exit; safe to call again.
void StopForkServer();

// The fork servers' pids; none if they are not running.
std::vector<pid_t> ForkServerPids();

// The preloaded servers' pids, of every spec.
std::vector<pid_t> PreloadedForkServerPids();

// Makes sure that the fork servers have preloaded servers for the workload
// of `spec_text`, forking them, and waiting at most `timeout` for them to
// preload it, if they have not (or one was lost). RunPoolWorkers() then
// forks that spec's workers from them.
absl::Status PreloadForkServers(absl::string_view spec_text,
                                absl::Duration timeout);

// Has the fork servers (or the spec's preloaded servers) fork `workers`
// processes that run RunPoolWorker() on `batch` (with the workload spec
// `spec_text`), each recording its pid and how it ended in batch.worker(w), and
// waits until all have ended: at most `timeout`, after which the servers kill
// the workers still running. The first abnormal end is the batch's failure
// (batch.failure()); an error here means that the servers could not run the
// batch. Batches from several threads take turns.
absl::Status RunPoolWorkers(const SharedBatch& batch,
                            absl::string_view spec_text, int workers,
                            absl::Duration timeout);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_FORK_SERVER_H_
