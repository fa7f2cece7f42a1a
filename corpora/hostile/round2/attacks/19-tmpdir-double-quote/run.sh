#!/usr/bin/env bash
cd "$WORK"
d="$TMPDIR/a\"b"; mkdir -p "$d"
TMPDIR="$d" "$TSAN_VERIFY" racy.c; rc=$?
rmdir "$d" 2>/dev/null
exit $rc
