#!/usr/bin/env bash
cd "$WORK"
TSAN_OPTIONS=io_sync=2 "$TSAN_VERIFY" io.c
