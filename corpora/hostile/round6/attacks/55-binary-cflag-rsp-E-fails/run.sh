#!/bin/bash
# The case of 43 as tsan_verify_add_test registers it: --binary, --cc, --cflag @FILE holding the compile flags
# (here with -Werror and a linker flag). The flags are given, so the compiler's reading is owed; it fails.
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
printf '%s\n' -fsanitize=thread -g -O1 -pthread -Werror -Wl,--as-needed > flags.rsp
clang-14 @flags.rsp case.c -o prog || exit 100
"$TSAN_VERIFY" --binary ./prog --opt O1 --cc clang-14 --cflag @"$WORK/flags.rsp" case.c
