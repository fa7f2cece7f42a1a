#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" exit66.c
