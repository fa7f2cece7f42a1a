/* An OpenMP program that prints the team its parallel region gets and the OpenMP variables it runs with: its
 * `uses-openmp` marker asks for three threads and Archer, and the harness must give exactly that, whatever its own
 * environment holds (test_verify.c sets OMP_NUM_THREADS=1, OMP_DYNAMIC, ARCHER_OPTIONS=enable=0 and more). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// expect-tsan: none
// uses-openmp: threads=3 tool=archer -- the team and the tool the harness must give
// tsan-options: ignore_noninstrumented_modules=1 -- what Archer asks for: libomp is not built with TSan
// tsan-hides: uninstrumented libomp.so.5 -- LLVM's OpenMP runtime, not built with TSan
// expect-output: team of 3
// expect-output: OMP_DYNAMIC unset, GOMP_SPINCOUNT unset, KMP_BLOCKTIME unset, ARCHER_OPTIONS unset
// expect-output: tool libarcher.so

static const char *shown(const char *name) { return getenv(name) ? getenv(name) : "unset"; }

int main(void) {
  int team = 0;
#pragma omp parallel reduction(+ : team)
  team++;
  printf("team of %d\n", team);
  printf("OMP_DYNAMIC %s, GOMP_SPINCOUNT %s, KMP_BLOCKTIME %s, ARCHER_OPTIONS %s\n", shown("OMP_DYNAMIC"),
         shown("GOMP_SPINCOUNT"), shown("KMP_BLOCKTIME"), shown("ARCHER_OPTIONS"));
  const char *tool = getenv("OMP_TOOL_LIBRARIES");
  printf("tool %s\n", tool && strrchr(tool, '/') ? strrchr(tool, '/') + 1 : tool ? tool : "none");
  return 0;
}
