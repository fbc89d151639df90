// sddl-lint speed: lines per second over a generated C++ corpus of ~100,000 lines with an SDDL
// literal every 40 lines, against a baseline in the same run (counting the lines of the same
// buffer). Run: build/bench/lint_bench; the last lines print each pass as a multiple of the
// baseline's time.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "secdesc/lint_run.hpp"
#include "secdesc/lint_scanner.hpp"

namespace {

constexpr std::size_t kLines = 100'000;

// Deterministic C++: functions, comments, ordinary strings, numbers with digit separators, and
// every 40th line an SDDL literal (a third of them with findings).
const std::string& corpus() {
  static const std::string text = [] {
    const char* sddl[] = {
        "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GR;;;AU)S:(ML;;NW;;;LW)",
        "D:(A;;GA;;;SY)(A;;GRGW;;;WD)",
        "O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)",
    };
    std::string out;
    out.reserve(kLines * 48);
    for (std::size_t i = 0; i < kLines; ++i) {
      switch (i % 40) {
        case 0: out += fmt::format("// section {} of the generated corpus\n", i / 40); break;
        case 1: out += fmt::format("static int handler_{}(const char* name, int flags) {{\n", i); break;
        case 2: out += "  if (flags & 0x20) return log(\"flag 0x20 set for %s\", name);\n"; break;
        case 3: out += fmt::format("  const int limit = 1'000'{:03};\n", i % 1000); break;
        case 4: out += "  std::string path = \"C:\\\\Program Files\\\\App\\\\data.bin\";\n"; break;
        case 5: out += "  /* a block comment with \"quotes\" and D:(A;;GA;;;WD) inside */\n"; break;
        case 20:
          out += fmt::format("  auto sd = MakeSa(L\"{}\");\n", sddl[(i / 40) % 3]);
          break;
        case 39: out += "}\n"; break;
        default:
          out += fmt::format("  value_{} = compute(value_{}, '{}', \"text {}\");\n", i % 97,
                             i % 89, static_cast<char>('a' + i % 26), i % 13);
      }
    }
    return out;
  }();
  return text;
}

void BM_LineCountBaseline(benchmark::State& state) {
  const std::string& text = corpus();
  for (auto _ : state) {
    auto lines = std::count(text.begin(), text.end(), '\n');
    benchmark::DoNotOptimize(lines);
  }
  state.counters["lines/s"] = benchmark::Counter(static_cast<double>(kLines),
                                                 benchmark::Counter::kIsIterationInvariantRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LineCountBaseline);

void BM_ScanLiterals(benchmark::State& state) {
  const std::string& text = corpus();
  std::size_t found = 0;
  for (auto _ : state) {
    auto result = secdesc::scan_sddl_literals(text, secdesc::SourceLanguage::cpp);
    found = result.literals.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["lines/s"] = benchmark::Counter(static_cast<double>(kLines),
                                                 benchmark::Counter::kIsIterationInvariantRate);
  state.counters["literals"] = static_cast<double>(found);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ScanLiterals)->Unit(benchmark::kMillisecond);

void BM_LintSource(benchmark::State& state) {
  const std::string& text = corpus();
  const secdesc::LintSettings settings;
  std::size_t findings = 0;
  for (auto _ : state) {
    auto result = secdesc::lint_source("corpus.cpp", text, secdesc::SourceLanguage::cpp, settings);
    findings = result.findings.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["lines/s"] = benchmark::Counter(static_cast<double>(kLines),
                                                 benchmark::Counter::kIsIterationInvariantRate);
  state.counters["findings"] = static_cast<double>(findings);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LintSource)->Unit(benchmark::kMillisecond);

// Prints, after the usual table, each benchmark's time per iteration as a multiple of the
// baseline's, measured in this same run.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs)
      if (r.run_type == Run::RT_Iteration && r.iterations > 0)
        seconds_[r.benchmark_name()] = r.real_accumulated_time / static_cast<double>(r.iterations);
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    auto base = seconds_.find("BM_LineCountBaseline");
    if (base == seconds_.end() || base->second <= 0) return;
    for (const auto& [name, s] : seconds_) {
      std::printf("%-22s %12.0f lines/s  %8.1fx the line-count baseline's time\n", name.c_str(),
                  static_cast<double>(kLines) / s, s / base->second);
    }
  }

 private:
  std::map<std::string, double> seconds_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
