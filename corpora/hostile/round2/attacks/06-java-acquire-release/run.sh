#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" java.c
