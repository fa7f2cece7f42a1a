#!/bin/bash
# A reproducible build: the build folder mapped to /src in the debug info.
clang -fsanitize=thread -g -O1 -ffile-prefix-map="$PWD"=/src racy.c -o prog -pthread || exit 99
"$TSAN_VERIFY" --binary ./prog racy.c
