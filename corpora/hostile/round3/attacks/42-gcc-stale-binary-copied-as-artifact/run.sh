#!/bin/bash
# CI job 1 builds the test program (gcc) and keeps it as an artifact.
gcc -fsanitize=thread -g -O1 -pthread counter.c -o prog || exit 99
sleep 1
# The fix lands: the source now locks (a commit after the build).
sed -i 's/^#define FIXED 0/#define FIXED 1/' counter.c
sleep 1
# CI job 2 downloads the artifact (a fresh copy: new mtime) and checks it
# against the checked-out source.
mkdir -p artifacts && cp prog artifacts/prog
"$TSAN_VERIFY" --binary artifacts/prog counter.c
