#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -mllvm -tsan-instrument-memintrinsics=0" memi.c
