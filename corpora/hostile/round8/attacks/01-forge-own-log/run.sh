#!/bin/bash
# The program rewrites its own TSan log (path from TSAN_OPTIONS log_path) after the race was reported,
# moving the report from the unmarked racy line 7 to the marked, race-free line 9.
cd "$(dirname "$0")"
exec nice -n 10 "$TSAN_VERIFY" case.c
