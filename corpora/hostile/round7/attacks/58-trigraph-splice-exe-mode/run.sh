#!/bin/bash
# Built with -std=c99 (trigraphs on): ??/ ends line 7's comment with a backslash, so line 8 (the racy write
# and its marker) is comment to the compiler. Checked as tsan-verify EXE: the flags are unknown.
cd "$WORK"; clang -std=c99 -fsanitize=thread -g -O1 case.c -o prog -pthread || exit 99
"$TSAN_VERIFY" ./prog
