// Counts heap allocations in a benchmark binary (global operator new), for "allocations per
// parse" figures. Include in exactly one translation unit.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

namespace secdesc_bench {
// Per thread and not atomic: an atomic increment is a locked instruction that would add its own
// cost to every allocation the benchmarks time. The benchmarks run on one thread.
inline thread_local std::size_t allocations = 0;
}

void* operator new(std::size_t n) {
  ++secdesc_bench::allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
