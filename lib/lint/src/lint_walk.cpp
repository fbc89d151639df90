#include "secdesc/lint_walk.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

namespace secdesc {
namespace {

constexpr std::array<std::string_view, 10> kSkippedDirectories{
    ".git", ".hg", ".svn", ".vs", ".idea", ".cache", "node_modules", "CMakeFiles", "build", "out"};
constexpr std::array<std::string_view, 2> kSkippedDirectoryPrefixes{"build-", "cmake-build-"};

bool skip_directory(const std::filesystem::path& dir) {
  const std::string name = dir.filename().string();
  for (auto n : kSkippedDirectories)
    if (name == n) return true;
  for (auto p : kSkippedDirectoryPrefixes)
    if (name.starts_with(p)) return true;
  std::error_code ec;
  return std::filesystem::exists(dir / "CMakeCache.txt", ec);
}

bool match_set(std::string_view pattern, std::size_t& p, char c) {
  // pattern[p] == '['; on return p is past ']'.
  std::size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool found = false;
  bool first = true;
  while (i < pattern.size() && (first || pattern[i] != ']')) {
    first = false;
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      if (c >= pattern[i] && c <= pattern[i + 2]) found = true;
      i += 3;
    } else {
      if (c == pattern[i]) found = true;
      ++i;
    }
  }
  p = i < pattern.size() ? i + 1 : i;
  return found != negate;
}

bool glob(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0;
  while (p < pattern.size()) {
    const char c = pattern[p];
    if (c == '*') {
      if (p + 1 < pattern.size() && pattern[p + 1] == '*') {
        // "**": any characters, '/' included; "**/" may also match nothing.
        std::size_t rest = p + 2;
        if (rest < pattern.size() && pattern[rest] == '/') {
          if (glob(pattern.substr(rest + 1), text.substr(t))) return true;
        }
        for (std::size_t k = t; k <= text.size(); ++k)
          if (glob(pattern.substr(rest), text.substr(k))) return true;
        return false;
      }
      for (std::size_t k = t; k <= text.size(); ++k) {
        if (glob(pattern.substr(p + 1), text.substr(k))) return true;
        if (k < text.size() && text[k] == '/') break;
      }
      return false;
    }
    if (t >= text.size()) return false;
    if (c == '?') {
      if (text[t] == '/') return false;
      ++p, ++t;
    } else if (c == '[') {
      if (text[t] == '/' || !match_set(pattern, p, text[t])) return false;
      ++t;
    } else {
      if (c != text[t]) return false;
      ++p, ++t;
    }
  }
  return t == text.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) noexcept {
  return glob(pattern, path);
}

void IgnorePatterns::add_file(std::string_view base, std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    add_pattern(base, text.substr(start, end - start));
    if (end == text.size()) break;
    start = end + 1;
  }
}

void IgnorePatterns::add_pattern(std::string_view base, std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  if (line.empty() || line.front() == '#') return;
  Pattern p;
  p.base = std::string(base);
  if (line.front() == '!') {
    p.negated = true;
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/') {
    p.directory_only = true;
    line.remove_suffix(1);
  }
  if (!line.empty() && line.front() == '/') {
    p.anchored = true;
    line.remove_prefix(1);
  }
  if (line.find('/') != std::string_view::npos) p.anchored = true;
  if (line.empty()) return;
  p.glob = std::string(line);
  patterns_.push_back(std::move(p));
}

bool IgnorePatterns::ignored_here(std::string_view path, bool is_directory) const {
  bool result = false;
  for (const auto& p : patterns_) {
    std::string_view rel = path;
    if (!p.base.empty()) {
      if (!(rel.size() > p.base.size() && rel.starts_with(p.base) && rel[p.base.size()] == '/'))
        continue;
      rel.remove_prefix(p.base.size() + 1);
    }
    if (p.directory_only && !is_directory) continue;
    std::string_view subject = rel;
    if (!p.anchored) {
      std::size_t slash = rel.rfind('/');
      if (slash != std::string_view::npos) subject = rel.substr(slash + 1);
    }
    if (glob(p.glob, subject)) result = !p.negated;
  }
  return result;
}

bool IgnorePatterns::ignored(std::string_view path, bool is_directory) const {
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1))
    if (ignored_here(path.substr(0, slash), true)) return true;
  return ignored_here(path, is_directory);
}

std::span<const std::string_view> skipped_directory_names() noexcept { return kSkippedDirectories; }

WalkResult walk_directory(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  WalkResult result;
  IgnorePatterns ignore;
  // Depth first, in name order; `rel` is '/'-separated relative to the root.
  struct Frame {
    fs::path dir;
    std::string rel;
  };
  std::vector<Frame> stack{{root, ""}};
  while (!stack.empty()) {
    Frame frame = std::move(stack.back());
    stack.pop_back();
    std::error_code ec;
    if (std::ifstream in(frame.dir / ".gitignore", std::ios::binary); in) {
      std::ostringstream text;
      text << in.rdbuf();
      ignore.add_file(frame.rel, text.str());
    }
    std::vector<fs::directory_entry> entries;
    fs::directory_iterator it(frame.dir, ec);
    if (ec) {
      result.errors.push_back(
          fmt::format("cannot read directory '{}': {}", frame.dir.generic_string(), ec.message()));
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    std::vector<Frame> subdirs;
    for (const auto& entry : entries) {
      const std::string name = entry.path().filename().string();
      const std::string rel = frame.rel.empty() ? name : frame.rel + "/" + name;
      std::error_code type_ec;
      const bool is_link = entry.is_symlink(type_ec);
      const bool is_dir = entry.is_directory(type_ec);
      if (is_dir) {
        if (is_link || skip_directory(entry.path()) || ignore.ignored(rel, true)) continue;
        subdirs.push_back({entry.path(), rel});
      } else if (entry.is_regular_file(type_ec)) {
        if (ignore.ignored(rel, false)) continue;
        result.files.push_back(entry.path());
      }
    }
    // Files of a directory come before its subdirectories; subdirectories in name order.
    for (auto it2 = subdirs.rbegin(); it2 != subdirs.rend(); ++it2) stack.push_back(std::move(*it2));
  }
  return result;
}

}  // namespace secdesc
