// Benchmarks of the core: SDDL parse and emit, binary encode and decode, access check, on the
// seed descriptor, the reference policies, rows of the Windows corpus and growing sizes.
// Every figure is read against BM_Baseline_ScanBytes, a plain pass over the same bytes measured
// in the same run (docs/performance.md).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "alloc_counter.hpp"
#include "secdesc/secdesc.hpp"
#include "secdesc/access_check.hpp"
#include "secdesc/token.hpp"

namespace {

using namespace secdesc;

const std::string kSeed = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)";

// A DACL of n allow ACEs for distinct domain users.
std::string dacl_of(std::size_t n) {
  std::string s = "D:P";
  for (std::size_t i = 0; i < n; ++i) s += fmt::format("(A;;GRGW;;;S-1-5-21-1-2-3-{})", 1000 + i);
  return s + "S:(ML;;NW;;;LW)";
}

// The SDDL column of windows_sddl_binary.tsv, DACL-only rows (no SACL, no conditional ACEs).
const std::vector<std::string>& corpus() {
  static const std::vector<std::string> rows = [] {
    std::vector<std::string> out;
    std::filesystem::path dir = std::filesystem::path(SECDESC_SOURCE_DIR) / ".." / "shared" / "vectors";
    if (const char* env = std::getenv("SECDESC_VECTORS")) dir = env;
    std::ifstream in(dir / "windows_sddl_binary.tsv");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::string sddl = line.substr(0, line.find('\t'));
      if (sddl.find("S:") != std::string::npos || sddl.find("(X") != std::string::npos ||
          sddl.find("(RA") != std::string::npos || sddl.find("(Z") != std::string::npos)
        continue;
      if (parse_sddl(sddl, SddlParseOptions{SidContext{parse_domain_sid("S-1-5-21-2457507606-2709100691-398136650").value()}, false}))
        out.push_back(std::move(sddl));
    }
    return out;
  }();
  return rows;
}

void BM_Baseline_ScanBytes(benchmark::State& state) {
  for (auto _ : state) {
    std::size_t n = 0;
    for (char c : kSeed) n += c == ';';
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSeed.size()));
}
BENCHMARK(BM_Baseline_ScanBytes);

void BM_ParseSeed(benchmark::State& state) {
  const std::size_t before = secdesc_bench::allocations;
  for (auto _ : state) benchmark::DoNotOptimize(parse_sddl(kSeed));
  state.counters["allocs/parse"] = benchmark::Counter(
      static_cast<double>(secdesc_bench::allocations - before) / static_cast<double>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSeed.size()));
}
BENCHMARK(BM_ParseSeed);

void BM_ParseAndEncodeSeed(benchmark::State& state) {
  for (auto _ : state) {
    auto sd = parse_sddl(kSeed);
    benchmark::DoNotOptimize(encode_self_relative(*sd));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSeed.size()));
}
BENCHMARK(BM_ParseAndEncodeSeed);

// The seed's DACL alone: what bench/compare_samba.py sets against Samba's binding (Samba 4.17
// cannot read the ML ACE). One allocation for the descriptor, one for its bytes.
const std::string kSeedDacl = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)";

void BM_ParseAndEncodeSeedDacl(benchmark::State& state) {
  const std::size_t before = secdesc_bench::allocations;
  for (auto _ : state) {
    auto sd = parse_sddl(kSeedDacl);
    benchmark::DoNotOptimize(encode_self_relative(*sd));
  }
  state.counters["allocs/descriptor"] = benchmark::Counter(
      static_cast<double>(secdesc_bench::allocations - before) / static_cast<double>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSeedDacl.size()));
}
BENCHMARK(BM_ParseAndEncodeSeedDacl);

