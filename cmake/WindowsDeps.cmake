# Dependencies for a cross build for Windows (included by the top-level CMakeLists.txt when
# CMAKE_CROSSCOMPILING AND WIN32). Defines the imported target names the native build gets from
# find_package, so lib/, tools/ and tests/ do not care which build they are in.
#
# Why not find_package: Debian's fmt/toml++ CMake and pkg-config files point at host .so files, and
# /usr/include cannot go on the mingw include path (glibc's headers break the build). So the
# header-only libraries are used from private copies of their Debian headers, made at configure
# time (nothing vendored, nothing downloaded), and GoogleTest is built from Debian's
# /usr/src/googletest. Paths can be overridden for another distribution.
set(SECDESC_HOST_INCLUDE_DIR "/usr/include" CACHE PATH
    "Host include directory holding the fmt, nlohmann, CLI and toml++ headers to copy")
set(SECDESC_GOOGLETEST_SOURCE_DIR "/usr/src/googletest" CACHE PATH
    "GoogleTest sources to build for the target (Debian: package googletest)")

set(_secdesc_deps_include "${CMAKE_BINARY_DIR}/windows-deps/include")

# Copies one header directory into the private include dir; fails configure if it is missing.
function(_secdesc_copy_headers dir package)
  if(NOT IS_DIRECTORY "${SECDESC_HOST_INCLUDE_DIR}/${dir}")
    message(FATAL_ERROR "${SECDESC_HOST_INCLUDE_DIR}/${dir} is missing: install ${package} "
                        "(cmake/install-deps.sh)")
  endif()
  file(REMOVE_RECURSE "${_secdesc_deps_include}/${dir}")
  file(COPY "${SECDESC_HOST_INCLUDE_DIR}/${dir}" DESTINATION "${_secdesc_deps_include}")
endfunction()

# Header-only interface targets under the native names.
function(_secdesc_header_target name)
  add_library(${name} INTERFACE IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES
                        "${_secdesc_deps_include}")
  if(ARGN)
    set_target_properties(${name} PROPERTIES INTERFACE_COMPILE_DEFINITIONS "${ARGN}")
  endif()
endfunction()

_secdesc_copy_headers(fmt libfmt-dev)
_secdesc_header_target(fmt::fmt FMT_HEADER_ONLY=1)
_secdesc_header_target(fmt::fmt-header-only FMT_HEADER_ONLY=1)

_secdesc_copy_headers(nlohmann nlohmann-json3-dev)
_secdesc_header_target(nlohmann_json::nlohmann_json)

# Debian's toml++ 3.3 ships toml++/toml.h (no toml.hpp); header-only is its default mode.
_secdesc_copy_headers(toml++ libtomlplusplus-dev)
_secdesc_header_target(tomlplusplus::tomlplusplus TOML_HEADER_ONLY=1)

if(SECDESC_BUILD_TOOLS)
  _secdesc_copy_headers(CLI libcli11-dev)
  _secdesc_header_target(CLI11::CLI11)
endif()

# There is no GTest package for the target, so the top-level CMakeLists.txt does not install the
# testing component (whose package config would look for one).
set(SECDESC_GTEST_BUILT_FROM_SOURCE TRUE)
if(SECDESC_BUILD_TESTS)
  if(NOT EXISTS "${SECDESC_GOOGLETEST_SOURCE_DIR}/CMakeLists.txt")
    message(FATAL_ERROR "${SECDESC_GOOGLETEST_SOURCE_DIR} is missing: install googletest "
                        "(cmake/install-deps.sh)")
  endif()
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  add_subdirectory("${SECDESC_GOOGLETEST_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/googletest"
                   EXCLUDE_FROM_ALL)
  # GoogleTest 1.11+ defines the GTest:: aliases itself; make sure the ones we use exist.
  foreach(_secdesc_gtest_target gtest gtest_main gmock gmock_main)
    if(NOT TARGET GTest::${_secdesc_gtest_target})
      add_library(GTest::${_secdesc_gtest_target} ALIAS ${_secdesc_gtest_target})
    endif()
  endforeach()
endif()

# Wine for the tests: the wine-start target boots a persistent wineserver in SECDESC_WINEPREFIX
# (without one, every Wine run waits ~2.4 s for Wine's services to release its output pipe, and
# some runs hang until the timeout). Test executables depend on it, because gtest_discover_tests
# runs them under Wine at build time; it is idempotent (~0.1 s when Wine is up). `--target
# wine-stop` ends the server. SECDESC_WINE_ENV comes from the toolchain file.
if(DEFINED SECDESC_WINE_ENV)
  add_custom_target(wine-start
    COMMAND ${CMAKE_COMMAND} -E make_directory "${SECDESC_WINEPREFIX}"
    # Output detached from the build's pipe: a server holding it open blocks the build tool.
    # `wineserver -p` exits 2 when the server already runs; wineboot then finds it.
    COMMAND ${SECDESC_WINE_ENV} sh -c "wineserver -p >/dev/null 2>&1 </dev/null || true"
    COMMAND ${SECDESC_WINE_ENV} sh -c "wineboot -i >/dev/null 2>&1 </dev/null"
    COMMENT "Booting Wine in ${SECDESC_WINEPREFIX}"
    VERBATIM)
  add_custom_target(wine-stop
    COMMAND ${SECDESC_WINE_ENV} sh -c "wineserver -k || true"
    COMMENT "Stopping the wineserver of ${SECDESC_WINEPREFIX}"
    VERBATIM)
endif()
