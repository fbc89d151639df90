// sddlc explain's matrix against sddlc check: for every reference policy, cells of every row of
// `sddlc explain --format json` must equal the verdict `sddlc check POLICY --token SPEC
// --desired RIGHT` gives for that row's token SPEC (exit 0 granted, 1 denied). The goldens
// (tests/cli/sddlc_explain_test.sh) are only as right as this check.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "sddlc_runner.hpp"

namespace {

using sddlc_test::kSddlc;
using ToolOutput = sddlc_test::ToolRun;

// Arguments are single-quoted for /bin/sh; token SPECs and paths hold no quote.
ToolOutput sddlc(const std::vector<std::string>& args) {
  std::string command = std::string("'") + kSddlc + "'";
  for (const std::string& a : args) command += " '" + a + "'";
  return sddlc_test::run_shell(command + " 2>&1");
}

TEST(SddlcExplain, MatrixCellsEqualSddlcCheckForEveryPolicy) {
  if (!kSddlc) GTEST_SKIP() << "sddlc is not built (SECDESC_BUILD_TOOLS=OFF)";
  std::vector<std::filesystem::path> policies;
  for (const auto& e : std::filesystem::directory_iterator(std::string(SECDESC_SOURCE_DIR) + "/policies"))
    if (e.path().extension() == ".toml") policies.push_back(e.path());
  ASSERT_FALSE(policies.empty());
  std::size_t compared = 0, granted = 0;
  for (const auto& policy : policies) {
    const ToolOutput explain = sddlc({"explain", policy.string(), "--format", "json"});
    ASSERT_EQ(explain.status, 0) << policy << "\n" << explain.out;
    const nlohmann::json x = nlohmann::json::parse(explain.out);
    const nlohmann::json& rows = x.at("rows");
    ASSERT_FALSE(rows.empty()) << policy;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const nlohmann::json& cells = rows[r].at("cells");
      ASSERT_EQ(cells.size(), x.at("columns").size());
      // A third of the cells, a different third on each row: every column and every row is
      // compared, at a third of the runs.
      for (std::size_t c = r % 3; c < cells.size(); c += 3) {
        const std::string spec = rows[r].at("token");
        const std::string right = cells[c].at("right");
        const ToolOutput check = sddlc({"check", policy.string(), "--token", spec, "--desired", right});
        ASSERT_TRUE(check.status == 0 || check.status == 1)
            << policy << " " << spec << " " << right << "\n" << check.out;
        EXPECT_EQ(cells[c].at("granted").get<bool>(), check.status == 0)
            << policy.filename() << ": " << rows[r].at("caller") << " (" << spec << ") " << right
            << "\n" << check.out;
        ++compared;
        if (check.status == 0) ++granted;
      }
    }
  }
  // Both verdicts occur: a matrix of all "no" (or all "yes") would not test much.
  EXPECT_GT(granted, 0u);
  EXPECT_LT(granted, compared);
}

}  // namespace
