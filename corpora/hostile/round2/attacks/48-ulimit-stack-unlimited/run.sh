#!/usr/bin/env bash
cd "$WORK"
ulimit -s unlimited
"$TSAN_VERIFY" racy.c
