/* Races on `table` between the worker's plain write and clear_table()'s memset, which lives in
 * clears_a_table_in_another_file_lib.c, built with TSan but -mllvm -tsan-instrument-memintrinsics=0 (not recorded in
 * its DWARF): clang expands the memset inline after TSan's pass, so TSan never sees that side. Marked `none`, which
 * the silent run seems to meet. p01_instrumented builds both: a file outside the files under test is judged whole
 * (it is instrumented), and access by access once the user names it (--instrumented). */
#include "invisible_barrier.h"

struct pair {
  long first, second;
};
extern struct pair table;
void clear_table(void);

static void *worker(void *arg) {
  (void)arg;
  table.first = 1;
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  clear_table();
  overlap_wait();
  pthread_join(thread, NULL);
  return (int)table.second;
}
