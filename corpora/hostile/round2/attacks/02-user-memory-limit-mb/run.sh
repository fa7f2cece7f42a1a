#!/usr/bin/env bash
cd "$WORK"
TSAN_OPTIONS=memory_limit_mb=1 "$TSAN_VERIFY" flush.c
