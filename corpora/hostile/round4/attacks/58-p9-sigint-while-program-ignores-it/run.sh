#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -O1 case.c -o prog || exit 99
nice "$TSAN_VERIFY" ./prog & pid=$!
sleep 1.5; kill -INT $pid
wait $pid; rc=$?
sleep 5; exit $rc
