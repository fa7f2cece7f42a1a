#!/usr/bin/env bash
cd "$WORK"
bash build.sh || exit 3
"$TSAN_VERIFY" --instrumented plugin.c --cflags "-fsanitize=thread -g -pthread -ldl" host.c
