#!/usr/bin/env bash
cd "$WORK"
TSAN_OPTIONS=flush_memory_ms=10 "$TSAN_VERIFY" flush.c
