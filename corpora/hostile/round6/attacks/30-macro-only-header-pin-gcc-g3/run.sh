#!/bin/bash
# As 29 with gcc-12 -g3.
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
gcc-12 -fsanitize=thread -g3 -O1 main.c -o prog || exit 100
"$TSAN_VERIFY" ./prog
