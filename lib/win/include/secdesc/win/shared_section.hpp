// secdesc::win: named shared-memory sections (file mappings backed by the paging file), with the
// security descriptor applied at creation, and views of them. RAII throughout; Win32 failures
// throw std::system_error carrying the Win32 error code (std::system_category) and the call, e.g.
// "CreateFileMappingW(Local\\Foo)".
//
//   secdesc::win::SecurityAttributes sa(my_policy::service_section::descriptor);
//   auto section = secdesc::win::SharedSection::create(L"Global\\Foo", 4096, sa);
//   auto view = section.map(FILE_MAP_WRITE);
#pragma once

#include <windows.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "secdesc/error.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/win/security_attributes.hpp"
#include "secdesc/win/unique_handle.hpp"

namespace secdesc::win {

// What create() does when the name already exists. Then CreateFileMappingW returns the existing
// section and ignores our SECURITY_ATTRIBUTES: our descriptor was NOT applied, and whoever created
// the section first (maybe an attacker squatting the name) chose its security.
enum class IfSectionExists : std::uint8_t {
  fail,  // the default: throw std::system_error(ERROR_ALREADY_EXISTS)
  // Read the existing section's security; use it only if its DACL and mandatory label are ours
  // (dacl_or_label_difference), else throw ERROR_ALREADY_EXISTS naming the difference. For a
  // service that restarts while clients still hold the section open.
  accept_if_same_security,
};

struct CreateSectionOptions {
  IfSectionExists if_exists = IfSectionExists::fail;
  DWORD page_protection = PAGE_READWRITE;  // flProtect of CreateFileMappingW
};

// A mapped view (UnmapViewOfFile on destruction). Move-only.
class MappedView {
 public:
  MappedView(MappedView&& other) noexcept;
  MappedView& operator=(MappedView&& other) noexcept;
  MappedView(const MappedView&) = delete;
  MappedView& operator=(const MappedView&) = delete;
  ~MappedView();

  std::byte* data() const noexcept { return static_cast<std::byte*>(address_); }
  std::size_t size() const noexcept { return size_; }
  std::span<std::byte> bytes() const noexcept { return {data(), size_}; }

 private:
  friend class SharedSection;
  MappedView(void* address, std::size_t size) noexcept : address_(address), size_(size) {}
  void* address_ = nullptr;
  std::size_t size_ = 0;
};

class SharedSection {
 public:
  // CreateFileMappingW(INVALID_HANDLE_VALUE, sa, ...). `name` must be "Local\<name>" or
  // "Global\<name>", prefix spelled so, with no further backslash (std::invalid_argument
  // otherwise): a name without a namespace is valid Win32 but hides which namespace the client
  // must use, and Windows' object manager is case-insensitive by default while Wine's is not
  // ("local\x" fails there), so one spelling keeps both alike. Global\ needs
  // SeCreateGlobalPrivilege (services and administrators have it).
  static SharedSection create(std::wstring_view name, std::uint64_t size,
                              const SecurityAttributes& security,
                              const CreateSectionOptions& options = {});

  // OpenFileMappingW(access, FALSE, name): `access` is what the client needs (FILE_MAP_READ,
  // FILE_MAP_WRITE, ... or any section right); denied access throws with ERROR_ACCESS_DENIED (5).
  static SharedSection open(std::wstring_view name, DWORD access);

  // MapViewOfFile. `size` 0 maps from `offset` to the end of the section; the view's size is then
  // the section's size when this object created it, else the region Windows reports (whole pages).
  MappedView map(DWORD access, std::uint64_t offset = 0, std::size_t size = 0) const;

  // GetSecurityInfo on this section: owner, group, DACL and mandatory label (see object_security.hpp).
  Result<SecurityDescriptor> read_security() const;

  HANDLE handle() const noexcept { return handle_.get(); }
  const std::wstring& name() const noexcept { return name_; }
  // The size given to create(); 0 for open() and for an accepted existing section (Win32 has no
  // documented call that returns a section's size).
  std::uint64_t size() const noexcept { return size_; }
  // True when create() accepted an existing section (IfSectionExists::accept_if_same_security).
  bool existed() const noexcept { return existed_; }

 private:
  SharedSection(UniqueHandle handle, std::wstring name, std::uint64_t size, bool existed)
      : handle_(std::move(handle)), name_(std::move(name)), size_(size), existed_(existed) {}

  UniqueHandle handle_;
  std::wstring name_;
  std::uint64_t size_ = 0;
  bool existed_ = false;
};

}  // namespace secdesc::win
