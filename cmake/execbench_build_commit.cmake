# execbench_add_build_commit(MAIN_TARGET SOURCE_DIR): gives the binaries that
# link MAIN_TARGET (bench's main) the commit they are built from, which the
# JSON context reports as execbench_commit and scripts/record checks: the
# library execbench_build_commit, one source that build_info.cmake writes
# with git at every build from the repository of SOURCE_DIR. execbench's own
# build calls it for its bench; the installed package calls it for a
# project's, so that a project's bench names the project's commit, not
# execbench's.
function(execbench_add_build_commit main_target source_dir)
  if(NOT TARGET execbench_build_commit)
    set(source ${CMAKE_CURRENT_BINARY_DIR}/execbench_build_commit.cc)
    add_custom_target(execbench_build_commit_reader
      COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${source_dir} -DOUTPUT=${source}
              -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/build_info.cmake
      BYPRODUCTS ${source}
      COMMENT "Reading the commit with git")
    add_library(execbench_build_commit STATIC ${source})
    add_dependencies(execbench_build_commit execbench_build_commit_reader)
  endif()
  # Whole, since nothing in the binary's own objects refers to it.
  target_link_libraries(${main_target} INTERFACE
    "$<BUILD_INTERFACE:$<LINK_LIBRARY:WHOLE_ARCHIVE,execbench_build_commit>>")
endfunction()
