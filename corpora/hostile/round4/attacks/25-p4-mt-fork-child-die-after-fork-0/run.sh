#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
TSAN_OPTIONS=die_after_fork=0 nice "$TSAN_VERIFY" case.c
