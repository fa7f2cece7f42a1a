#!/bin/bash
# As 27 with expect-tsan selectors: [gcc] data race / [clang] none, built by clang-14 (which races).
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
cat > cc-wrap <<'XEOF'
#!/bin/bash
for a in "$@"; do [ "$a" = -dM ] && exec gcc-12 "$@"; done
exec clang-14 "$@"
XEOF
chmod +x cc-wrap
"$TSAN_VERIFY" --cc "$WORK/cc-wrap" case.c