// The same, reusing one descriptor and one byte vector (parse_sddl_into,
// encode_self_relative_into), as `sddlc convert -` does line after line: no allocation once warm.
void BM_ParseAndEncodeSeedDaclReusingStorage(benchmark::State& state) {
  SecurityDescriptor sd;
  std::vector<std::byte> bytes;
  const std::size_t before = secdesc_bench::allocations;
  for (auto _ : state) {
    if (parse_sddl_into(kSeedDacl, sd) || encode_self_relative_into(sd, bytes)) {
      state.SkipWithError("the seed's DACL failed");
      break;
    }
    benchmark::DoNotOptimize(bytes.data());
    benchmark::ClobberMemory();
  }
  state.counters["allocs/descriptor"] = benchmark::Counter(
      static_cast<double>(secdesc_bench::allocations - before) / static_cast<double>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kSeedDacl.size()));
}
BENCHMARK(BM_ParseAndEncodeSeedDaclReusingStorage);

void BM_EmitSeed(benchmark::State& state) {
  const auto sd = parse_sddl(kSeed).value();
  for (auto _ : state) benchmark::DoNotOptimize(to_sddl(sd));
}
BENCHMARK(BM_EmitSeed);

void BM_EncodeSeed(benchmark::State& state) {
  const auto sd = parse_sddl(kSeed).value();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto b = encode_self_relative(sd);
    bytes = b->size();
    benchmark::DoNotOptimize(b);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_EncodeSeed);

void BM_DecodeSeed(benchmark::State& state) {
  const auto bytes = encode_self_relative(parse_sddl(kSeed).value()).value();
  for (auto _ : state) benchmark::DoNotOptimize(decode_self_relative(bytes));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_DecodeSeed);

void BM_ParseWindowsCorpus(benchmark::State& state) {
  const auto& rows = corpus();
  if (rows.empty()) {
    state.SkipWithError("../shared/vectors/windows_sddl_binary.tsv not found");
    return;
  }
  const SddlParseOptions options{SidContext{parse_domain_sid("S-1-5-21-2457507606-2709100691-398136650").value()}, false};
  std::size_t bytes = 0;
  for (const auto& r : rows) bytes += r.size();
  for (auto _ : state)
    for (const auto& r : rows) benchmark::DoNotOptimize(parse_sddl(r, options));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows.size()));
}
BENCHMARK(BM_ParseWindowsCorpus)->Unit(benchmark::kMillisecond);

