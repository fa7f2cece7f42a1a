#!/bin/bash
# CLONE_UNTRACED child execs the program with its own TSAN_OPTIONS (log to /dev/null) and races
cd "$(dirname "$0")"; exec nice -n 10 "$TSAN_VERIFY" case.c
