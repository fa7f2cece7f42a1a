#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
clang -fsanitize=thread -g -gsplit-dwarf -O1 -c case.c -o case.o && clang -fsanitize=thread case.o -o prog || exit 99
rm -f *.dwo; nice "$TSAN_VERIFY" ./prog
