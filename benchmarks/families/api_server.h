// ApiServer/concurrent_clients:{16,64,256}: benchmarks of the suite's own
// loopback HTTP server (see api_server.cc).

#ifndef EXECBENCH_BENCHMARKS_FAMILIES_API_SERVER_H_
#define EXECBENCH_BENCHMARKS_FAMILIES_API_SERVER_H_

namespace execbench {

void RegisterApiServerBenchmarks();

}  // namespace execbench

#endif  // EXECBENCH_BENCHMARKS_FAMILIES_API_SERVER_H_
