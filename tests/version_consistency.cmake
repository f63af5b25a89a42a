# ctest `version_consistency`: the version is defined once, in include/fundround/version.hpp.
# CMakeLists.txt and conanfile.py read it from there; the vcpkg manifest needs a literal, so this
# fails when ports/fundround/vcpkg.json's "version" differs from the header's.
#
#   cmake -DSOURCE_DIR=<fundround source tree> -P tests/version_consistency.cmake
cmake_minimum_required(VERSION 3.23)

if(NOT SOURCE_DIR)
  get_filename_component(SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
endif()

set(_header "${SOURCE_DIR}/include/fundround/version.hpp")
set(_manifest "${SOURCE_DIR}/ports/fundround/vcpkg.json")

include("${SOURCE_DIR}/cmake/fundroundVersion.cmake")
fundround_read_version("${_header}" _header_version)  # the same parser CMakeLists.txt uses

if(NOT EXISTS "${_manifest}")
  message(FATAL_ERROR "version_consistency: ${_manifest} not found")
endif()
file(READ "${_manifest}" _json)
string(JSON _manifest_version ERROR_VARIABLE _err GET "${_json}" version)
if(_err)
  message(FATAL_ERROR "version_consistency: ${_manifest} has no \"version\" field (${_err}); "
                      "use \"version\": \"${_header_version}\"")
endif()

if(NOT _manifest_version STREQUAL _header_version)
  message(FATAL_ERROR "version_consistency: ${_manifest} says \"version\": \"${_manifest_version}\" "
                      "but ${_header} defines ${_header_version}; update the manifest")
endif()
message(STATUS "version_consistency: ${_header_version} in version.hpp and vcpkg.json")
