#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
make -s t >/dev/null 2>&1 || exit 99
nice "$TSAN_VERIFY" ./t
