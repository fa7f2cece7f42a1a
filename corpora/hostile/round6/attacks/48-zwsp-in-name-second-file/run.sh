#!/bin/bash
# U+200B inside the name, in a second source (refused in the case)
set -u
cd "$WORK"
base64 -d lib.c.b64 > lib.c

clang -fsanitize=thread -g -O0 main.c lib.c -o prog || exit 100
"$TSAN_VERIFY" ./prog
