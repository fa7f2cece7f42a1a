#!/bin/bash
export PATH="$(dirname "$TSAN_VERIFY"):$PATH"
CC=clang meson setup build >/dev/null || exit 98
meson compile -C build >/dev/null || exit 98
# what `meson test` runs for test('race'): tsan-verify --error-exit 99 --opt 1 build/racer
"$TSAN_VERIFY" --error-exit 99 --opt 1 build/racer
