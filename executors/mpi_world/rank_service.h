// What a worker rank of the Mpi executor does: wait for rank 0's commands,
// sleeping between probes (longer the longer it idles) so that an idle rank
// costs next to no CPU (a rank blocked in MPI_Recv spins a whole core with
// Open MPI's ob1), and run each batch it is given: rebuild and prepare the
// workload from its spec inside the timed region, as process-pool workers
// do, then take tasks from the shared counter in rank 0's window until none
// is left or a task failed, their payloads asked of rank 0 and their
// results sent back with the rank's (payload_messages.h).
//
// What its tasks leave running ends with the batch, or with the job: a rank
// is a child subreaper, so that a command's children that left its process
// group come to it when the command exits; once it has sent a batch's
// result, outside the batch's time, it kills and reaps them
// (executors/server_children.h). When mpirun ends the job with SIGTERM (a
// rank died, or rank 0 gave up on a batch at the batch timeout), it kills
// its children and their process groups, the commands its task is running,
// and what those leave, before it dies. A rank killed outright (SIGKILL, the
// OOM killer) can do neither: what its tasks started is reparented to init.

#ifndef EXECBENCH_EXECUTORS_MPI_WORLD_RANK_SERVICE_H_
#define EXECBENCH_EXECUTORS_MPI_WORLD_RANK_SERVICE_H_

#include <mpi.h>

namespace execbench::mpi {

// Serves rank 0 until it says exit, then frees `window`, finalizes MPI and
// exits the process. Exits too if the process that launched this rank
// (mpirun or its daemon) is gone, so that no rank outlives its job.
[[noreturn]] void ServeRankZero(MPI_Win window);

}  // namespace execbench::mpi

#endif  // EXECBENCH_EXECUTORS_MPI_WORLD_RANK_SERVICE_H_
