#!/bin/bash
autoreconf -fi >/dev/null 2>&1 || exit 98
CC=clang ./configure >/dev/null || exit 98
make -s racer >/dev/null 2>&1 || exit 98
# what `make check` runs for TESTS = racer: tsan-verify --error-exit 99 ./racer
"$TSAN_VERIFY" --error-exit 99 ./racer
