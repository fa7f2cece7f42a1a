#!/bin/bash
# No wrapper: the real clang-14, with flags a build may well carry (-Werror and a linker flag). Compiling and linking
# works; clang -E -C fails ("-Wl,--as-needed: 'linker' input unused [-Werror]"). The header renum.h starts with
# #line 7 "<abs>/case.c", so bump()'s racy counter++ is reported on case.c:7, a line whose own code never races,
# where the marker stands. With the default flags the compiler's reading refuses it (2). The failed reading must be
# cannot check too, never dropped.
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
"$TSAN_VERIFY" --cc clang-14 --cflags "-fsanitize=thread -g -pthread -Werror -Wl,--as-needed" case.c