void BM_ParseGrowing(benchmark::State& state) {
  const std::string text = dacl_of(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(parse_sddl(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.SetComplexityN(state.range(0));
}
// 1 to 1,800 ACEs: 1,800 ACEs of 36 bytes is the most an ACL of these SIDs holds.
BENCHMARK(BM_ParseGrowing)->RangeMultiplier(4)->Range(1, 1800)->Complexity(benchmark::oN);

void BM_EncodeDecodeGrowing(benchmark::State& state) {
  const auto sd = parse_sddl(dacl_of(static_cast<std::size_t>(state.range(0)))).value();
  for (auto _ : state) {
    auto bytes = encode_self_relative(sd);
    benchmark::DoNotOptimize(decode_self_relative(*bytes));
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_EncodeDecodeGrowing)->RangeMultiplier(4)->Range(1, 1800)->Complexity(benchmark::oN);

// Access check: a 4-ACE DACL and a token with 20 groups (the target: under 200 ns).
Token token_with_groups(std::size_t n) {
  Token t = interactive_user();
  t.groups.clear();
  for (std::size_t i = 0; i < n; ++i) t.groups.push_back(TokenGroup{Sid{5, {21, 1, 2, 3, static_cast<std::uint32_t>(2000 + i)}}});
  t.groups.push_back(TokenGroup{sids::interactive});
  return t;
}

// Without the trace (AccessCheckOptions::trace = false): what test suites and the matchers run.
AccessCheckOptions no_trace() {
  AccessCheckOptions o;
  o.trace = false;
  return o;
}

void BM_AccessCheck4Aces20Groups(benchmark::State& state) {
  const auto sd = parse_sddl("D:P(D;;GA;;;AN)(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)").value();
  const Token token = token_with_groups(19);  // + IU = 20 groups
  const auto options = no_trace();
  for (auto _ : state)
    benchmark::DoNotOptimize(access_check(sd, token, rights::generic_read | rights::generic_write, ObjectType::section, options));
}
BENCHMARK(BM_AccessCheck4Aces20Groups);

// The same check with its trace (sddlc check, [[expect]] failures, matcher explanations).
void BM_AccessCheck4Aces20Groups_WithTrace(benchmark::State& state) {
  const auto sd = parse_sddl("D:P(D;;GA;;;AN)(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)").value();
  const Token token = token_with_groups(19);
  for (auto _ : state)
    benchmark::DoNotOptimize(access_check(sd, token, rights::generic_read | rights::generic_write, ObjectType::section));
}
BENCHMARK(BM_AccessCheck4Aces20Groups_WithTrace);

void BM_AccessCheckGrowingAces(benchmark::State& state) {
  const auto sd = parse_sddl(dacl_of(static_cast<std::size_t>(state.range(0)))).value();
  const Token token = token_with_groups(19);
  const auto options = no_trace();
  for (auto _ : state)
    benchmark::DoNotOptimize(access_check(sd, token, rights::generic_read, ObjectType::section, options));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_AccessCheckGrowingAces)->RangeMultiplier(4)->Range(1, 1800)->Complexity(benchmark::oN);

void BM_AccessCheckGrowingGroups(benchmark::State& state) {
  const auto sd = parse_sddl("D:P(D;;GA;;;AN)(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)").value();
  const Token token = token_with_groups(static_cast<std::size_t>(state.range(0)));
  const auto options = no_trace();
  for (auto _ : state)
    benchmark::DoNotOptimize(access_check(sd, token, rights::generic_read, ObjectType::section, options));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_AccessCheckGrowingGroups)->RangeMultiplier(4)->Range(1, 500)->Complexity(benchmark::oN);

// Conditional ACEs and resource attributes (docs/conditional-aces.md's example).
const std::string kConditional =
    "D:(XA;;FR;;;WD;(@User.Department == \"Finance\" && Member_of {SID(BU)}))"
    "(XD;;FW;;;WD;(@User.Clearance < @Resource.Secrecy))(XA;;FW;;;WD;(@User.Department == "
    "\"Finance\"))S:(RA;;;;;WD;(\"Secrecy\",TU,0x0,3))";

void BM_ParseConditional(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parse_sddl(kConditional));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kConditional.size()));
}
BENCHMARK(BM_ParseConditional);

void BM_EncodeDecodeConditional(benchmark::State& state) {
  const auto sd = parse_sddl(kConditional).value();
  for (auto _ : state) {
    auto bytes = encode_self_relative(sd).value();
    benchmark::DoNotOptimize(decode_self_relative(bytes));
  }
}
BENCHMARK(BM_EncodeDecodeConditional);

void BM_AccessCheckConditional(benchmark::State& state) {
  const auto sd = parse_sddl(kConditional).value();
  const Token token =
      parse_token_spec("preset=interactive-user;user-claims=Department:string:finance,Clearance:uint64:3")
          .value();
  for (auto _ : state)
    benchmark::DoNotOptimize(access_check(sd, token, rights::generic_read | rights::generic_write, ObjectType::file));
}
BENCHMARK(BM_AccessCheckConditional);

// A chain of n '&&' terms: parse, write and evaluate are linear in it.
void BM_ConditionChainGrowing(benchmark::State& state) {
  std::string text = "(@User.x == 1";
  for (std::int64_t i = 1; i < state.range(0); ++i) text += " && @User.x == 1";
  text += ")";
  const auto expr = parse_conditional_expression(text).value();
  ConditionContext context;
  Claim x;
  x.name = u"x";
  x.integers = {1};
  context.user_claims = {x};
  for (auto _ : state) {
    benchmark::DoNotOptimize(parse_conditional_expression(text));
    benchmark::DoNotOptimize(evaluate_condition(expr, context));
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_ConditionChainGrowing)->RangeMultiplier(4)->Range(1, 128)->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
