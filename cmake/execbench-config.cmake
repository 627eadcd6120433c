# execbench's package: find_package(execbench CONFIG REQUIRED) gives
#
#   execbench::execbench  the interfaces (core/ headers), the registries,
#                         every executor and built-in workload, and the rest
#                         of bench, linked whole so that every registration
#                         stays in the binary;
#   execbench::main       bench's main(): link it to an executable of your
#                         own sources, which register workloads, and the
#                         executable is a bench with the whole grid.
#
# It finds what the library uses (execbench_dependencies.cmake), links Abseil
# statically as execbench's own bench does, and has the binaries that link
# execbench::main report the commit of the project that builds them.

include(CMakeFindDependencyMacro)
# FindMPI's C component needs the C language, which project(NAME CXX) leaves
# out.
if(NOT CMAKE_C_COMPILER_LOADED)
  enable_language(C)
endif()
include(${CMAKE_CURRENT_LIST_DIR}/execbench_dependencies.cmake)
execbench_find_dependencies(find_dependency)
include(${CMAKE_CURRENT_LIST_DIR}/execbench_static_abseil.cmake)
execbench_link_abseil_statically()

include(${CMAKE_CURRENT_LIST_DIR}/execbench-targets.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/execbench_build_commit.cmake)
execbench_add_build_commit(execbench::main ${PROJECT_SOURCE_DIR})
