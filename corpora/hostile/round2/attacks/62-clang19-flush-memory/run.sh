#!/usr/bin/env bash
cd "$WORK"
TSAN_OPTIONS=flush_memory_ms=10 "$TSAN_VERIFY" --cc clang-19 flush.c
