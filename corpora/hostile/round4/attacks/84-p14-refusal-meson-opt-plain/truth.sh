#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
cc -fsanitize=thread -g case.c -o twin -pthread && ./twin 2>&1 | grep -E "WARNING|#0"; true
