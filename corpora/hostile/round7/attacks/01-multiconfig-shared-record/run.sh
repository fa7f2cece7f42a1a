#!/bin/bash
# Ninja Multi-Config (a "Ninja" generator, accepted): one target per config, but the flags file and the kept
# reading are one path for all configs. Debug includes a generated hooks.h whose #line names the case (its racy
# write is reported on line 13, the marker's); Release (-DNDEBUG) does not. Build Debug, then Release; test Debug.
cd "$WORK"
printf '#line 13 "%s/case.c"\nstatic void hook(void) { shared++; }\n' "$WORK" > hooks.h
nice -n 10 cmake -S . -B build -G "Ninja Multi-Config" -DCMAKE_PREFIX_PATH="$TSAN_VERIFY_PREFIX" -DCMAKE_C_COMPILER=clang >/dev/null || exit 99
nice -n 10 cmake --build build --config Debug >/dev/null || exit 99
nice -n 10 cmake --build build --config Release >/dev/null || exit 99
cd build && ctest -C Debug -V 2>&1 | grep -E 'Test command|met|cannot|case.c' | cut -c1-400
ctest -C Debug >/dev/null 2>&1 && exit 0
# the exit status of the tsan-verify call itself
cmd=$(ctest -C Debug --show-only=json-v1 | python3 -c 'import json,sys; t=json.load(sys.stdin)["tests"][0]; print("\0".join(t["command"]))' | tr '\0' '\n')
mapfile -t argv <<<"$cmd"; cd "$WORK/build" && "${argv[@]}" >/dev/null 2>&1
