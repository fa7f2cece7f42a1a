#!/bin/bash
# the --cc wrapper kills itself with SIGSEGV on -E after writing half the real output
set -u; cd "$WORK"
cat > race.c <<'XEOF'
#include <pthread.h>
int counter;
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
  return 0;
}
XEOF
"$TSAN_VERIFY" --cc "$WORK/cc-wrap" race.c
