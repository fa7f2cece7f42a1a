#!/usr/bin/env bash
cd "$WORK"
clang-19 -fsanitize=thread -g -O1 -pthread tc.c -o tc19 || exit 3
"$TSAN_VERIFY" ./tc19
