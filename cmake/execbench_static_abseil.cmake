# execbench_link_abseil_statically(): has every absl:: target imported in the
# calling directory link Abseil's static archive instead of its shared
# library, in execbench's own build and in every project that builds a bench
# against the installed package.
#
# Why: each of Abseil's 40-odd shared libraries maps some five regions into
# every process, and a fork copies every mapping, so they made each
# process-pool worker's fork about 40% slower (0.5 ms per fork on the 2-vCPU
# VM with them, with 90 libraries).
function(execbench_link_abseil_statically)
  get_directory_property(imported_targets IMPORTED_TARGETS)
  foreach(target IN LISTS imported_targets)
    if(target MATCHES "^absl::")
      get_target_property(type ${target} TYPE)
      get_target_property(location ${target} IMPORTED_LOCATION_NONE)
      string(REGEX REPLACE "[.]so[.0-9]*$" ".a" archive "${location}")
      if(type STREQUAL "SHARED_LIBRARY" AND EXISTS "${archive}")
        set_target_properties(${target} PROPERTIES
          IMPORTED_LOCATION_NONE "${archive}" IMPORTED_SONAME_NONE "")
      endif()
    endif()
  endforeach()
endfunction()
