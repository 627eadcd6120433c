// What a worker rank of the Mpi executor does: wait for rank 0's commands,
// sleeping between probes (longer the longer it idles) so that an idle rank
// costs next to no CPU (a rank blocked in MPI_Recv spins a whole core with
// Open MPI's ob1), and run each batch it is given: rebuild and prepare the
// workload from its spec inside the timed region, as process-pool workers
// do, then take tasks from the shared counter in rank 0's window until none
// is left or a task failed, their payloads asked of rank 0 and their
// results sent back with the rank's (payload_messages.h).

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
