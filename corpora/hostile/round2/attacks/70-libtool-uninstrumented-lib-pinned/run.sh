#!/usr/bin/env bash
cd "$WORK"
bash build.sh >/dev/null 2>&1 || { echo build failed; exit 3; }
"$TSAN_VERIFY" --error-exit 99 ./racer
