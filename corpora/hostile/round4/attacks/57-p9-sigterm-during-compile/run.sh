#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
# case.c: the racy case, then 6000 small functions that keep the compiler busy (generated: 550 KB of filler)
{ cat case.head; for i in $(seq 0 5999); do echo "int f$i(int x) { int y = x; for (int k = 0; k < $((2 + i % 7)); k++) y = y * 31 + k + $i; return y; }"; done; } > case.c
nice "$TSAN_VERIFY" --opt O2 case.c & pid=$!
sleep 1.5; kill -TERM $pid
wait $pid; rc=$?
sleep 1; exit $rc
