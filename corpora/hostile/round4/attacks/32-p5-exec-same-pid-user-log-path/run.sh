#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
TSAN_OPTIONS=log_path=$WORK/tsanlog nice "$TSAN_VERIFY" case.c
