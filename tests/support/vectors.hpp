// Reads the Windows conformance vectors from ../shared/vectors at test time (never copied here).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace secdesc::testing {

struct VectorRow {
  std::size_t line = 0;               // 1-based line in the file
  std::vector<std::string> fields;    // unescaped
  const std::string& at(std::size_t i) const;
};

struct VectorFile {
  std::string name;
  std::vector<std::string> header;  // the '#' lines, without '#'
  std::vector<VectorRow> rows;
};

// The vectors folder: $SECDESC_VECTORS if set, else <source>/../shared/vectors; nullopt if absent.
std::optional<std::filesystem::path> vectors_dir();

// The notice a test prints when it skips because the folder is missing.
std::string missing_vectors_notice();

// Loads and unescapes one file (\\ \t \n \r \xHH, one left-to-right scan).
VectorFile load_vectors(const std::filesystem::path& dir, const std::string& name);

std::string unescape_field(const std::string& raw);

}  // namespace secdesc::testing
