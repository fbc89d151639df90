# secdesc_add_policies(TARGET <target> POLICIES <a.toml>... [NAMESPACE <ns>] [HEADER <name.hpp>]
#                      [DOMAIN_SID <S-1-5-21-x-y-z>])
#
# Compiles TOML policies into one C++ header at build time (sddlc compile --emit cpp), adds its
# folder to <target>'s include path, and regenerates it when a policy or sddlc changes. The
# header is <build>/secdesc_generated/<target>/<name.hpp> (default: <target>_policies.hpp).
# Works in the secdesc tree (target sddlc) and from an installed package (secdesc::sddlc).
function(secdesc_add_policies)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE;HEADER;DOMAIN_SID" "POLICIES" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_POLICIES)
    message(FATAL_ERROR "secdesc_add_policies: TARGET and POLICIES are required")
  endif()
  if(NOT ARG_NAMESPACE)
    set(ARG_NAMESPACE secdesc_policies)
  endif()
  if(NOT ARG_HEADER)
    set(ARG_HEADER ${ARG_TARGET}_policies.hpp)
  endif()
  if(TARGET secdesc::sddlc)
    set(_sddlc secdesc::sddlc)
  elseif(TARGET sddlc)
    set(_sddlc sddlc)
  else()
    message(FATAL_ERROR "secdesc_add_policies: no sddlc tool (find_package(secdesc) first)")
  endif()
  set(_policies "")
  foreach(p IN LISTS ARG_POLICIES)
    get_filename_component(_abs "${p}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND _policies "${_abs}")
  endforeach()
  set(_dir "${CMAKE_CURRENT_BINARY_DIR}/secdesc_generated/${ARG_TARGET}")
  set(_out "${_dir}/${ARG_HEADER}")
  set(_extra "")
  if(ARG_DOMAIN_SID)
    set(_extra --domain-sid ${ARG_DOMAIN_SID})
  endif()
  add_custom_command(
    OUTPUT "${_out}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${_dir}"
    COMMAND ${_sddlc} compile --emit cpp --namespace ${ARG_NAMESPACE} ${_extra} -o "${_out}" ${_policies}
    DEPENDS ${_policies} ${_sddlc}
    COMMENT "secdesc: compiling policies into ${ARG_HEADER}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE "${_out}")
  target_include_directories(${ARG_TARGET} PRIVATE "${_dir}")
endfunction()
