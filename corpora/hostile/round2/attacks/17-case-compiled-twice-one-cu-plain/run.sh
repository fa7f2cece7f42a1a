#!/usr/bin/env bash
cd "$WORK"
bash build.sh || exit 3
"$TSAN_VERIFY" --binary ./twice twice.c
