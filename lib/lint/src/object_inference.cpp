// Object type inference: the API calls and .NET classes that create objects from a descriptor.
#include "lint/internal/object_inference.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <utility>

#include "core/internal/text.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {
namespace {

// Calls and .NET classes that take the descriptor of a new object. Matched as whole identifiers,
// optionally followed by one of kApiSuffixes (CreateEventW, CreateFileMapping2, ...).
struct ApiObjectType {
  std::string_view api;
  ObjectType type;
};
using O = ObjectType;
constexpr std::array kApiObjectTypes{
    ApiObjectType{"CreateFileMapping", O::section},
    ApiObjectType{"NtCreateSection", O::section},
    ApiObjectType{"ZwCreateSection", O::section},
    ApiObjectType{"MemoryMappedFile", O::section},
    ApiObjectType{"MemoryMappedFileSecurity", O::section},
    ApiObjectType{"CreateEvent", O::event},
    ApiObjectType{"NtCreateEvent", O::event},
    ApiObjectType{"EventWaitHandle", O::event},
    ApiObjectType{"EventWaitHandleSecurity", O::event},
    ApiObjectType{"CreateMutex", O::mutex},
    ApiObjectType{"NtCreateMutant", O::mutex},
    ApiObjectType{"MutexSecurity", O::mutex},
    ApiObjectType{"CreateSemaphore", O::semaphore},
    ApiObjectType{"NtCreateSemaphore", O::semaphore},
    ApiObjectType{"SemaphoreSecurity", O::semaphore},
    ApiObjectType{"CreateWaitableTimer", O::timer},
    ApiObjectType{"NtCreateTimer", O::timer},
    ApiObjectType{"CreateNamedPipe", O::named_pipe},
    ApiObjectType{"NamedPipeServerStream", O::named_pipe},
    ApiObjectType{"PipeSecurity", O::named_pipe},
    ApiObjectType{"CreateFile", O::file},
    ApiObjectType{"FileSecurity", O::file},
    ApiObjectType{"CreateDirectory", O::directory},
    ApiObjectType{"DirectorySecurity", O::directory},
    ApiObjectType{"RegCreateKey", O::key},
    ApiObjectType{"RegSetKeySecurity", O::key},
    ApiObjectType{"RegistrySecurity", O::key},
    ApiObjectType{"CreateService", O::service},
    ApiObjectType{"SetServiceObjectSecurity", O::service},
    ApiObjectType{"sdset", O::service},  // sc.exe sdset NAME SDDL
    ApiObjectType{"CreateJobObject", O::job},
    ApiObjectType{"CreateProcess", O::process},
    ApiObjectType{"CreateProcessAsUser", O::process},
    ApiObjectType{"CreateThread", O::thread},
    ApiObjectType{"CreateRemoteThread", O::thread},
};
constexpr std::array<std::string_view, 11> kApiSuffixes{
    "", "A", "W", "Ex", "ExA", "ExW", "2", "FromApp", "Numa", "NumaA", "NumaW"};

}  // namespace

std::optional<ObjectType> api_object_type(std::string_view identifier) noexcept {
  for (const auto& row : kApiObjectTypes) {
    if (!identifier.starts_with(row.api)) continue;
    const std::string_view rest = identifier.substr(row.api.size());
    for (auto suffix : kApiSuffixes)
      if (rest == suffix) return row.type;
  }
  return std::nullopt;
}

std::optional<ObjectTypeHint> infer_object_type(const LineIndex& lines, std::size_t line) {
  for (std::size_t d = 0; d <= kInferenceLines && d <= line; ++d) {
    const std::string_view text = lines.line(line - d);
    for (std::size_t i = 0; i < text.size();) {
      if (!is_ident_start(text[i]) || (i > 0 && is_ident_char(text[i - 1]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && is_ident_char(text[j])) ++j;
      const std::string_view word = text.substr(i, j - i);
      if (auto type = api_object_type(word))
        return ObjectTypeHint{*type, std::string(word), line - d + 1};
      i = j;
    }
  }
  return std::nullopt;
}

std::optional<ObjectName> find_object_name(const LineIndex& lines, std::size_t first,
                                           std::size_t line) {
  auto starts_ci = [](std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (detail::ascii_lower(text[i]) != prefix[i]) return false;
    return true;
  };
  const std::size_t last = std::min(line + kInferenceLines, lines.count() - 1);
  for (std::size_t step = 0; step <= 2 * kInferenceLines; ++step) {
    const std::size_t distance = (step + 1) / 2;
    const bool above = step % 2 == 1;
    if (above && (distance > line || line - distance < first)) continue;
    const std::size_t l = above ? line - distance : line + distance;
    if (l > last) continue;
    const std::string_view text = lines.line(l);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (i > 0 && is_ident_char(text[i - 1])) continue;
      const std::string_view rest = text.substr(i);
      if (!starts_ci(rest, "global\\") && !starts_ci(rest, "local\\")) continue;
      std::size_t e = i;
      while (e < text.size() && !is_blank(text[e]) &&
             std::strchr("\"'`,);", text[e]) == nullptr)
        ++e;
      std::string name;
      for (std::size_t k = i; k < e; ++k) {
        name += text[k];
        if (text[k] == '\\' && k + 1 < e && text[k + 1] == '\\') ++k;
      }
      return ObjectName{std::move(name), lines.position(lines.start(l) + i)};
    }
  }
  return std::nullopt;
}

}  // namespace secdesc::lint_detail
