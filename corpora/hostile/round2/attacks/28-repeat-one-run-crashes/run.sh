#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --error-exit 99 --repeat 3 rep.c
