#!/bin/bash
# lib.c built by clang-19 -std=c2x: 1'2 is one number, so "// expect-tsan: data race'" is a marker comment (on a
# line that never races). Before C23 it is inside a character literal.
set -u; cd "$WORK"
cat > lib.c <<'XEOF'
#define M(a) 0
int calm(int x) {
  int y = x * 3 + M(1'2 // expect-tsan: data race'
  );
  return y + 1;
}
XEOF
clang-19 -fsanitize=thread -g -O0 -std=c2x main.c lib.c -o prog 2>/dev/null || exit 100
"$TSAN_VERIFY" ./prog
