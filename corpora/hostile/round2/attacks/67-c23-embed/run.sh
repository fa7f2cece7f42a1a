#!/usr/bin/env bash
cd "$WORK"
head -c 300 /dev/zero | tr '\0' 'A' > data.bin
"$TSAN_VERIFY" --cc clang-19 --cflags "-fsanitize=thread -g -pthread -std=c23" emb.c
