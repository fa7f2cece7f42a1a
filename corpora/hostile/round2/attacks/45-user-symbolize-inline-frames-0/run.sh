#!/usr/bin/env bash
cd "$WORK"
TSAN_OPTIONS=symbolize_inline_frames=0 "$TSAN_VERIFY" inl.c
