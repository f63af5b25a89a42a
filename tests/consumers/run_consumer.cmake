# Driver for the consumer tests (registered in tests/consumers/CMakeLists.txt). Run as
#   cmake -DMODE=<mode> -D... -P run_consumer.cmake
#
# MODE=install           Lays out an install of BUILD_DIR in PREFIX (emptied first) with
#                        `cmake --install`, then checks the layout and the package version file.
# MODE=find_package |    Configures, builds and runs the project in ./project in WORK_DIR (emptied
#      add_subdirectory | first) with the same generator, compiler and build type as fundround's
#      fetchcontent      own build.
# MODE=test_package      The same with the Conan recipe's test_package/ (its CMake code and program,
#                        without Conan), finding fundround in PREFIX as find_package does.
#
# Variables: SOURCE_DIR (fundround's source tree), BUILD_DIR, PREFIX, INCLUDE_DIR and CONFIG_DIR
# (relative to PREFIX), WORK_DIR, GENERATOR, GENERATOR_PLATFORM, GENERATOR_TOOLSET, MAKE_PROGRAM,
# CXX_COMPILER, CONFIG (build type; empty allowed), MULTI_CONFIG, EXPECTED_VERSION,
# Boost_DIR, date_DIR, nlohmann_json_DIR, fmt_DIR, PREFIX_PATH ('|'-separated CMAKE_PREFIX_PATH of
# fundround's build), COMPONENTS ('|'-separated: the components fundround's build installs, which
# the find_package consumer requires), TOOL (the tool's file name if the build built it: install
# mode checks it is in PREFIX/bin and answers --version).
cmake_minimum_required(VERSION 3.23)

function(fail)
  string(JOIN "" _msg ${ARGV})
  message(FATAL_ERROR "run_consumer (${MODE}): ${_msg}")
endfunction()

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    fail("${what} failed (${_rc})")
  endif()
endfunction()

foreach(_var IN ITEMS MODE SOURCE_DIR)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer: ${_var} is not set")
  endif()
endforeach()

set(_config_args)
if(MULTI_CONFIG AND NOT "${CONFIG}" STREQUAL "")
  set(_config_args --config "${CONFIG}")
endif()

