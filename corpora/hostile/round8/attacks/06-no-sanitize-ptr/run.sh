#!/bin/bash
# no_sanitize("thread") function that races through a pointer argument (heap), not a global
cd "$(dirname "$0")"; exec nice -n 10 "$TSAN_VERIFY" case.c
