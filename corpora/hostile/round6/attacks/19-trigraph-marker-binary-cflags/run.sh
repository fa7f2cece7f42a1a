#!/bin/bash
# As 16, with the flags given (--cc gcc-12 --cflags ... -std=c99): the harness can ask the compiler.
set -u; cd "$WORK"
cat > lib.c <<'XEOF'
int calm(int x) {
  int y = x * 3;
  const char *volatile s = "??/"" // expect-tsan: data race"
  ;
  (void)s;
  return y + 1;
}
XEOF
gcc-12 -fsanitize=thread -g -O0 -std=c99 main.c lib.c -o prog 2>/dev/null || exit 100
"$TSAN_VERIFY" --binary ./prog --opt O0 --cc gcc-12 --cflags "-fsanitize=thread -g -O0 -std=c99" main.c
