#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 case.c -o twin && ./twin; sleep 0.5; pgrep -f twin >/dev/null && echo "daemon still alive after main returned"; true
