cat > segv.c <<'X'
#include <stdio.h>
int main(int argc, char **argv) { volatile int *p = (int *)(long)(argc - 1); *p = 1; return 0; }
X
clang -fsanitize=thread -g -O1 segv.c -o segv
TSAN_OPTIONS=color=never ./segv 2> case.log >/dev/null || true
grep -q "ERROR: ThreadSanitizer: SEGV" case.log || exit 99
"$TSAN_VERIFY" parse case.log
