# Overlay port for fundround, kept in the fundround repository itself:
#   vcpkg install fundround --overlay-ports=<fundround repository>/ports
#
# A port in the official registry would fetch a tagged release with vcpkg_from_github(... REF
# "v${VERSION}" SHA512 ...). This overlay lives next to the sources it packages and must work
# offline, so SOURCE_PATH is simply the repository root (two levels above this file): the port
# always packages the checkout it sits in. The version in vcpkg.json must match
# include/fundround/version.hpp; the ctest test `version_consistency` checks that.
get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

set(VCPKG_BUILD_TYPE release) # header-only port

vcpkg_cmake_configure(
    SOURCE_PATH "${SOURCE_PATH}"
    OPTIONS
        -DFUNDROUND_BUILD_TESTS=OFF
        -DFUNDROUND_BUILD_EXAMPLES=OFF
        -DFUNDROUND_BUILD_BENCH=OFF
        -DFUNDROUND_INSTALL=ON
        # The default, spelled out because vcpkg_cmake_config_fixup's CONFIG_PATH depends on it.
        -DFUNDROUND_INSTALL_CMAKEDIR=share/cmake/fundround
)

vcpkg_cmake_install()

# Moves share/cmake/fundround/* to share/fundround/ (removing the then-empty share/cmake) and
# fixes the relative prefix computed by fundroundConfig.cmake / fundroundTargets.cmake.
vcpkg_cmake_config_fixup(PACKAGE_NAME fundround CONFIG_PATH share/cmake/fundround)

# Header-only: nothing is built, so there is nothing for debug (and no lib/).
file(REMOVE_RECURSE
    "${CURRENT_PACKAGES_DIR}/debug"
    "${CURRENT_PACKAGES_DIR}/lib"
)

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
