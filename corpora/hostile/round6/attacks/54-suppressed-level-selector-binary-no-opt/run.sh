#!/bin/bash
# expect-suppressed[O2] declared, --binary without --opt: the level is unknown, so the declaration cannot be applied.
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
sed -i 's/\[SEL\]/[O2]/' case.c
clang-14 -fsanitize=thread -g -O2 case.c -o prog || exit 100
"$TSAN_VERIFY" --binary ./prog case.c
