// ApiServer/concurrent_clients:{16,64,256}: benchmarks of the suite's own
// loopback HTTP server (see api_server_benchmark.cc).

#ifndef EXECBENCH_BENCHMARKS_API_SERVER_BENCHMARK_H_
#define EXECBENCH_BENCHMARKS_API_SERVER_BENCHMARK_H_

namespace execbench {

void RegisterApiServerBenchmarks();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_API_SERVER_BENCHMARK_H_
