#!/usr/bin/env bash
cd "$WORK"
echo 'flush_memory_ms=10' > ci.opts
TSAN_OPTIONS=include=$PWD/ci.opts "$TSAN_VERIFY" flush.c
