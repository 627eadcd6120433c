// The batch timeout: the longest that a batch may wait for what the
// executor cannot see into, worker processes (Processes), worker ranks (Mpi)
// or an event loop's tasks (EventLoop), before it fails naming the workers or
// tasks still running: a worker that was stopped, loops or waits forever
// cannot hang the run. `bench --batch_timeout_s` sets it. Its default, 600 s,
// is ten times what the longest batches of --profile=seed come to by their
// sizes on one worker of a 2-core machine (about a minute: Dot's 10 products
// of 3000 x 3000 matrices, Add's 20 sums of 20000 x 20000 matrices after
// building 6.4 GB of inputs), so that it ends no batch that is only slow.

#ifndef EXECBENCH_EXECUTORS_BATCH_TIMEOUT_H_
#define EXECBENCH_EXECUTORS_BATCH_TIMEOUT_H_

#include <string>

#include "absl/time/time.h"

namespace execbench {

inline constexpr absl::Duration kDefaultBatchTimeout = absl::Seconds(600);

// Set once, before any batch.
absl::Duration BatchTimeout();
void SetBatchTimeout(absl::Duration timeout);

// How the failure of a batch that ran past `timeout` begins: "the batch ran
// past its timeout of 600 s (--batch_timeout_s)".
std::string BatchTimeoutPassed(absl::Duration timeout);

}  // namespace execbench

#endif  // EXECBENCH_EXECUTORS_BATCH_TIMEOUT_H_
