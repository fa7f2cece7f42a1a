#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" fm.c
