#include "secdesc/win/shared_section.hpp"

#include <stdexcept>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "secdesc/object_type.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/win/object_security.hpp"
#include "secdesc/win/security_match.hpp"
#include "win/internal/win32_util.hpp"

namespace secdesc::win {
namespace {

constexpr std::wstring_view local_prefix = L"Local\\";
constexpr std::wstring_view global_prefix = L"Global\\";

void check_section_name(std::wstring_view name) {
  std::wstring_view rest;
  // Spelled exactly as Microsoft documents them: Windows' object manager is case-insensitive by
  // default, but Wine's is not ("local\\x" fails there with ERROR_PATH_NOT_FOUND), so another
  // spelling would make the same program behave differently (docs/windows.md).
  if (name.starts_with(local_prefix))
    rest = name.substr(local_prefix.size());
  else if (name.starts_with(global_prefix))
    rest = name.substr(global_prefix.size());
  else
    throw std::invalid_argument(fmt::format(
        "section name '{}' must start with Local\\ or Global\\ (spelled so)", detail::to_utf8(name)));
  if (rest.empty() || rest.find(L'\\') != std::wstring_view::npos)
    throw std::invalid_argument(fmt::format(
        "section name '{}' needs a non-empty name without '\\' after its namespace",
        detail::to_utf8(name)));
}

std::string call(std::string_view function, std::wstring_view name) {
  return fmt::format("{}({})", function, detail::to_utf8(name));
}

std::string call(std::string_view function, std::wstring_view name, DWORD access) {
  return fmt::format("{}({}, {})", function, detail::to_utf8(name),
                     describe_rights(access, ObjectType::section));
}

}  // namespace

MappedView::MappedView(MappedView&& other) noexcept
    : address_(std::exchange(other.address_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedView& MappedView::operator=(MappedView&& other) noexcept {
  if (this != &other) {
    if (address_) UnmapViewOfFile(address_);
    address_ = std::exchange(other.address_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

MappedView::~MappedView() {
  if (address_) UnmapViewOfFile(address_);
}

SharedSection SharedSection::create(std::wstring_view name, std::uint64_t size,
                                    const SecurityAttributes& security,
                                    const CreateSectionOptions& options) {
  check_section_name(name);
  std::wstring owned_name(name);
  // Cleared first: ERROR_ALREADY_EXISTS is reported through the last error of a *successful* call.
  SetLastError(ERROR_SUCCESS);
  UniqueHandle handle(CreateFileMappingW(INVALID_HANDLE_VALUE, security.get(),
                                         options.page_protection,
                                         static_cast<DWORD>(size >> 32),
                                         static_cast<DWORD>(size & 0xFFFFFFFFu),
                                         owned_name.c_str()));
  const DWORD error = GetLastError();
  if (!handle) detail::throw_win32_error(error, call("CreateFileMappingW", name));
  if (error != ERROR_ALREADY_EXISTS)
    return SharedSection(std::move(handle), std::move(owned_name), size, false);

  // The name existed: our descriptor was not applied.
  if (options.if_exists == IfSectionExists::fail)
    detail::throw_win32_error(
        error, call("CreateFileMappingW", name) +
                   ": the section already exists, so our security descriptor was not applied");
  auto actual = win::read_security(handle.get(), kernel_object_security_parts, name);
  if (!actual)
    detail::throw_win32_error(
        error, call("CreateFileMappingW", name) +
                   ": the section already exists and its security cannot be checked: " +
                   actual.error().message);
  if (auto difference = dacl_or_label_difference(security.descriptor(), *actual,
                                                 ObjectType::section))
    detail::throw_win32_error(
        error, call("CreateFileMappingW", name) +
                   ": the section already exists with other security (" + *difference +
                   "; it has " + to_sddl(*actual, {{}, sddl_parts::dacl | sddl_parts::sacl}) + ")");
  return SharedSection(std::move(handle), std::move(owned_name), 0, true);
}

SharedSection SharedSection::open(std::wstring_view name, DWORD access) {
  check_section_name(name);
  std::wstring owned_name(name);
  UniqueHandle handle(OpenFileMappingW(access, FALSE, owned_name.c_str()));
  if (!handle) detail::throw_win32_error(GetLastError(), call("OpenFileMappingW", name, access));
  return SharedSection(std::move(handle), std::move(owned_name), 0, false);
}

MappedView SharedSection::map(DWORD access, std::uint64_t offset, std::size_t size) const {
  void* address = MapViewOfFile(handle_.get(), access, static_cast<DWORD>(offset >> 32),
                                static_cast<DWORD>(offset & 0xFFFFFFFFu), size);
  if (!address) detail::throw_win32_error(GetLastError(), call("MapViewOfFile", name_, access));
  MappedView view(address, size);
  if (size == 0) {
    if (size_ != 0 && offset < size_) {
      view.size_ = static_cast<std::size_t>(size_ - offset);
    } else {
      MEMORY_BASIC_INFORMATION info{};
      if (VirtualQuery(address, &info, sizeof info) == 0)
        detail::throw_win32_error(GetLastError(), call("VirtualQuery", name_));
      view.size_ = info.RegionSize;
    }
  }
  return view;
}

Result<SecurityDescriptor> SharedSection::read_security() const {
  return win::read_security(handle_.get(), kernel_object_security_parts, name_);
}

}  // namespace secdesc::win
