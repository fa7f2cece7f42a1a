#!/bin/bash
# The user's TSAN_OPTIONS and UBSAN_OPTIONS turn reports, verbosity and the log off in every spelling; the harness
# pins its own: the racy case, correctly marked, is met.
cd "$WORK"
TSAN_OPTIONS='report_bugs=0,verbosity=0 log_path="/dev/null"' UBSAN_OPTIONS='report_bugs=0:verbosity=0:log_path=stderr' "$TSAN_VERIFY" case.c
