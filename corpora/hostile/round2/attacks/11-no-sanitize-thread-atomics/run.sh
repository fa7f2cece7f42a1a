#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -fno-sanitize-thread-atomics" atom.c
