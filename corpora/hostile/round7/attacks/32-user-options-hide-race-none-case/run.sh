#!/bin/bash
# A none case that races; the user's UBSAN_OPTIONS (read by clang's runtime after TSAN_OPTIONS) says report_bugs=0
# and an include file says ignore_noninstrumented_modules=1:flush_memory_ms=1.
cd "$WORK"; printf 'report_bugs=0\nflush_memory_ms=1\nmemory_limit_mb=1\n' > opts.txt
TSAN_OPTIONS="include=$WORK/opts.txt" UBSAN_OPTIONS='report_bugs=0' "$TSAN_VERIFY" case.c
