#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" --repeat 0 flush.c
