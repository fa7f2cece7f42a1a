#!/usr/bin/env bash
cd "$WORK"
"$TSAN_VERIFY" forkmis2.c
