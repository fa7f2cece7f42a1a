#!/bin/bash
# the compiler's reading takes 4 s and then fails (empty output); the racy program is done long before
set -u; cd "$WORK"
cat > race.c <<'XEOF'
#include <pthread.h>
#include <unistd.h>
int counter, other;
static void *worker(void *arg) {
  (void)arg;
  counter++; // expect-tsan: data race
  other++;
  return 0;
}
int main(void) {
  pthread_t a, b;
  if (SLOW) sleep(SLOW);
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
XEOF
SLOW=0; "$TSAN_VERIFY" --cc "$WORK/cc-wrap" --cflag -DSLOW=$SLOW race.c > out.txt 2>&1; rc=$?; cat out.txt
[ $rc = 2 ] || exit $rc
if grep -q -E "unexpected|other|reported|race.c:7" out.txt; then echo "LEAK: the run shows in the verdict"; exit 99; fi
"$TSAN_VERIFY" --json --cc "$WORK/cc-wrap" --cflag -DSLOW=$SLOW race.c > out.json 2>/dev/null
if grep -q -E '"(reports|unexpected)":\[\{' out.json; then echo "LEAK in JSON:"; head -c 600 out.json; exit 99; fi
exit $rc
