// EXECBENCH_STATIC_REGISTRATION(expression): evaluates `expression` (a call
// that adds something to a registry and returns true) while the program
// starts, from a uniquely named static at namespace scope. Workloads and
// executors register themselves with it, so that adding one is one file.
//
// The registries live in object libraries (see CMakeLists.txt): a static
// library would let the linker drop a file that nothing else refers to,
// and its registration with it.

#ifndef EXECBENCH_CORE_STATIC_REGISTRATION_H_
#define EXECBENCH_CORE_STATIC_REGISTRATION_H_

#define EXECBENCH_INTERNAL_CONCAT_(a, b) a##b
#define EXECBENCH_INTERNAL_CONCAT(a, b) EXECBENCH_INTERNAL_CONCAT_(a, b)

#define EXECBENCH_STATIC_REGISTRATION(...)                      \
  [[maybe_unused]] static const bool EXECBENCH_INTERNAL_CONCAT( \
      execbench_registered_, __COUNTER__) = (__VA_ARGS__)

#endif  // EXECBENCH_CORE_STATIC_REGISTRATION_H_
