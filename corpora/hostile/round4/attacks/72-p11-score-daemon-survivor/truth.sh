#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -O1 p.c -o p || exit 99
./p; sleep 0.3; pgrep -f "^./p" && echo "a process survives main"; true
