#!/bin/bash
# As 43 with a --cc wrapper that compiles with clang-14 and dies by SIGSEGV whenever asked to preprocess (-E).
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
case " $* " in *" -dM "*) exec clang-14 "$@";; *" -E "*) kill -SEGV $$;; esac
exec clang-14 "$@"
XEOF
chmod +x cc-wrap
"$TSAN_VERIFY" --cc "$WORK/cc-wrap" case.c
