#!/bin/bash
# SIGINT from outside while the compiler reads the case (-E -C takes 8 s; a CI job cancelled). HOSTILE.md: the
# harness ends by the signal after cleaning up (like SIGINT during the run, which gives 130). It must not go on to
# print a verdict.
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
cat > cc-wrap <<'XEOF'
#!/bin/bash
case " $* " in *" -dM "*) exec clang-14 "$@";; *" -E "*) sleep 8; exec clang-14 "$@";; esac
exec clang-14 "$@"
XEOF
chmod +x cc-wrap
"$TSAN_VERIFY" --cc "$WORK/cc-wrap" race.c & pid=$!
sleep 2; kill -INT $pid; wait $pid
