#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --tap todo.c > tap.txt; rc=$?
cat tap.txt
if prove -e cat tap.txt >/dev/null 2>&1; then echo "TAP consumer passes"; exit 0; fi
exit $rc
