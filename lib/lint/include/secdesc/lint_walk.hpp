// secdesc: which files sddl-lint reads when given a directory.
//
// Walks recursively in name order; does not follow symbolic links to directories; skips version
// control and build directories (skipped_directory_names(), "build-*", "cmake-build-*", and any
// directory holding CMakeCache.txt); honours the .gitignore files of the walked tree.
//
// .gitignore support is deliberately simple: blank lines and '#' comments are skipped; '!'
// re-includes; a trailing '/' matches directories only; a pattern with a '/' elsewhere is
// anchored to its .gitignore's directory, one without matches a name at any depth below it;
// '*' and '?' do not cross '/', '**' does, '[abc]' is a set. Not read: .git/info/exclude, the
// global excludes file, backslash escapes. A file inside an ignored directory stays ignored.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace secdesc {

// Glob match over '/'-separated paths: * ? ** [set] [!set].
bool glob_match(std::string_view pattern, std::string_view path) noexcept;

// gitignore-style patterns, each anchored to a base directory ('/'-separated, relative to the
// walk root; "" for the root).
class IgnorePatterns {
 public:
  void add_file(std::string_view base, std::string_view gitignore_text);
  void add_pattern(std::string_view base, std::string_view pattern);
  // `path` relative to the root, '/'-separated; true when it or one of its parent directories
  // is ignored.
  bool ignored(std::string_view path, bool is_directory) const;
  bool empty() const noexcept { return patterns_.empty(); }

 private:
  struct Pattern {
    std::string base;
    std::string glob;
    bool negated = false;
    bool directory_only = false;
    bool anchored = false;
  };
  // The last matching pattern decides for this one path (no parents).
  bool ignored_here(std::string_view path, bool is_directory) const;
  std::vector<Pattern> patterns_;
};

std::span<const std::string_view> skipped_directory_names() noexcept;

struct WalkResult {
  std::vector<std::filesystem::path> files;  // root / relative path, in walk order
  std::vector<std::string> errors;           // directories that could not be read
};

WalkResult walk_directory(const std::filesystem::path& root);

}  // namespace secdesc
