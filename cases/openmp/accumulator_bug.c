/* The mistake: every thread of the parallel loop adds its share of `values` into the one shared `sum`, a read, an
 * add and a write that the two threads interleave, so some additions are lost. TSan reports a data race on the
 * `sum +=` line: Archer, the OpenMP tool libomp loads, tells TSan the order OpenMP creates (the region's start before
 * each thread's share of the loop, each share before the closing barrier), and nothing orders one thread's share
 * with the other's.
 * Source: openmp tools/archer/ompt-tsan.cpp ompt_tsan_parallel_begin, ompt_tsan_implicit_task, ompt_tsan_sync_region
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-output: sum:
// requires-tsan: clang -- Archer is LLVM's; what gcc's libgomp gives TSan is limits/libgomp_barrier
// uses-openmp: threads=2 tool=archer -- a team of two, whose OpenMP order Archer tells TSan
// tsan-options: ignore_noninstrumented_modules=1 -- what Archer asks for: libomp is not built with TSan
// tsan-hides: uninstrumented libomp.so.5 -- LLVM's OpenMP runtime, not built with TSan: Archer tells TSan its order

enum { ITEMS = 1000 };
static int values[ITEMS];

int main(void) {
  for (int i = 0; i < ITEMS; i++)
    values[i] = i % 7;
  int sum = 0;
#pragma omp parallel for
  for (int i = 0; i < ITEMS; i++)
    sum += values[i]; // expect-tsan: data race -- both threads read and write the one sum
  say("sum: %d", sum);
  return 0;
}
