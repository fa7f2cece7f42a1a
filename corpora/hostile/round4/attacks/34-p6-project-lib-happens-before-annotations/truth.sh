#!/bin/bash
set -u
cd "${WORK:-$(dirname "$0")}" || exit 99
# twin: the same library without the two annotation calls
sed 's/AnnotateHappensBefore(__FILE__, __LINE__, &ready); //; s/ AnnotateHappensAfter(__FILE__, __LINE__, &ready);//' sync.c > sync2.c
grep -c 'Annotate.*(__FILE__' sync2.c
clang -fsanitize=thread -g -O1 case.c sync2.c -o twin || exit 99
echo "--- twin without annotations:"; ./twin 2>&1 | grep -E "WARNING|#0|reported"
clang -fsanitize=thread -g -O1 case.c sync.c -o prog || exit 99
echo "--- as written (annotated):"; ./prog 2>&1 | grep -cE "WARNING"; true
