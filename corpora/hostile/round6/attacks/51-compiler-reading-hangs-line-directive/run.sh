#!/bin/bash
# The case of 43; the --cc wrapper compiles with clang-14 and never returns from -E. Observed by hand: after 300 s
# the harness drops the reading and prints "met" (exit 0). run-all's own 300 s limit ends this attack first.
set -u; cd "$WORK"
cat > case.c <<'XEOF'
typedef unsigned long pthread_t; int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
int counter; int pthread_join(pthread_t, void **);
volatile int sink;
#include "renum.h"
static void *worker(void *arg) {
  (void)arg;
  volatile int l = 1; (void)l; // expect-tsan: data race
  bump();
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
printf '#line 7 "%s/case.c"\n__attribute__((noinline)) static void bump(void) { counter++; }\n' "$WORK" > renum.h
cat > cc-wrap <<'XEOF'
#!/bin/bash
case " $* " in *" -dM "*) exec clang-14 "$@";; *" -E "*) exec sleep 100000;; esac
exec clang-14 "$@"
XEOF
chmod +x cc-wrap
"$TSAN_VERIFY" --timeout 10 --cc "$WORK/cc-wrap" case.c
