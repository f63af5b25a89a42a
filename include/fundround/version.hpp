/// @file version.hpp
/// @brief The library version: the single place it is defined.
#ifndef FUNDROUND_VERSION_HPP
#define FUNDROUND_VERSION_HPP

// The build (CMakeLists.txt) and the Conan recipe read these three lines; the vcpkg manifest
// (ports/fundround/vcpkg.json) holds a copy that the version_consistency test checks.
/// Major version: incompatible API changes (0 while the API may still change).
#define FUNDROUND_VERSION_MAJOR 0
/// Minor version: new features; while the major version is 0, also incompatible changes.
#define FUNDROUND_VERSION_MINOR 1
/// Patch version: fixes only, no API change.
#define FUNDROUND_VERSION_PATCH 0

/// The version as one integer: major * 10000 + minor * 100 + patch.
#define FUNDROUND_VERSION \
    (FUNDROUND_VERSION_MAJOR * 10000 + FUNDROUND_VERSION_MINOR * 100 + FUNDROUND_VERSION_PATCH)

#endif  // FUNDROUND_VERSION_HPP
