#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -mllvm -tsan-instrument-atomics=0" atom.c
