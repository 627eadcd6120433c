# execbench_find_dependencies(FIND): finds the packages that execbench's
# libraries use, all Debian's (scripts/setup installs them), in one list for
# the two places that need them: execbench's own build (CMakeLists.txt, where
# FIND requires each) and its installed package (execbench-config.cmake,
# where FIND is find_dependency, so that a project's find_package(execbench)
# finds them or says which is missing). pkg-config modules become
# PkgConfig::<NAME> targets.
macro(execbench_find_dependencies find)
  cmake_language(CALL ${find} benchmark)
  cmake_language(CALL ${find} Eigen3 3.3 NO_MODULE)
  cmake_language(CALL ${find} CURL)
  cmake_language(CALL ${find} absl)
  cmake_language(CALL ${find} OpenMP)
  cmake_language(CALL ${find} TBB 2021)
  cmake_language(CALL ${find} Threads)
  # The Mpi executor: Open MPI's C API (its C++ bindings are deprecated).
  cmake_language(CALL ${find} MPI COMPONENTS C)
  cmake_language(CALL ${find} PkgConfig)
  pkg_check_modules(MICROHTTPD REQUIRED IMPORTED_TARGET libmicrohttpd)
  pkg_check_modules(URING REQUIRED IMPORTED_TARGET liburing)
  # The Py* workloads embed Debian's CPython 3 (libpython3.11-dev).
  pkg_check_modules(PYTHON_EMBED REQUIRED IMPORTED_TARGET python3-embed)
  # The Image workload: libjpeg-turbo's TurboJPEG and stb_image_resize.
  pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)
  pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
endmacro()
