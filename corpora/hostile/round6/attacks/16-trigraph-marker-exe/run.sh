#!/bin/bash
# lib.c built with -std=c99 (trigraphs on): "??/"" is "\"" and the rest of line 3 is a // comment holding a marker
# on a line that never races. Without trigraphs it is a string. The reader, asked for lib.c, refuses the line
# (dialect unknown); the DWARF scan for marked sources must not drop the file.
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
"$TSAN_VERIFY" ./prog
