#!/bin/bash
# re-exec with TWO TSAN_OPTIONS entries in envp, one harmless, one adding report_bugs=0 (both orders)
cd "$(dirname "$0")"; nice -n 10 "$TSAN_VERIFY" case.c; a=$?
EVIL_FIRST=1 nice -n 10 "$TSAN_VERIFY" case.c; b=$?
[ $a = 0 ] && exit 0; [ $b = 0 ] && exit 0; exit $(( a > b ? a : b ))
