#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
clang -fsanitize=thread -g -gsplit-dwarf -O1 -c case.c -o case.o && clang -fsanitize=thread case.o -o prog && ls *.dwo && rm *.dwo && ./prog 2>&1 | grep -E "WARNING|#0"; true
