#!/bin/bash
# exit status = the tool's; 99 = setup failed
set -u
cd "$WORK" || exit 99
meson setup build >setup.log 2>&1 || { cat setup.log; exit 99; }
meson compile -C build >c.log 2>&1 || { cat c.log; exit 99; }
nice "$TSAN_VERIFY" --error-exit 99 --opt plain build/racer
