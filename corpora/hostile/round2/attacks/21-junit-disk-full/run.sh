#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --junit /dev/full racy.c
