# fundround_read_version(<header> <out-var>): sets <out-var> to "MAJOR.MINOR.PATCH" parsed from the
# FUNDROUND_VERSION_* macros of include/fundround/version.hpp (the one place the version lives).
# Used by CMakeLists.txt (before project()) and by tests/version_consistency.cmake.
function(fundround_read_version header out_var)
  if(NOT EXISTS "${header}")
    message(FATAL_ERROR "fundround: ${header} not found (needed for the version)")
  endif()
  foreach(_part IN ITEMS MAJOR MINOR PATCH)
    file(STRINGS "${header}" _line
         REGEX "^[ \t]*#[ \t]*define[ \t]+FUNDROUND_VERSION_${_part}[ \t]+[0-9]+")
    if(NOT _line MATCHES "FUNDROUND_VERSION_${_part}[ \t]+([0-9]+)")
      message(FATAL_ERROR "fundround: cannot parse FUNDROUND_VERSION_${_part} from ${header}")
    endif()
    set(_${_part} "${CMAKE_MATCH_1}")
  endforeach()
  set(${out_var} "${_MAJOR}.${_MINOR}.${_PATCH}" PARENT_SCOPE)
endfunction()
