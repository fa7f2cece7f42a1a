#!/bin/bash
# A clang-14 program built with -fno-ident (reproducible builds): .comment then holds only the crt files'
# "GCC: (Debian 12.2.0...)". The DWARF producer and the linked runtime say clang 14. The case says: clang reports
# nothing (none), gcc reports the race. The clang build races, so the honest verdict is not met.
set -u; cd "$WORK"
cat > case.c <<'XEOF'
#include <pthread.h>
int counter;
static void *worker(void *arg) {
  (void)arg;
  // expect-tsan[gcc]: data race
  counter++;
  return 0;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
// expect-tsan[clang]: none
XEOF
clang-14 -fsanitize=thread -g -O1 -fno-ident case.c -o prog || exit 100
"$TSAN_VERIFY" ./prog
