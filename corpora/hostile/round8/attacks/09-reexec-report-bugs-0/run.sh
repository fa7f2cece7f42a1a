#!/bin/bash
# the program re-execs itself with report_bugs=0 appended to TSAN_OPTIONS, then races
cd "$(dirname "$0")"; exec nice -n 10 "$TSAN_VERIFY" case.c
