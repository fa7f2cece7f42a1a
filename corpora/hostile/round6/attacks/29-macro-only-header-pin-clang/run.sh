#!/bin/bash
# A header that only defines a macro (named by the DWARF only through -fdebug-macro) holds a pinned marker that no
# report can hit. Read, it fails the test (or cannot be checked); dropped, the program is met.
set -u; cd "$WORK"
cat > main.c <<'XEOF'
#include <pthread.h>
#include "types.h"
int counter;
int shared_pair_a = ONE;
static void *worker(void *arg) {
  (void)arg;
  counter++; // expect-tsan: data race
  return 0;
}
int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return shared_pair_a - 1;
}
XEOF
printf '%s\n' '// expect-tsan: data race in never_called_anywhere' '#define ONE 1' > types.h
clang-14 -fsanitize=thread -gdwarf-5 -fdebug-macro -O1 main.c -o prog || exit 100
"$TSAN_VERIFY" ./prog
