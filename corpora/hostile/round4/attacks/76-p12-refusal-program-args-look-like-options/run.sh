#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
nice "$TSAN_VERIFY" case.c -- --json -v --timeout 0 --binary x