# ----------------------------------------------------------------------------------------------
if(MODE STREQUAL "install")
  file(REMOVE_RECURSE "${PREFIX}")
  run_step("cmake --install"
    "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" ${_config_args})

  # Every public header, in the same place relative to the include directory.
  file(GLOB_RECURSE _headers RELATIVE "${SOURCE_DIR}/include" "${SOURCE_DIR}/include/fundround/*.hpp")
  if(NOT _headers)
    fail("no headers under ${SOURCE_DIR}/include")
  endif()
  foreach(_h IN LISTS _headers)
    if(NOT EXISTS "${PREFIX}/${INCLUDE_DIR}/${_h}")
      fail("${PREFIX}/${INCLUDE_DIR}/${_h} was not installed")
    endif()
  endforeach()

  # The CMake package files.
  set(_cfg "${PREFIX}/${CONFIG_DIR}")
  foreach(_f IN ITEMS fundroundConfig.cmake fundroundConfigVersion.cmake fundroundTargets.cmake)
    if(NOT EXISTS "${_cfg}/${_f}")
      fail("${_cfg}/${_f} was not installed")
    endif()
  endforeach()
  # The component export files of the components this build has, and the tool if it was built.
  string(REPLACE "|" ";" _components "${COMPONENTS}")
  foreach(_component IN LISTS _components)
    if(NOT EXISTS "${_cfg}/fundround-${_component}-targets.cmake")
      fail("${_cfg}/fundround-${_component}-targets.cmake was not installed (component ${_component})")
    endif()
  endforeach()
  if(TOOL)
    set(_tool "${PREFIX}/bin/${TOOL}")
    if(NOT EXISTS "${_tool}")
      fail("${_tool} was not installed (the build built the tool)")
    endif()
    execute_process(COMMAND "${_tool}" --version RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _out)
    if(NOT _rc EQUAL 0 OR NOT _out MATCHES "^fundround ${EXPECTED_VERSION}")
      fail("${_tool} --version exited ${_rc} with '${_out}', expected 'fundround ${EXPECTED_VERSION}'")
    endif()
  endif()
  # Boost is the one dependency of fundround::fundround; the components' libraries are looked for
  # only when a component is asked for, never by find_dependency.
  file(READ "${_cfg}/fundroundConfig.cmake" _config)
  if(NOT _config MATCHES "find_dependency\\(Boost[ )]")
    fail("fundroundConfig.cmake does not call find_dependency(Boost ...)")
  endif()
  foreach(_dep IN ITEMS date nlohmann_json fmt)
    if(_config MATCHES "find_dependency\\(${_dep}[ )]")
      fail("fundroundConfig.cmake calls find_dependency(${_dep} ...): it is an optional component's library")
    endif()
  endforeach()

  # The version file: architecture-independent; SameMinorVersion while 0.x, SameMajorVersion after.
  string(REGEX MATCH "^([0-9]+)\\.([0-9]+)\\.([0-9]+)$" _ok "${EXPECTED_VERSION}")
  if(NOT _ok)
    fail("EXPECTED_VERSION '${EXPECTED_VERSION}' is not MAJOR.MINOR.PATCH")
  endif()
  set(_M "${CMAKE_MATCH_1}")
  set(_m "${CMAKE_MATCH_2}")
  set(_p "${CMAKE_MATCH_3}")
  function(check_request requested want_compatible want_exact)
    string(REPLACE "." ";" _parts "${requested}")
    list(LENGTH _parts PACKAGE_FIND_VERSION_COUNT)
    list(APPEND _parts 0 0 0)
    list(GET _parts 0 PACKAGE_FIND_VERSION_MAJOR)
    list(GET _parts 1 PACKAGE_FIND_VERSION_MINOR)
    list(GET _parts 2 PACKAGE_FIND_VERSION_PATCH)
    set(PACKAGE_FIND_VERSION "${requested}")
    set(PACKAGE_FIND_NAME fundround)
    foreach(CMAKE_SIZEOF_VOID_P IN ITEMS 4 8)   # ARCH_INDEPENDENT: any pointer size is suitable
      unset(PACKAGE_VERSION_COMPATIBLE)
      unset(PACKAGE_VERSION_EXACT)
      unset(PACKAGE_VERSION_UNSUITABLE)
      include("${_cfg}/fundroundConfigVersion.cmake")
      if(PACKAGE_VERSION_UNSUITABLE)
        fail("fundroundConfigVersion.cmake is unsuitable for CMAKE_SIZEOF_VOID_P=${CMAKE_SIZEOF_VOID_P}"
             " (it must be ARCH_INDEPENDENT)")
      endif()
      if((PACKAGE_VERSION_COMPATIBLE AND NOT want_compatible) OR (want_compatible AND NOT PACKAGE_VERSION_COMPATIBLE))
        fail("version ${PACKAGE_VERSION} answers compatible=${PACKAGE_VERSION_COMPATIBLE} to a request for"
             " ${requested}; expected ${want_compatible}")
      endif()
      if((PACKAGE_VERSION_EXACT AND NOT want_exact) OR (want_exact AND NOT PACKAGE_VERSION_EXACT))
        fail("version ${PACKAGE_VERSION} answers exact=${PACKAGE_VERSION_EXACT} to a request for"
             " ${requested}; expected ${want_exact}")
      endif()
    endforeach()
  endfunction()
  math(EXPR _M1 "${_M} + 1")
  math(EXPR _m1 "${_m} + 1")
  math(EXPR _p1 "${_p} + 1")
  check_request("${_M}.${_m}.${_p}" TRUE TRUE)
  check_request("${_M}.${_m}" TRUE FALSE)
  check_request("${_M}.${_m}.${_p1}" FALSE FALSE)
  check_request("${_M}.${_m1}" FALSE FALSE)
  check_request("${_M1}.0" FALSE FALSE)
  if(_m GREATER 0)
    math(EXPR _m0 "${_m} - 1")
    if(_M EQUAL 0)
      check_request("${_M}.${_m0}" FALSE FALSE)   # 0.x: a new minor version may break the API
    else()
      check_request("${_M}.${_m0}" TRUE FALSE)
    endif()
  endif()
  message(STATUS "run_consumer: installed fundround ${EXPECTED_VERSION} to ${PREFIX}")
  return()
