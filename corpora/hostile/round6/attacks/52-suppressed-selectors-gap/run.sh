#!/bin/bash
# expect-suppressed[clang<14] and [clang>14]: no declaration for clang 14 itself, built with clang-14.
set -u; cd "$WORK"
cat > case.c <<'EOF'
#include <pthread.h>
// tsan-options: suppressions=supp.txt
// expect-tsan: none
// expect-suppressed[SEL]: race:worker 1 -- the rule hides the race under test only where SEL matches
int counter;
static void *worker(void *arg) {
  (void)arg;
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
EOF
echo "race:worker" > supp.txt
sed -i 's|^// expect-suppressed\[SEL\]: race:worker 1.*|// expect-suppressed[clang<14]: race:worker 1\n// expect-suppressed[clang>14]: race:worker 1|' case.c
"$TSAN_VERIFY" --cc clang-14 case.c
