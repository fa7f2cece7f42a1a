#!/bin/bash
# expect-tsan[clang<4294967310]: applies to every clang (14 < 4294967310); a 32-bit wrap makes it clang<14, so the
# unhit marker on a line that never races would be ignored.
set -u; cd "$WORK"
cat > case.c <<'XEOF'
#include <pthread.h>
int counter, calm;
static void *worker(void *arg) {
  (void)arg;
  counter++; // expect-tsan: data race
  return 0;
}
int main(void) {
  pthread_t a, b;
  calm = 1; // expect-tsan[clang<4294967310]: data race
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
XEOF
"$TSAN_VERIFY" --cc clang-14 case.c
