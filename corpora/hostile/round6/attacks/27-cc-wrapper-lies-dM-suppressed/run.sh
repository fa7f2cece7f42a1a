#!/bin/bash
# --cc wrapper that answers the predefined-macro probe (-dM -E) as gcc-12 and compiles with clang-14:
# the binary the harness built says clang 14 (DW_AT_producer, .comment, the runtime), yet gcc markers apply.
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
sed -i 's/\[SEL\]/[gcc]/' case.c
cat > cc-wrap <<'XEOF'
#!/bin/bash
for a in "$@"; do [ "$a" = -dM ] && exec gcc-12 "$@"; done
exec clang-14 "$@"
XEOF
chmod +x cc-wrap
"$TSAN_VERIFY" --cc "$WORK/cc-wrap" case.c
