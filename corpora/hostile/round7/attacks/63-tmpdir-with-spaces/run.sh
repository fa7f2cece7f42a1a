#!/bin/bash
# TMPDIR whose name holds spaces and a colon (it travels through TSAN_OPTIONS as log_path).
cd "$WORK"; d="$TMPDIR/a b:c"; mkdir -p "$d"; TMPDIR="$d" "$TSAN_VERIFY" case.c; rc=$?; rmdir "$d"; exit $rc
