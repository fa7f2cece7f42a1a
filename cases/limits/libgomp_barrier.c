/* The limit: built by gcc, an OpenMP program runs on GCC's libgomp, which is not built with TSan and whose barrier
 * at the end of a parallel loop is a futex wait inside its own code. TSan sees the team's thread created, never the
 * barrier, so main's read of what that thread wrote in the loop is reported as a data race, though the program is
 * correct; libgomp reads no OMP_TOOL_LIBRARIES, so no tool such as Archer can tell TSan the order either. Built by
 * clang, the same program runs on libomp with Archer, which announces the barrier to TSan, and TSan is silent.
 * Source: gcc 12 libgomp/team.c gomp_team_start, gomp_team_end; gcc 12 libgomp/config/linux/bar.c
 * gomp_team_barrier_wait_end; gcc 12 libgomp/env.c initialize_env; openmp tools/archer/ompt-tsan.cpp
 * ompt_tsan_sync_region (LLVM 14). */
#include "../casebook.h"

// expect-output: total: 332833500
// uses-openmp: threads=2 tool=archer -- a team of two; Archer where the runtime can load one (libomp, not libgomp)
// tsan-options: ignore_noninstrumented_modules=1 -- what Archer asks for: libomp is not built with TSan
// tsan-hides: uninstrumented libomp.so.5 -- LLVM's OpenMP runtime, not built with TSan: Archer tells TSan its order
// expect-bug: none
// expect-tsan[clang]: none

enum { ITEMS = 1000 };
static long squares[ITEMS];

int main(void) {
#pragma omp parallel for
  for (int i = 0; i < ITEMS; i++)
    squares[i] = (long)i * i;
  long total = 0;
  for (int i = 0; i < ITEMS; i++)
    total += squares[i]; // expect-tsan[gcc]: data race -- false positive: libgomp's closing barrier is unseen
  say("total: %ld", total);
  return 0;
}
