#!/usr/bin/env bash
cd "$WORK"
UBSAN_OPTIONS=symbolize_inline_frames=0 "$TSAN_VERIFY" inl.c
