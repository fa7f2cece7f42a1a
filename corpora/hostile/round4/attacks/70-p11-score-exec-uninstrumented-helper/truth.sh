#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -g -O1 helper.c -o helper -pthread || exit 99
sed -i "s#HELPER_PATH#\"$WORK/helper\"#" p.c
clang -fsanitize=thread -g -O1 p.c -o p || exit 99
./p; echo "rc=$? (no TSan report: the racing process is not instrumented)"; clang -fsanitize=thread -g helper.c -o ht && ./ht 2>&1 | grep -c WARNING; true
