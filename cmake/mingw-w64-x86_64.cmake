# Cross build for 64-bit Windows with Debian's mingw-w64 (posix thread model), tests run under Wine.
#
#   cmake -S . -B build-windows -G Ninja --toolchain cmake/mingw-w64-x86_64.cmake
#   cmake --build build-windows --target wine-start   # once: a persistent, booted wineserver
#   cmake --build build-windows && ctest --test-dir build-windows --timeout 120
#   cmake --build build-windows --target wine-stop
#
# Packages: cmake/install-windows-deps.sh. Facts behind each choice: docs/windows.md.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

# The -posix variants: the default -win32 ones have no std::thread / std::mutex.
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Static runtime: otherwise Wine cannot find libstdc++-6.dll / libwinpthread-1.dll.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# Where the tests' Wine lives: $WINEPREFIX at configure time, else a prefix inside the build tree.
if(NOT SECDESC_WINEPREFIX)
  if(DEFINED ENV{WINEPREFIX} AND NOT "$ENV{WINEPREFIX}" STREQUAL "")
    set(_secdesc_wineprefix "$ENV{WINEPREFIX}")
  else()
    set(_secdesc_wineprefix "${CMAKE_BINARY_DIR}/wineprefix")
  endif()
  set(SECDESC_WINEPREFIX "${_secdesc_wineprefix}" CACHE PATH "Wine prefix the tests run in")
endif()

# The environment every Wine command of the build runs in (one place): no display; no debug
# channels; winedbg disabled so an unhandled crash exits non-zero instead of sometimes 0; no
# Mono/Gecko installers. Commas, never ';', inside WINEDLLOVERRIDES: CMake splits lists on ';'.
set(SECDESC_WINE_ENV env -u DISPLAY WINEDEBUG=-all WINEDLLOVERRIDES=winedbg.exe,mscoree,mshtml=d
    WINEPREFIX=${SECDESC_WINEPREFIX})
# Programs run through cmake/wine-run.sh, which retries the one Wine start-up failure that is not
# the program's (see that script); everything else passes through unchanged.
set(CMAKE_CROSSCOMPILING_EMULATOR ${SECDESC_WINE_ENV} ${CMAKE_CURRENT_LIST_DIR}/wine-run.sh)
