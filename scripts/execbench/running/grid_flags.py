"""The sizes at which scripts/run measures the grid, and scripts/ab compares
two builds at: bench flags that come before the user's, so that the user's
win (docs/running.md).

Sized for a default run of the whole grid to take under 10 minutes on a
2-core machine (each repetition of every benchmark takes about 50 s there):
one batch per repetition; bench's worker counts, which follow the machine
(1, 2, 4 on 2 cores; a run grows with their number, 6 on 16 cores, 8 on
64); Dot, PyDot and the image workloads at half their tasks, the loopback server's delay at 25 ms;
and the granularity sweep at 2 workers, 10 ms of work per core and at most
20,000 tasks per batch.
"""

GRID_FLAGS = ("--benchmark_min_time=0", "--dot_tasks=5", "--py_dot_tasks=5",
              "--image_tasks=100", "--py_image_tasks=100",
              "--api_delay_ms=25", "--granularity_workers=2",
              "--granularity_work_ms=10", "--granularity_max_tasks=20000")
