/* The fix: reduction(+ : sum) gives each thread a private sum, and the runtime adds the private sums into the shared
 * one when the loop ends. TSan reports nothing: Archer orders each thread's share before the loop's closing barrier
 * and main's read of `sum` after it, and turns TSan's write checks off while the runtime combines the sums.
 * Source: openmp tools/archer/ompt-tsan.cpp ompt_tsan_implicit_task, ompt_tsan_sync_region, ompt_tsan_reduction
 * (LLVM 14). */
#include "../casebook.h"

// expect-output: sum:
// requires-tsan: clang -- Archer is LLVM's; what gcc's libgomp gives TSan is limits/libgomp_barrier
// uses-openmp: threads=2 tool=archer -- a team of two, whose OpenMP order Archer tells TSan
// tsan-options: ignore_noninstrumented_modules=1 -- what Archer asks for: libomp is not built with TSan
// tsan-hides: uninstrumented libomp.so.5 -- LLVM's OpenMP runtime, not built with TSan: Archer tells TSan its order
// expect-tsan: none

enum { ITEMS = 1000 };
static int values[ITEMS];

int main(void) {
  for (int i = 0; i < ITEMS; i++)
    values[i] = i % 7;
  int sum = 0;
#pragma omp parallel for reduction(+ : sum)
  for (int i = 0; i < ITEMS; i++)
    sum += values[i];
  say("sum: %d", sum);
  return 0;
}
