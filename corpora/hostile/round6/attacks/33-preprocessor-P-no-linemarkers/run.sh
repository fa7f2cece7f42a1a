#!/bin/bash
# The case of 43 with --cflag -P: -E output without any line markers, laid out line for line like the case
# (the header's one line replaces the #include line), so the #line in renum.h shows nowhere.
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
"$TSAN_VERIFY" --cc clang-14 --cflag -P case.c
