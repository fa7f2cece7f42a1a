#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --error-exit 99 skip.c flush.c nomarker.c
