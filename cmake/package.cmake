# What `cmake --install build --prefix P` puts where: a package that a
# project finds with find_package(execbench CONFIG REQUIRED), to build a bench
# of its own from one file that registers its workload (examples/my_workload/,
# docs/development.md), and the scripts to run and read that bench:
#
#   P/include/execbench/core/          the interfaces (core/*.h), included as
#                                      "core/workload.h" as in this tree
#   P/lib/libexecbench.a, P/lib/execbench/  the library and bench's main.o
#   P/lib/cmake/execbench/             the config, the exported targets
#                                      execbench::execbench and
#                                      execbench::main, and what the config
#                                      shares with this build
#   P/share/execbench/scripts/         run, charts, tables, advise, report,
#                                      record, compare, history, mpirun-local
#                                      and their package execbench/
#   P/bin/execbench-<command>          each of those for the project in the
#                                      current folder (its results/, its
#                                      commits), with EXECBENCH_BENCH naming
#                                      its bench
set(package_dir ${CMAKE_INSTALL_LIBDIR}/cmake/execbench)

install(TARGETS execbench execbench_library execbench_main
  EXPORT execbench_targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  OBJECTS DESTINATION ${CMAKE_INSTALL_LIBDIR}/execbench)
install(EXPORT execbench_targets NAMESPACE execbench::
  DESTINATION ${package_dir} FILE execbench-targets.cmake)
install(DIRECTORY core/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/execbench/core
  FILES_MATCHING PATTERN "*.h")
install(FILES
  cmake/execbench-config.cmake
  cmake/execbench_dependencies.cmake
  cmake/execbench_static_abseil.cmake
  cmake/execbench_build_commit.cmake
  cmake/build_info.cmake
  DESTINATION ${package_dir})

set(commands run charts tables advise report record compare history
             mpirun-local)
install(DIRECTORY scripts/execbench DESTINATION ${CMAKE_INSTALL_DATADIR}/execbench/scripts
  PATTERN __pycache__ EXCLUDE)
foreach(command IN LISTS commands)
  install(PROGRAMS scripts/${command}
    DESTINATION ${CMAKE_INSTALL_DATADIR}/execbench/scripts)
  file(CONFIGURE OUTPUT commands/execbench-${command} @ONLY CONTENT [==[
#!/bin/sh
# execbench-@command@: execbench's scripts/@command@, installed with its
# package, for the project in the current folder: its results/ and its
# commits (EXECBENCH_PROJECT, the git top-level or else this folder).
# EXECBENCH_BENCH names the project's bench.
EXECBENCH_PROJECT=${EXECBENCH_PROJECT:-$(git rev-parse --show-toplevel 2>/dev/null || pwd)}
export EXECBENCH_PROJECT
exec "$(dirname "$(readlink -f "$0")")/../@CMAKE_INSTALL_DATADIR@/execbench/scripts/@command@" "$@"
]==])
  install(PROGRAMS ${CMAKE_CURRENT_BINARY_DIR}/commands/execbench-${command}
    DESTINATION ${CMAKE_INSTALL_BINDIR})
endforeach()
