#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
TSAN_OPTIONS="suppressions=$WORK/my.supp" nice "$TSAN_VERIFY" case.c
