#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --timeout 5 stop.c
