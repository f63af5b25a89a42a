# vcpkg port for fundround, in the registry's form: it builds the release tagged v${VERSION}
# (VERSION comes from vcpkg.json), downloaded and checked against SHA512. vcpkg's ABI hash covers
# this file, so a new release (new REF and SHA512) is a new package, never a stale one.
#
# SHA512 is 0 until the tag v${VERSION} is published: vcpkg then stops with "File does not have the
# expected hash" and prints the actual hash, which goes here (vcpkg's documented way). For a
# checkout instead of a release, use the generated overlay: cmake -P ports/fundround-local.cmake
# (see ports/fundround-local.cmake and docs/installation.md). tests/packaging checks that this
# port, vcpkg.json and usage agree with the library.
vcpkg_from_github(
    OUT_SOURCE_PATH SOURCE_PATH
    REPO fundround/fundround
    REF "v${VERSION}"
    SHA512 0
    HEAD_REF main
)

# The library is header-only; only the feature "tool" compiles something, a program (release is
# what vcpkg_copy_tools installs). So: no debug tree and no lib/.
set(VCPKG_BUILD_TYPE release)

# Features: json, fmt and date install the components fundround::json, fundround::fmt and
# fundround::date (their libraries found); tool builds the fundround program. Without a feature
# its library is not looked for, so the package never depends on what happens to be installed.
vcpkg_check_features(OUT_FEATURE_OPTIONS FEATURE_OPTIONS
    FEATURES
        tool FUNDROUND_BUILD_TOOLS
    INVERTED_FEATURES
        json CMAKE_DISABLE_FIND_PACKAGE_nlohmann_json
        fmt  CMAKE_DISABLE_FIND_PACKAGE_fmt
        date CMAKE_DISABLE_FIND_PACKAGE_date
        tool CMAKE_DISABLE_FIND_PACKAGE_CLI11
)

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        ${FEATURE_OPTIONS}
        -DFUNDROUND_BUILD_TESTS=OFF
        -DFUNDROUND_BUILD_EXAMPLES=OFF
        -DFUNDROUND_BUILD_BENCH=OFF
        -DFUNDROUND_INSTALL=ON
        # The tool compiles with fundround's warnings, not as errors: a compiler it was not
        # tested with must not fail the install over a new warning.
        -DFUNDROUND_WARNINGS_AS_ERRORS=OFF
        # The default, spelled out because CONFIG_PATH below depends on it.
        -DFUNDROUND_INSTALL_CMAKEDIR=share/cmake/fundround
)

vcpkg_cmake_install()

if("tool" IN_LIST FEATURES)
    vcpkg_copy_tools(TOOL_NAMES fundround AUTO_CLEAN)  # bin/fundround -> tools/fundround/fundround
endif()

# Moves share/cmake/fundround/* to share/fundround/ and fixes the relative prefix computed by
# fundroundConfig.cmake / fundroundTargets.cmake.
vcpkg_cmake_config_fixup(PACKAGE_NAME fundround CONFIG_PATH share/cmake/fundround)

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
