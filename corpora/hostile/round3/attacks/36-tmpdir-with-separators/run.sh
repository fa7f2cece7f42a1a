#!/bin/bash
# TMPDIR names a folder (made here, in the current scratch folder) whose name
# holds TSan option separators: colon, comma, space.
odd="$PWD/ci:job,1 x"
mkdir -p "$odd" || exit 99
TMPDIR="$odd" "$TSAN_VERIFY" racy.c
