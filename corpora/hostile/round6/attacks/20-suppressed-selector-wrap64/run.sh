#!/bin/bash
# expect-suppressed[clang>18446744073709551630]: a version no toolchain has (it wraps to a real one in 32/64-bit arithmetic).
# The rule hides the race about the code under test; declared for no real toolchain it must be not met (or an error).
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
sed -i 's/\[SEL\]/[clang>18446744073709551630]/' case.c
"$TSAN_VERIFY" --cc clang-14 case.c
