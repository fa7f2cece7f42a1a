#!/bin/bash
# As 17, called the way tsan_verify_add_test registers a test: --binary, --cc, the flags, --instrumented lib.c.
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
printf '%s\n' -fsanitize=thread -g -O0 -std=c2x > flags.rsp
"$TSAN_VERIFY" --binary ./prog --opt O0 --cc clang-19 --cflag @"$WORK/flags.rsp" main.c --instrumented lib.c
