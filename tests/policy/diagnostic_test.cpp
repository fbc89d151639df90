// diagnostic.hpp: how a positioned diagnostic is written.
#include <gtest/gtest.h>

#include "secdesc/diagnostic.hpp"

namespace secdesc {
namespace {

TEST(Diagnostic, SeverityNames) {
  EXPECT_EQ(to_string(Severity::error), "error");
  EXPECT_EQ(to_string(Severity::warning), "warning");
  EXPECT_EQ(to_string(Severity::note), "note");
}

TEST(Diagnostic, FormatWithLineAndColumn) {
  Diagnostic d{SourceLocation{"p.toml", 3, 7}, Severity::error, "unknown-key", "unknown key 'x'", {}, {}};
  EXPECT_EQ(format_diagnostic(d), "p.toml:3:7: error: unknown key 'x'");
  d.where.column = 0;  // a line without a column
  EXPECT_EQ(format_diagnostic(d), "p.toml:3: error: unknown key 'x'");
  d.severity = Severity::warning;
  EXPECT_EQ(format_diagnostic(d), "p.toml:3: warning: unknown key 'x'");
}

TEST(Diagnostic, FormatWithoutAPosition) {
  Diagnostic d{SourceLocation{"p.toml", 0, 0}, Severity::error, "missing-key", "a policy needs a [dacl]", {}, {}};
  EXPECT_EQ(format_diagnostic(d), "p.toml: error: a policy needs a [dacl]");
  d.where.column = 5;  // a column without a line means nothing
  EXPECT_EQ(format_diagnostic(d), "p.toml: error: a policy needs a [dacl]");
}

TEST(Diagnostic, DetailsAreIndentedOnePerLine) {
  Diagnostic d{SourceLocation{"p.toml", 9, 1}, Severity::note, "trace", "why", {"first", "second"}, {}};
  EXPECT_EQ(format_diagnostic(d), "p.toml:9:1: note: why\n  first\n  second");
}

}  // namespace
}  // namespace secdesc