endif()

# ----------------------------------------------------------------------------------------------
if(NOT MODE MATCHES "^(find_package|add_subdirectory|fetchcontent|test_package)$")
  fail("unknown MODE")
endif()

set(_args
  -B "${WORK_DIR}"
  -G "${GENERATOR}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_BUILD_TYPE=${CONFIG}")
if(MODE STREQUAL "test_package")
  list(APPEND _args -S "${SOURCE_DIR}/test_package")
else()
  list(APPEND _args -S "${CMAKE_CURRENT_LIST_DIR}/project" "-DFUNDROUND_CONSUMER_MODE=${MODE}")
endif()
if(GENERATOR_PLATFORM)
  list(APPEND _args -A "${GENERATOR_PLATFORM}")
endif()
if(GENERATOR_TOOLSET)
  list(APPEND _args -T "${GENERATOR_TOOLSET}")
endif()
if(MAKE_PROGRAM)
  list(APPEND _args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
# Find Boost, date, nlohmann/json and {fmt} where fundround's own build found them.
foreach(_dep IN ITEMS Boost date nlohmann_json fmt)
  if(${_dep}_DIR)
    list(APPEND _args "-D${_dep}_DIR=${${_dep}_DIR}")
  endif()
endforeach()

string(REPLACE "|" ";" _prefix_path "${PREFIX_PATH}")
string(REPLACE "|" "," _components "${COMPONENTS}")  # the project splits it at the commas
if(MODE STREQUAL "test_package")
  list(PREPEND _prefix_path "${PREFIX}")
elseif(MODE STREQUAL "find_package")
  # Only the installed prefix: the consumer is not told where the source tree is.
  list(PREPEND _prefix_path "${PREFIX}")
  list(APPEND _args
    "-DFUNDROUND_EXPECTED_CONFIG_DIR=${PREFIX}/${CONFIG_DIR}"
    "-DFUNDROUND_EXPECTED_VERSION=${EXPECTED_VERSION}"
    "-DFUNDROUND_CONSUMER_COMPONENTS=${_components}")
else()
  list(APPEND _args "-DFUNDROUND_SOURCE_DIR=${SOURCE_DIR}")
endif()
if(_prefix_path)
  string(REPLACE ";" "\\;" _prefix_path "${_prefix_path}")
  list(APPEND _args "-DCMAKE_PREFIX_PATH=${_prefix_path}")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
run_step("configuring the consumer" "${CMAKE_COMMAND}" ${_args})
run_step("building the consumer" "${CMAKE_COMMAND}" --build "${WORK_DIR}" ${_config_args})

if(MODE STREQUAL "test_package")
  set(_exe "${WORK_DIR}/test_package")
  if(MULTI_CONFIG)
    set(_exe "${WORK_DIR}/${CONFIG}/test_package")
  endif()
else()
  set(_exe_file "${WORK_DIR}/consumer-exe-${CONFIG}.txt")
  if(NOT EXISTS "${_exe_file}")
    fail("${_exe_file} not found")
  endif()
  file(READ "${_exe_file}" _exe)
endif()
run_step("running ${_exe}" "${_exe}")

# The components programs (deal file + {fmt}; date's types), built by the find_package consumer
# when the build installed fundround::json and fundround::fmt, and fundround::date ('|'-separated).
set(_components_file "${WORK_DIR}/consumer-components-exe-${CONFIG}.txt")
if(EXISTS "${_components_file}")
  file(READ "${_components_file}" _components_exes)
  string(REPLACE "|" ";" _components_exes "${_components_exes}")
  if(_components_exes)
    foreach(_components_exe IN LISTS _components_exes)
      run_step("running ${_components_exe}" "${_components_exe}")
    endforeach()
  elseif(COMPONENTS AND MODE STREQUAL "find_package")
    fail("no components program was built, although COMPONENTS is '${COMPONENTS}'")
  endif()
endif()
