#!/bin/bash
# tsan-verify parse on a log holding one real TSan report, transformed: huge-line
cd "$(dirname "$0")"; "$TSAN_VERIFY" parse log > out 2>&1; rc=$?; cat out | tail -3; grep -q "^0 reports" out && echo "SAYS 0 REPORTS"; exit $rc
