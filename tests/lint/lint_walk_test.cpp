// Directory walking: skipped directories, .gitignore (simple subset), globs.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <unistd.h>

#include <fmt/format.h>

#include "secdesc/lint_walk.hpp"

namespace secdesc {
namespace {

namespace fs = std::filesystem;

TEST(GlobMatch, Table) {
  struct Case {
    std::string_view pattern, path;
    bool match;
  };
  const Case cases[] = {
      {"*.cpp", "a.cpp", true},          {"*.cpp", "dir/a.cpp", false},  // * stops at '/'
      {"**/*.cpp", "a.cpp", true},       {"**/*.cpp", "x/y/a.cpp", true},
      {"third_party/**", "third_party/a/b.c", true}, {"third_party/**", "third_party", false},
      {"a?c", "abc", true},              {"a?c", "a/c", false},
      {"[ab]x", "bx", true},             {"[!ab]x", "cx", true},
      {"[!ab]x", "ax", false},           {"[a-c]1", "b1", true},
      {"a/**/b", "a/b", true},           {"a/**/b", "a/x/y/b", true},
      {"build", "build", true},          {"build", "builds", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(glob_match(c.pattern, c.path), c.match) << c.pattern << " vs " << c.path;
}

TEST(IgnorePatternsTest, GitignoreSubset) {
  IgnorePatterns p;
  p.add_file("", "# comment\n\n*.gen.cpp\n!keep.gen.cpp\n/generated/\nlogs/\n");
  p.add_file("src", "secret.txt\n");
  EXPECT_TRUE(p.ignored("b.gen.cpp", false));
  EXPECT_TRUE(p.ignored("deep/x/b.gen.cpp", false));  // no '/' in the pattern: any depth
  EXPECT_FALSE(p.ignored("keep.gen.cpp", false));     // re-included
  EXPECT_TRUE(p.ignored("generated", true));
  EXPECT_TRUE(p.ignored("generated/g.cpp", false));   // inside an ignored directory
  EXPECT_FALSE(p.ignored("src/generated/h.cpp", false));  // anchored to the root
  EXPECT_FALSE(p.ignored("logs", false));                 // directories only
  EXPECT_TRUE(p.ignored("src/logs/l.txt", false));
  EXPECT_TRUE(p.ignored("src/secret.txt", false));
  EXPECT_FALSE(p.ignored("secret.txt", false));  // src/.gitignore applies below src only
}

struct TempTree {
  fs::path root;
  TempTree()
      : root(fs::temp_directory_path() /
             fmt::format("secdesc-lint-walk-{}", static_cast<long>(::getpid()))) {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~TempTree() { fs::remove_all(root); }
  void write(const std::string& rel, std::string_view text = "x") const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << text;
  }
};

TEST(WalkDirectory, SkipsAndIgnores) {
  TempTree t;
  t.write(".git/config");
  t.write("build/x.cpp");
  t.write("cmake-build-debug/y.cpp");
  t.write("out2/CMakeCache.txt");
  t.write("out2/z.cpp");
  t.write("node_modules/m.js");
  t.write(".gitignore", "*.gen.cpp\n!keep.gen.cpp\n/generated/\nlogs/\n");
  t.write("a.cpp");
  t.write("b.gen.cpp");
  t.write("keep.gen.cpp");
  t.write("generated/g.cpp");
  t.write("src/generated/h.cpp");
  t.write("src/logs/l.txt");
  t.write("src/.gitignore", "secret.txt\n");
  t.write("src/secret.txt");
  t.write("secret.txt");
  t.write("src/main.cpp");
  fs::create_directory_symlink(t.root / "src", t.root / "link");
  WalkResult w = walk_directory(t.root);
  EXPECT_TRUE(w.errors.empty());
  std::vector<std::string> got;
  for (const auto& f : w.files) got.push_back(f.lexically_relative(t.root).generic_string());
  EXPECT_EQ(got, (std::vector<std::string>{".gitignore", "a.cpp", "keep.gen.cpp", "secret.txt",
                                           "src/.gitignore", "src/main.cpp",
                                           "src/generated/h.cpp"}));
}

}  // namespace
}  // namespace secdesc
