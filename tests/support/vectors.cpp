#include "vectors.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace secdesc::testing {

const std::string& VectorRow::at(std::size_t i) const {
  static const std::string empty;
  return i < fields.size() ? fields[i] : empty;
}

std::optional<std::filesystem::path> vectors_dir() {
  std::filesystem::path dir;
  if (const char* env = std::getenv("SECDESC_VECTORS"); env && *env)
    dir = env;
  else
    dir = std::filesystem::path(SECDESC_SOURCE_DIR) / ".." / "shared" / "vectors";
  if (std::filesystem::is_directory(dir)) return dir;
  return std::nullopt;
}

std::string missing_vectors_notice() {
  return "SKIPPED: the Windows conformance vectors folder ../shared/vectors (beside the "
         "checkout; or set SECDESC_VECTORS) is missing; CI always has it";
}

std::string unescape_field(const std::string& raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      out += raw[i];
      continue;
    }
    char c = raw[++i];
    switch (c) {
      case '\\': out += '\\'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'x':
        if (i + 2 < raw.size()) {
          out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
          i += 2;
        }
        break;
      default: out += '\\'; out += c;
    }
  }
  return out;
}

VectorFile load_vectors(const std::filesystem::path& dir, const std::string& name) {
  VectorFile file;
  file.name = name;
  std::ifstream in(dir / name);
  if (!in) throw std::runtime_error("cannot open " + (dir / name).string());
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line[0] == '#') {
      file.header.push_back(line.substr(1));
      continue;
    }
    VectorRow row;
    row.line = n;
    std::size_t start = 0;
    for (;;) {
      std::size_t tab = line.find('\t', start);
      row.fields.push_back(unescape_field(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start)));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    file.rows.push_back(std::move(row));
  }
  return file;
}

}  // namespace secdesc::testing
