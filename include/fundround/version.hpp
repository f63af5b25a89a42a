/// @file version.hpp
/// @brief The library version: the single place it is defined.
#ifndef FUNDROUND_VERSION_HPP
#define FUNDROUND_VERSION_HPP

// The build (CMakeLists.txt), the Conan recipe and the vcpkg manifest read these three lines.
#define FUNDROUND_VERSION_MAJOR 0
#define FUNDROUND_VERSION_MINOR 1
#define FUNDROUND_VERSION_PATCH 0

/// The version as one integer: major * 10000 + minor * 100 + patch.
#define FUNDROUND_VERSION \
    (FUNDROUND_VERSION_MAJOR * 10000 + FUNDROUND_VERSION_MINOR * 100 + FUNDROUND_VERSION_PATCH)

#endif  // FUNDROUND_VERSION_HPP
